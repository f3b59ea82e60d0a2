import type { Kysely } from 'kysely';
import type { InputSummary } from '../model/input.js';
import type { ScanResult } from '../model/scan.js';
import { toNumber } from './batch.js';
import type { ScanCoverage } from './coverage.js';
import type { Database, ScansTable } from './schema.js';

/** A recorded scan as `iamrisk scans` lists it. */
export interface ScanInfo {
  id: number;
  /** When the scan was stored; lifecycle and timeline times use this clock. */
  recordedAt: string;
  /** The scan's "now" (`--as-of`). */
  asOf: string;
  windowDays: number;
  partial: boolean;
  detections: number;
  identities: number;
  resources: number;
  inputs: InputSummary[];
  summary: ScanResult['summary'];
  coverage: ScanCoverage;
}

/** Inserts the scan row and returns its id (first write of the transaction, so SQLite takes its write lock). */
export async function insertScan(
  db: Kysely<Database>,
  result: ScanResult,
  coverage: ScanCoverage,
  recordedAt: string,
  resourceCount: number,
): Promise<number> {
  const row = await db
    .insertInto('scans')
    .values({
      recorded_at: recordedAt,
      as_of: result.asOf,
      window_days: result.window.days,
      partial: result.summary.partial ? 1 : 0,
      detection_count: result.detections.length,
      identity_count: result.identities.length,
      resource_count: resourceCount,
      inputs_json: JSON.stringify(result.inputs),
      summary_json: JSON.stringify(result.summary),
      coverage_json: JSON.stringify(coverage),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

type ScanRow = Omit<ScansTable, 'id'> & { id: number };

function toInfo(r: ScanRow): ScanInfo {
  return {
    id: r.id,
    recordedAt: r.recorded_at,
    asOf: r.as_of,
    windowDays: r.window_days,
    partial: r.partial === 1,
    detections: r.detection_count,
    identities: r.identity_count,
    resources: r.resource_count,
    inputs: JSON.parse(r.inputs_json) as InputSummary[],
    summary: JSON.parse(r.summary_json) as ScanResult['summary'],
    coverage: JSON.parse(r.coverage_json) as ScanCoverage,
  };
}

/** Every stored scan, newest first. */
export async function listScans(db: Kysely<Database>): Promise<ScanInfo[]> {
  const rows = await db.selectFrom('scans').selectAll().orderBy('id', 'desc').execute();
  return rows.map(toInfo);
}

/** One scan by id, or null. */
export async function getScan(db: Kysely<Database>, id: number): Promise<ScanInfo | null> {
  const row = await db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toInfo(row) : null;
}

/** The id of the newest complete (committed) scan, or null when none is stored. */
export async function latestScanId(db: Kysely<Database>): Promise<number | null> {
  const row = await db
    .selectFrom('scans')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return row?.id === null || row?.id === undefined ? null : toNumber(row.id);
}

/** Ids and record times of all scans, oldest first (to place mute events on the scan timeline). */
export async function scanClock(db: Kysely<Database>): Promise<{ id: number; recordedAt: string }[]> {
  const rows = await db.selectFrom('scans').select(['id', 'recorded_at']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, recordedAt: r.recorded_at }));
}
