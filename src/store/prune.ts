import type { Kysely } from 'kysely';
import { StoreError } from './errors.js';
import type { Database } from './schema.js';

/** What `prune` removed. */
export interface PruneResult {
  scansDeleted: number[];
  resourceVersionsDeleted: number;
}

/**
 * Keeps the newest `keep` scans and deletes older ones with their snapshots (resource versions no kept scan
 * uses, identities, per-scan detection lists). Lifecycle state, the timeline, mutes and usage are history and
 * stay. Runs in the caller's transaction.
 * @throws StoreError when `keep` is not a whole number of at least 1.
 */
export async function pruneScans(db: Kysely<Database>, keep: number): Promise<PruneResult> {
  if (!Number.isInteger(keep) || keep < 1) {
    throw new StoreError(`prune: keep must be a whole number ≥ 1, got ${keep}`, 'store.invalid-keep');
  }
  const old = await db
    .selectFrom('scans')
    .select('id')
    .orderBy('id', 'desc')
    .offset(keep)
    .limit(1_000_000)
    .execute();
  const ids = old.map((r) => r.id);
  if (ids.length === 0) return { scansDeleted: [], resourceVersionsDeleted: 0 };
  for (const table of ['scan_resources', 'scan_identities', 'scan_detections', 'scan_insights'] as const) {
    await db.deleteFrom(table).where('scan_id', 'in', ids).execute();
  }
  await db.deleteFrom('scans').where('id', 'in', ids).execute();
  await db
    .deleteFrom('relationships')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('scan_resources')
            .select('scan_id')
            .whereRef('scan_resources.version_id', '=', 'relationships.version_id'),
        ),
      ),
    )
    .execute();
  const gone = await db
    .deleteFrom('resource_versions')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('scan_resources')
            .select('scan_id')
            .whereRef('scan_resources.version_id', '=', 'resource_versions.id'),
        ),
      ),
    )
    .executeTakeFirst();
  return { scansDeleted: ids.sort((a, b) => a - b), resourceVersionsDeleted: Number(gone.numDeletedRows) };
}
