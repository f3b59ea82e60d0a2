import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Store } from '../store/index.js';
import { isPostgresTarget, openStore, redact, StoreError } from '../store/index.js';
import type { CliIo } from './io.js';
import { CliError } from './io.js';

/** The default store: `iamrisk.db` in the working directory. */
export const DEFAULT_DB = 'iamrisk.db';

/**
 * Opens the store named by `--db` (default `iamrisk.db`), runs `fn` and closes it. Store failures become
 * one-line CLI errors. With `mustExist`, a missing SQLite file is an error instead of a new empty store.
 */
export async function withStore<T>(
  db: string | undefined,
  io: CliIo,
  fn: (store: Store) => Promise<T>,
  opts: { mustExist?: boolean } = {},
): Promise<T> {
  const target = db ?? DEFAULT_DB;
  if (opts.mustExist && !isPostgresTarget(target) && !existsSync(path.resolve(io.cwd, target))) {
    throw new CliError(
      `no store at ${path.resolve(io.cwd, target)}; run "iamrisk scan PATH --db ${target}" first`,
    );
  }
  let store: Store;
  try {
    store = await openStore(target, io.cwd);
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : `cannot open store ${redact(target)}`);
  }
  try {
    return await fn(store);
  } catch (e) {
    if (e instanceof StoreError) throw new CliError(e.message);
    throw e;
  } finally {
    await store.close();
  }
}
