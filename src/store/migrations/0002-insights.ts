import type { Kysely } from 'kysely';
import type { StoreMigration } from './types.js';

/** Per-identity insights of a scan (granted actions by service with their usage status), one JSON blob each. */
export const insights: StoreMigration = {
  name: '0002-insights',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('scan_insights')
      .addColumn('scan_id', 'integer', (c) => c.notNull())
      .addColumn('arn', 'text', (c) => c.notNull())
      .addColumn('insights_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('scan_insights_pk', ['scan_id', 'arn'])
      .execute();
    await db.schema
      .createIndex('scan_insights_arn')
      .on('scan_insights')
      .columns(['arn', 'scan_id'])
      .execute();
    // The explorer groups and filters the current findings by rule and resource.
    await db.schema.createIndex('findings_rule').on('findings').columns(['rule', 'severity']).execute();
  },
};
