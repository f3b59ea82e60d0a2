import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Store } from '../store.js';
import { openStore } from '../store.js';

/** A fresh, empty store location for one test: a SQLite file or a new PostgreSQL database. */
export interface TestTarget {
  /** What `openStore` takes. */
  target: string;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestTarget>;
}

const sqlite: Backend = {
  name: 'sqlite',
  async create() {
    const dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-store-'));
    return {
      target: path.join(dir, 'iamrisk.db'),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

/** The admin URL of the test server; throws the reason the global setup could not start it. */
export function pgAdminUrl(): string {
  const error = inject('pgError');
  if (error) throw new Error(`PostgreSQL test server unavailable: ${error}`);
  return inject('pgUrl');
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: pgAdminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const postgres: Backend = {
  name: 'postgres',
  async create() {
    // The name is ours (hex), never data; identifiers cannot be bound as parameters.
    const name = `t_${randomBytes(8).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    const url = new URL(pgAdminUrl());
    url.pathname = `/${name}`;
    return {
      target: url.toString(),
      cleanup: () =>
        admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
    };
  },
};

/** Both backends: store suites run once per entry (`describe.each`). */
export const BACKENDS: readonly Backend[] = [sqlite, postgres];

/** Opens a store on a fresh target; returns it with a cleanup that closes and deletes it. */
export async function freshStore(
  backend: Backend,
): Promise<{ store: Store; target: string; cleanup(): Promise<void> }> {
  const t = await backend.create();
  const store = await openStore(t.target);
  return {
    store,
    target: t.target,
    cleanup: async () => {
      await store.close();
      await t.cleanup();
    },
  };
}
