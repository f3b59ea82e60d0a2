import type { Kysely } from 'kysely';
import type { DataVersion } from './data-version.js';
import { readDataVersion } from './data-version.js';
import { ExplorerIndex } from './explorer-index.js';
import type { Database } from './schema.js';

/** Builds the index of the data at `version` from the caller's snapshot ({@link ExplorerIndex.load}). */
export type IndexLoader = (db: Kysely<Database>, version: DataVersion) => Promise<ExplorerIndex>;

/**
 * One store's explorer index, kept while the data version stays the same. Each read compares the version in
 * its own snapshot, so a scan, mute or unmute by this process or another one (`iamrisk scan`, `watch`) is
 * seen by the next read, which updates the index inside its snapshot: after a change to mutes only, it
 * re-reads the mutes; after a scan, it rebuilds. Reads of the same version while an update runs wait for it
 * instead of starting their own.
 */
export class ExplorerIndexCache {
  private current: ExplorerIndex | null = null;
  private readonly pending = new Map<string, Promise<ExplorerIndex>>();

  constructor(private readonly load: IndexLoader = (db, version) => ExplorerIndex.load(db, version)) {}

  /** The index for the data `db` (a read transaction) sees. */
  async get(db: Kysely<Database>): Promise<ExplorerIndex> {
    const version = await readDataVersion(db);
    const current = this.current;
    if (current && sameVersion(current.version, version)) return current;
    const key = `${version.findings}/${version.mutes}`;
    let update = this.pending.get(key);
    if (!update) {
      update =
        current?.version.findings === version.findings
          ? current.withMutes(db, version)
          : this.load(db, version);
      this.pending.set(key, update);
      update
        .then(
          (index) => {
            this.current = index;
          },
          () => undefined,
        )
        .finally(() => this.pending.delete(key));
    }
    return update;
  }
}

function sameVersion(a: DataVersion, b: DataVersion): boolean {
  return a.findings === b.findings && a.mutes === b.mutes;
}
