import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

/** Connects to PostgreSQL by URL (`postgres://user@host:port/db`) through a small pool. */
export function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // A connection the server closes (restart, failover) is an 'error' event: on the pool for an idle client,
  // on the client itself while it is checked out between two queries (a read transaction). Unhandled, either
  // would crash the process. The pool drops a broken client (idle, or when released) and opens a new one on
  // the next query; the query in flight fails and the server answers 503
  // (test/hardening/server-postgres-restart.test.ts).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** True when `target` names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}
