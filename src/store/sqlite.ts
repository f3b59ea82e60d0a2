import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

/**
 * Opens a SQLite file in WAL mode: readers in other connections keep seeing the last committed scan while a
 * scan is written, and a writer killed mid-transaction leaves only uncommitted WAL frames, discarded on open.
 */
export function openSqlite(file: string): Kysely<Database> {
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  // Wait for another process's write transaction instead of failing at once with SQLITE_BUSY.
  raw.pragma('busy_timeout = 15000');
  // NORMAL is durable against process crashes in WAL mode (https://sqlite.org/pragma.html#pragma_synchronous).
  raw.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
}
