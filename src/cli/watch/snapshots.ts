import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Names of the snapshot folders `watch` creates: the start time, `:` and `.` replaced (safe on every OS). */
const NAME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(?:-\d{1,4})?$/;

/** A new, unused snapshot folder path under `root` named after `at` (e.g. `2026-11-20T06-00-00-000Z`). */
export function newSnapshotPath(root: string, at: Date): string {
  const base = at.toISOString().replace(/[:.]/g, '-');
  let name = base;
  for (let i = 1; existsSync(path.join(root, name)); i++) name = `${base}-${i}`;
  return path.join(root, name);
}

/**
 * Deletes the oldest snapshot folders directly under `root` beyond the newest `keep`, apart from `protect`.
 * Only folders named as {@link newSnapshotPath} names them are considered: nothing else under `root`, and
 * nothing outside it (symbolic links are not followed), is ever deleted.
 * @returns the deleted folders.
 */
export function pruneSnapshots(
  root: string,
  keep: number,
  protect: ReadonlySet<string> = new Set(),
): string[] {
  const names = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && NAME_RE.test(d.name))
    .map((d) => d.name)
    .sort()
    .reverse();
  const deleted: string[] = [];
  for (const name of names.slice(keep)) {
    const dir = path.join(root, name);
    if (protect.has(dir)) continue;
    rmSync(dir, { recursive: true, force: true });
    deleted.push(dir);
  }
  return deleted;
}
