import type { Kysely, Migration } from 'kysely';
import { Migrator } from 'kysely';
import { StoreError } from './errors.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Dialect } from './migrations/types.js';
import type { Database } from './schema.js';

/**
 * Applies every pending migration in order (Kysely's Migrator records them and takes a lock, so two
 * processes opening the same store at once apply each migration once).
 * @throws StoreError when a migration fails; nothing of that migration is applied.
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: {
      async getMigrations(): Promise<Record<string, Migration>> {
        return Object.fromEntries(
          MIGRATIONS.map((m) => [m.name, { up: (d: Kysely<unknown>) => m.up(d, dialect) }]),
        );
      },
    },
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely's migration lock is a no-op on SQLite, so a second process opening a new file at the same moment
  // fails on "table already exists" after the first commits. SQLite DDL is transactional, so the failed attempt
  // left nothing behind: run again, and the migrations the other process applied are skipped.
  for (let attempt = 0; error && dialect === 'sqlite' && attempt < 3; attempt += 1) {
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError(
      `store migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
      'store.migration-failed',
      { cause: error },
    );
  }
}
