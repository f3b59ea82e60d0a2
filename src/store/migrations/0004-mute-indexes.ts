import type { Kysely } from 'kysely';
import type { StoreMigration } from './types.js';

/** Indexes for the explorer's muted status: mutes looked up by detection id and by rule. */
export const muteIndexes: StoreMigration = {
  name: '0004-mute-indexes',
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('mutes_detection').on('mutes').column('detection_id').execute();
    await db.schema.createIndex('mutes_rule').on('mutes').column('rule').execute();
  },
};
