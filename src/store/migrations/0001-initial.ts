import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Dialect, StoreMigration } from './types.js';

/** Scans, inventory snapshot, lifecycle, timeline, mutes, CloudTrail usage and its file ledger. */
export const initial: StoreMigration = {
  name: '0001-initial',
  async up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
    const idType = dialect === 'postgres' ? 'serial' : 'integer';
    const id = (c: ColumnDefinitionBuilder) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();

    await db.schema
      .createTable('scans')
      .addColumn('id', idType, id)
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('as_of', 'text', (c) => c.notNull())
      .addColumn('window_days', 'integer', (c) => c.notNull())
      .addColumn('partial', 'integer', (c) => c.notNull())
      .addColumn('detection_count', 'integer', (c) => c.notNull())
      .addColumn('identity_count', 'integer', (c) => c.notNull())
      .addColumn('resource_count', 'integer', (c) => c.notNull())
      .addColumn('inputs_json', 'text', (c) => c.notNull())
      .addColumn('summary_json', 'text', (c) => c.notNull())
      .addColumn('coverage_json', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('resource_versions')
      .addColumn('id', idType, id)
      .addColumn('arn', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('config_json', 'text', (c) => c.notNull())
      .addUniqueConstraint('resource_versions_arn_hash', ['arn', 'hash'])
      .execute();

    await db.schema
      .createTable('scan_resources')
      .addColumn('scan_id', 'integer', (c) => c.notNull())
      .addColumn('arn', 'text', (c) => c.notNull())
      .addColumn('version_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('scan_resources_pk', ['scan_id', 'arn'])
      .execute();
    await db.schema.createIndex('scan_resources_version').on('scan_resources').column('version_id').execute();

    await db.schema
      .createTable('relationships')
      .addColumn('version_id', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('to_arn', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('relationships_version').on('relationships').column('version_id').execute();
    await db.schema.createIndex('relationships_to').on('relationships').column('to_arn').execute();

    await db.schema
      .createTable('scan_identities')
      .addColumn('scan_id', 'integer', (c) => c.notNull())
      .addColumn('arn', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('is_admin', 'integer', (c) => c.notNull())
      .addColumn('used_json', 'text', (c) => c.notNull())
      .addColumn('denied_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('scan_identities_pk', ['scan_id', 'arn'])
      .execute();

    await db.schema
      .createTable('scan_detections')
      .addColumn('scan_id', 'integer', (c) => c.notNull())
      .addColumn('detection_id', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('scan_detections_pk', ['scan_id', 'detection_id'])
      .execute();

    await db.schema
      .createTable('findings')
      .addColumn('detection_id', 'text', (c) => c.primaryKey())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('resource_arn', 'text', (c) => c.notNull())
      .addColumn('resource_type', 'text', (c) => c.notNull())
      .addColumn('resource_name', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('first_seen_scan', 'integer', (c) => c.notNull())
      .addColumn('first_seen_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_scan', 'integer', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('resolved_scan', 'integer')
      .addColumn('resolved_at', 'text')
      .addColumn('reopen_count', 'integer', (c) => c.notNull())
      .addColumn('body_json', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('findings_resource').on('findings').column('resource_arn').execute();
    await db.schema.createIndex('findings_status').on('findings').columns(['status', 'severity']).execute();

    await db.schema
      .createTable('timeline_events')
      .addColumn('id', idType, id)
      .addColumn('detection_id', 'text', (c) => c.notNull())
      .addColumn('resource_arn', 'text', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('scan_id', 'integer')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('from_severity', 'text')
      .addColumn('to_severity', 'text')
      .execute();
    await db.schema
      .createIndex('timeline_events_resource')
      .on('timeline_events')
      .columns(['resource_arn', 'id'])
      .execute();

    await db.schema
      .createTable('mutes')
      .addColumn('id', idType, id)
      .addColumn('detection_id', 'text')
      .addColumn('rule', 'text')
      .addColumn('resource_pattern', 'text')
      .addColumn('like_pattern', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('removed_at', 'text')
      .addColumn('removed_by', 'text')
      .execute();

    await db.schema
      .createTable('usage_days')
      .addColumn('principal_arn', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('used', 'integer', (c) => c.notNull())
      .addColumn('denied', 'integer', (c) => c.notNull())
      .addColumn('errors', 'integer', (c) => c.notNull())
      .addColumn('first_seen', 'text', (c) => c.notNull())
      .addColumn('last_seen', 'text', (c) => c.notNull())
      .addColumn('last_used', 'text')
      .addColumn('last_denied', 'text')
      .addPrimaryKeyConstraint('usage_days_pk', ['principal_arn', 'action', 'day'])
      .execute();
    await db.schema.createIndex('usage_days_day').on('usage_days').column('day').execute();

    await db.schema
      .createTable('cloudtrail_files')
      .addColumn('path', 'text', (c) => c.primaryKey())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('mtime_ms', 'bigint', (c) => c.notNull())
      .addColumn('read_at', 'text', (c) => c.notNull())
      .execute();
  },
};
