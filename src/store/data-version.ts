import type { Kysely } from 'kysely';
import { toNumber } from './batch.js';
import type { Database } from './schema.js';

/** What a change counter counts: writes to the findings (recording a scan) or to the mutes. */
export type DataKind = 'findings' | 'mutes';

/** The change counters as one snapshot sees them. */
export type DataVersion = Record<DataKind, number>;

/**
 * Marks findings or mutes as changed. Call it in the transaction that writes them (recording a scan, muting,
 * unmuting), so a reader sees the new counter exactly when it sees the new rows.
 */
export async function bumpDataVersion(db: Kysely<Database>, kind: DataKind): Promise<void> {
  await db
    .updateTable('data_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('name', '=', kind)
    .execute();
}

/** The change counters of findings and mutes as the caller's snapshot sees them. */
export async function readDataVersion(db: Kysely<Database>): Promise<DataVersion> {
  const rows = await db.selectFrom('data_version').select(['name', 'version']).execute();
  const of = (kind: DataKind) => toNumber(rows.find((r) => r.name === kind)?.version);
  return { findings: of('findings'), mutes: of('mutes') };
}
