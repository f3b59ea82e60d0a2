import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { StoreMigration } from './types.js';

/**
 * Change counters of findings and of mutes, each bumped in the same transaction as every write to them
 * (data-version.ts): a process holding an in-memory copy of them (the explorer index) compares the counters
 * on each read and rebuilds when another process (`iamrisk scan`, `watch`, `mute`) has written since. One row
 * per counter, so a mute never waits for a scan's lock on PostgreSQL.
 */
export const dataVersion: StoreMigration = {
  name: '0005-data-version',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('data_version')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await sql`insert into data_version (name, version) values ('findings', 0), ('mutes', 0)`.execute(db);
  },
};
