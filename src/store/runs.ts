import type { Kysely } from 'kysely';
import { StoreError } from './errors.js';
import type { Database, RunsTable } from './schema.js';

/** How a run ended: `partial` recorded a scan with some parts missing; `failed` recorded none. */
export type RunStatus = 'succeeded' | 'failed' | 'partial';

const RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'partial'];

/** What `recordRun` stores. */
export interface RunInput {
  startedAt: Date;
  finishedAt: Date;
  status: RunStatus;
  /** The scan the run recorded; required unless the run failed. */
  scanId: number | null;
  /** What ran it, e.g. `watch` or `scan`. */
  source: string;
  /** Why it failed, or what was missing from a partial run (one line). */
  error?: string | null;
  /** The snapshot folder the run collected or scanned. */
  snapshot?: string | null;
}

/** A recorded run as `iamrisk runs` lists it. */
export interface RunInfo {
  id: number;
  startedAt: string;
  finishedAt: string;
  status: RunStatus;
  scanId: number | null;
  source: string;
  error: string | null;
  snapshot: string | null;
}

/** Filters of {@link listRuns}. */
export interface RunQuery {
  source?: string;
  status?: readonly RunStatus[];
  /** At most this many runs (the newest). */
  limit?: number;
}

/**
 * Records one run and returns it.
 * @throws StoreError when the status is unknown, a failed run names a scan, or another run names none.
 */
export async function recordRun(db: Kysely<Database>, input: RunInput): Promise<RunInfo> {
  if (!RUN_STATUSES.includes(input.status)) {
    throw new StoreError(`run: unknown status "${String(input.status)}"`, 'store.invalid-run');
  }
  if ((input.status === 'failed') !== (input.scanId === null)) {
    throw new StoreError(
      `run: a ${input.status} run ${input.status === 'failed' ? 'records no scan' : 'must name its scan'}`,
      'store.invalid-run',
    );
  }
  if (input.source.trim() === '') throw new StoreError('run: source is empty', 'store.invalid-run');
  const row = await db
    .insertInto('runs')
    .values({
      started_at: input.startedAt.toISOString(),
      finished_at: input.finishedAt.toISOString(),
      status: input.status,
      scan_id: input.scanId,
      source: input.source,
      error: input.error ?? null,
      snapshot: input.snapshot ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toInfo(row);
}

/** Recorded runs, newest first. */
export async function listRuns(db: Kysely<Database>, query: RunQuery = {}): Promise<RunInfo[]> {
  let q = db.selectFrom('runs').selectAll().orderBy('id', 'desc');
  if (query.source !== undefined) q = q.where('source', '=', query.source);
  if (query.status !== undefined) {
    if (query.status.length === 0) return [];
    q = q.where('status', 'in', [...query.status]);
  }
  if (query.limit !== undefined) q = q.limit(query.limit);
  return (await q.execute()).map(toInfo);
}

function toInfo(r: Omit<RunsTable, 'id'> & { id: number }): RunInfo {
  return {
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status as RunStatus,
    scanId: r.scan_id,
    source: r.source,
    error: r.error,
    snapshot: r.snapshot,
  };
}
