import type { Kysely } from 'kysely';
import type { Dialect, StoreMigration } from './types.js';

/**
 * Collection and scan runs (`iamrisk watch`, `scan --db`): when each ran, how it ended and which scan it
 * recorded. A failed run records no scan, so the latest scan stays the last good one.
 */
export const runs: StoreMigration = {
  name: '0003-runs',
  async up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
    await db.schema
      .createTable('runs')
      .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
      )
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('scan_id', 'integer')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('snapshot', 'text')
      .execute();
  },
};
