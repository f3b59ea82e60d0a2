import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Inventory } from '../model/inventory.js';
import type { ScanResult } from '../model/scan.js';
import { scanCoverage } from './coverage.js';
import { bumpDataVersion } from './data-version.js';
import { StoreError } from './errors.js';
import { applyLifecycle, loadFindingStates } from './findings.js';
import { writeIdentities } from './identities.js';
import type { IdentityInsightsInput } from './insights.js';
import { writeInsights } from './insights.js';
import type { LifecycleEvent } from './lifecycle.js';
import { planLifecycle } from './lifecycle.js';
import { writeResources } from './resources.js';
import { insertScan } from './scans.js';
import type { Dialect } from './migrations/types.js';
import type { Database } from './schema.js';
import { snapshotResources } from './snapshot.js';

/** Advisory lock key that serialises scan recording on PostgreSQL ("iamrisk" in ASCII, truncated). */
const SCAN_LOCK = 0x69616d72;

/** What a scan stores: its JSON result and the inventory behind it (from `runScan`). */
export interface RecordScanInput {
  result: ScanResult;
  inventory: Inventory;
  /** Per identity, every granted action and its usage status (the Insights tab); see `buildInsights`. */
  insights?: Iterable<IdentityInsightsInput>;
}

/** Stages of a recording, reported from inside the transaction. */
export type RecordStage = 'scan' | 'resources' | 'identities' | 'lifecycle';

export interface RecordOptions {
  /** The store's clock for this scan (default: now); lifecycle and timeline times use it. */
  recordedAt?: Date;
  /** Called as each stage starts, inside the open transaction. */
  onStage?: (stage: RecordStage) => void;
}

/** What recording a scan did. */
export interface RecordedScan {
  scanId: number;
  recordedAt: string;
  resources: number;
  newResourceVersions: number;
  events: LifecycleEvent[];
}

/**
 * Records a scan in one transaction: the scan row, the inventory snapshot, identities and the detections'
 * lifecycle. Until it commits, readers see the previous scan; if the process dies, nothing of it remains.
 */
export async function recordScan(
  db: Kysely<Database>,
  dialect: Dialect,
  input: RecordScanInput,
  opts: RecordOptions = {},
): Promise<RecordedScan> {
  const recordedAt = (opts.recordedAt ?? new Date()).toISOString();
  const coverage = scanCoverage(input.result, input.inventory);
  const records = snapshotResources(input.inventory);
  // SQLite rolls a transaction back by itself when the disk fills up; Kysely's own rollback then fails with
  // "no transaction is active" and hides the cause. Keep the first error, and say plainly when it is storage.
  let failure: unknown;
  try {
    return await db.transaction().execute(async (trx) => {
      try {
        return await recordInTransaction(trx, dialect, input, opts, recordedAt, coverage, records);
      } catch (e) {
        failure = e;
        throw e;
      }
    });
  } catch (e) {
    const cause = failure ?? e;
    const code = String((cause as { code?: unknown }).code ?? '');
    if (/^SQLITE_(FULL|IOERR)|^53100$/.test(code)) {
      throw new StoreError(`cannot record the scan: ${(cause as Error).message}`, 'store.write-failed', {
        cause,
      });
    }
    throw cause;
  }
}

async function recordInTransaction(
  trx: Kysely<Database>,
  dialect: Dialect,
  input: RecordScanInput,
  opts: RecordOptions,
  recordedAt: string,
  coverage: ReturnType<typeof scanCoverage>,
  records: ReturnType<typeof snapshotResources>,
): Promise<RecordedScan> {
  // One scan at a time: the lifecycle plan reads the state the previous scan left. SQLite's write lock
  // (taken by the first INSERT) does this already; PostgreSQL needs a transaction-scoped advisory lock.
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${SCAN_LOCK})`.execute(trx);
  opts.onStage?.('scan');
  const scanId = await insertScan(trx, input.result, coverage, recordedAt, records.length);
  opts.onStage?.('resources');
  const { newVersions } = await writeResources(trx, scanId, records);
  opts.onStage?.('identities');
  await writeIdentities(trx, scanId, input.result.identities);
  if (input.insights) await writeInsights(trx, scanId, input.insights);
  opts.onStage?.('lifecycle');
  const scan = { id: scanId, at: recordedAt };
  const plan = planLifecycle(await loadFindingStates(trx), input.result.detections, coverage, scan);
  await applyLifecycle(trx, plan, scan);
  await bumpDataVersion(trx, 'findings');
  return {
    scanId,
    recordedAt,
    resources: records.length,
    newResourceVersions: newVersions,
    events: plan.events,
  };
}
