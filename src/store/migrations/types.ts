import type { Kysely } from 'kysely';

/** The two supported databases. */
export type Dialect = 'sqlite' | 'postgres';

/** One versioned schema change; `name` (`NNNN-name`) orders it and is recorded once applied. */
export interface StoreMigration {
  name: string;
  // Migrations run before the typed schema exists, so they take an untyped Kysely.
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}
