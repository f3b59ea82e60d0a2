import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** File names a folder walk picks up; files named on the command line are always read. */
const INPUT_NAME = /\.(json|csv|gz)$/i;

/**
 * Expands the given paths into input files: folders are searched recursively, hidden files and folders
 * (`.name`) and CloudTrail digest files (`CloudTrail-Digest`) are skipped. Returns sorted, unique paths and
 * the paths that could not be read.
 */
export async function listInputFiles(
  paths: string[],
): Promise<{ files: string[]; errors: { where: string; reason: string }[] }> {
  const files = new Set<string>();
  const errors: { where: string; reason: string }[] = [];
  const visited = new Set<string>();
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      const real = await realpath(dir);
      if (visited.has(real)) return; // a symbolic link loop
      visited.add(real);
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ where: dir, reason: `cannot read folder: ${(e as { code?: string }).code ?? 'error'}` });
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name.includes('CloudTrail-Digest')) continue;
      const full = path.join(dir, e.name);
      const isDir =
        e.isDirectory() || (e.isSymbolicLink() && (await stat(full).catch(() => null))?.isDirectory());
      if (isDir) await walk(full);
      else if ((e.isFile() || e.isSymbolicLink()) && INPUT_NAME.test(e.name)) files.add(full);
    }
  }
  for (const p of paths) {
    try {
      const s = await stat(p);
      if (s.isDirectory()) await walk(p);
      else files.add(p);
    } catch (e) {
      const code = (e as { code?: string }).code;
      errors.push({
        where: p,
        reason: code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${code ?? 'error'}`,
      });
    }
  }
  return { files: [...files].sort(), errors };
}
