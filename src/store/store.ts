import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Detection, Severity } from '../model/finding.js';
import type { UsageDay } from '../model/usage.js';
import type { DetectionFacets, DetectionQuery, DetectionView } from './detections.js';
import { detectionViews, getDetection } from './detections.js';
import { StoreError } from './errors.js';
import type { DetectionGroup, GroupBy } from './groups.js';
import { ExplorerIndexCache } from './explorer-cache.js';
import type { ExplorerIndex } from './explorer-index.js';
import { getIdentity } from './identities.js';
import type { IdentityInsights } from './insights.js';
import { getInsights, getServiceInsights } from './insights.js';
import type { ActionInsight } from './insights-codec.js';
import { migrateToLatest } from './migrate.js';
import type { Dialect } from './migrations/types.js';
import type { Mute, MuteInput } from './mutes.js';
import { createMute, listMutes, mutedIds, removeMute } from './mutes.js';
import { isPostgresUrl, openPostgres } from './postgres.js';
import type { PruneResult } from './prune.js';
import { pruneScans } from './prune.js';
import type { RecordedScan, RecordOptions, RecordScanInput } from './record-scan.js';
import { recordScan } from './record-scan.js';
import type { ResourceSnapshot } from './resources.js';
import { getResource } from './resources.js';
import type { RunInfo, RunInput, RunQuery } from './runs.js';
import { listRuns, recordRun } from './runs.js';
import type { ScanInfo } from './scans.js';
import { getScan, latestScanId, listScans } from './scans.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite.js';
import type { TimelineEvent } from './timeline.js';
import { resourceHistory } from './timeline.js';
import type { CloudTrailLedger, FileStamp } from './usage.js';
import { markFiles, readDays, readLedger, upsertDays } from './usage.js';

/** CloudTrail usage kept across runs, so a run reads only new CloudTrail files. */
export interface UsageStore {
  /** Adds day rows (counts add up for an existing principal, action and day). */
  upsertDays(days: readonly UsageDay[]): Promise<void>;
  /** Day rows with `from <= day <= to` (`YYYY-MM-DD`), optionally for some principals. */
  readDays(from: string, to: string, principalArns?: readonly string[]): Promise<UsageDay[]>;
  /** The files already read, for `has(file)` checks. */
  ledger(): Promise<CloudTrailLedger>;
  /** Adds days and marks their files read in one transaction, so a crash never counts a file twice. */
  recordFiles(files: readonly FileStamp[], days: readonly UsageDay[]): Promise<void>;
}

/**
 * The store: scans, inventory snapshots, detection lifecycle and timeline, mutes and usage, over SQLite or
 * PostgreSQL. Reads that span several statements run in one transaction, so they never mix two scans.
 */
export class Store {
  readonly usage: UsageStore;
  /** The explorer's in-memory index of findings and mutes (explorer-index.ts), rebuilt when they change. */
  private readonly explorer = new ExplorerIndexCache();

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
  ) {
    this.usage = {
      upsertDays: (days) => db.transaction().execute((t) => upsertDays(t, days)),
      readDays: (from, to, arns) => readDays(db, from, to, arns),
      ledger: () => readLedger(db),
      recordFiles: (files, days) =>
        db.transaction().execute(async (t) => {
          await upsertDays(t, days);
          await markFiles(t, files, new Date());
        }),
    };
  }

  /** Records a scan in one transaction (see record-scan.ts). */
  recordScan(input: RecordScanInput, opts?: RecordOptions): Promise<RecordedScan> {
    return recordScan(this.db, this.dialect, input, opts);
  }

  /** Every stored scan, newest first. */
  listScans(): Promise<ScanInfo[]> {
    return listScans(this.db);
  }

  /** The newest stored scan, or null. */
  latestScan(): Promise<ScanInfo | null> {
    return this.read(async (t) => {
      const id = await latestScanId(t);
      return id === null ? null : getScan(t, id);
    });
  }

  /** Records a collection or scan run (see runs.ts); a failed run records no scan. */
  recordRun(input: RunInput): Promise<RunInfo> {
    return recordRun(this.db, input);
  }

  /** Recorded runs, newest first. */
  listRuns(query?: RunQuery): Promise<RunInfo[]> {
    return listRuns(this.db, query);
  }

  /** Keeps the newest `keep` scans (see prune.ts). */
  prune(keep: number): Promise<PruneResult> {
    return this.db.transaction().execute((t) => pruneScans(t, keep));
  }

  /** A resource's risk history, oldest first. */
  history(resourceArn: string, now = new Date()): Promise<TimelineEvent[]> {
    return this.read((t) => resourceHistory(t, resourceArn, now));
  }

  mute(input: MuteInput, now = new Date()): Promise<Mute> {
    return createMute(this.db, input, now);
  }

  /** Lifts a mute by id; null when it does not exist or was already lifted. */
  unmute(muteId: number, by: string, now = new Date()): Promise<Mute | null> {
    return removeMute(this.db, muteId, by, now);
  }

  listMutes(opts: { activeOnly?: boolean; now?: Date } = {}): Promise<Mute[]> {
    return listMutes(this.db, opts.now ?? new Date(), opts.activeOnly ?? false);
  }

  /** The ids among `detections` that an active mute covers at `now`. */
  mutedDetectionIds(detections: readonly Pick<Detection, 'id' | 'rule' | 'resource'>[], now = new Date()) {
    return mutedIds(this.db, detections, now);
  }

  /**
   * The explorer's detection list: current state with status, filtered and paged (from the explorer index;
   * the page's rows from the database, in the same snapshot).
   */
  listDetections(
    query: DetectionQuery = {},
    now = new Date(),
  ): Promise<{ total: number; items: DetectionView[] }> {
    return this.explore(async (index, t) => {
      const page = index.list(query, now);
      return { total: page.total, items: await detectionViews(t, page.ids, page.statuses) };
    });
  }

  /** Facet counts of the explorer: each dimension counted with every other filter applied. */
  detectionFacets(query: DetectionQuery = {}, now = new Date()): Promise<DetectionFacets> {
    return this.explore(async (index) => index.facets(query, now));
  }

  /** The explorer's grouped list: one page of groups (by rule or by resource) of the matching detections. */
  detectionGroups(
    query: DetectionQuery,
    by: GroupBy,
    now = new Date(),
  ): Promise<{ totalGroups: number; totalDetections: number; groups: DetectionGroup[] }> {
    return this.explore(async (index) => index.groups(query, by, now));
  }

  /** The worst severity of the open detections of each resource of `arns` (for marking graph nodes at risk). */
  worstOpenSeverity(arns: readonly string[], now = new Date()): Promise<Map<string, Severity>> {
    return this.explore(async (index) => index.worstOpenSeverity(arns, now));
  }

  /** An identity's granted permissions by service (the Insights tab), or null when no scan recorded them. */
  getInsights(arn: string, scanId?: number): Promise<IdentityInsights | null> {
    return getInsights(this.db, arn, scanId);
  }

  /** Every granted action of one service of an identity, with its status and last use. */
  getServiceInsights(arn: string, service: string, scanId?: number): Promise<ActionInsight[] | null> {
    return getServiceInsights(this.db, arn, service, scanId);
  }

  getDetection(id: string, now = new Date()): Promise<DetectionView | null> {
    return getDetection(this.db, id, now);
  }

  /** A resource's configuration and relationships in a scan (default: the newest scan that saw it). */
  getResource(arn: string, scanId?: number): Promise<ResourceSnapshot | null> {
    return this.read((t) => getResource(t, arn, scanId));
  }

  /** An identity's admin verdict and usage in a scan (default: the newest scan that saw it). */
  getIdentity(arn: string, scanId?: number) {
    return getIdentity(this.db, arn, scanId);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** Runs explorer reads in one snapshot, with the explorer index of the data that snapshot sees. */
  private explore<T>(fn: (index: ExplorerIndex, t: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.read(async (t) => fn(await this.explorer.get(t), t));
  }

  /** Runs reads in one snapshot: REPEATABLE READ on PostgreSQL, a deferred transaction on SQLite (WAL). */
  private read<T>(fn: (t: Kysely<Database>) => Promise<T>): Promise<T> {
    const tx = this.db.transaction();
    return (this.dialect === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx).execute(fn);
  }
}

/**
 * Opens (creating and migrating as needed) a store: a `postgres://` or `postgresql://` URL, or a SQLite file
 * path (relative paths resolve against `cwd`).
 * @throws StoreError when the database cannot be opened or migrated.
 */
export async function openStore(target: string, cwd = process.cwd()): Promise<Store> {
  const dialect: Dialect = isPostgresUrl(target) ? 'postgres' : 'sqlite';
  let db: Kysely<Database>;
  try {
    db = dialect === 'postgres' ? openPostgres(target) : openSqlite(resolve(cwd, target));
  } catch (e) {
    throw new StoreError(
      `cannot open store ${redact(target)}: ${(e as Error).message}`,
      'store.open-failed',
      { cause: e },
    );
  }
  try {
    await migrateToLatest(db, dialect);
  } catch (e) {
    await db.destroy();
    if (e instanceof StoreError) throw e;
    throw new StoreError(
      `cannot open store ${redact(target)}: ${(e as Error).message}`,
      'store.open-failed',
      { cause: e },
    );
  }
  return new Store(db, dialect);
}

/** Hides a password in a database URL before it reaches a message. */
export function redact(target: string): string {
  return target.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}
