import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `dir`, as sorted relative paths. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** A SHA-256 over every file's relative path and bytes. */
export async function hashTree(dir: string): Promise<string> {
  const h = createHash('sha256');
  for (const f of await listFiles(dir)) {
    h.update(f);
    h.update(await readFile(join(dir, f)));
  }
  return h.digest('hex');
}

/** Parses a credential report CSV into rows keyed by column name. */
export function parseCsv(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trim().split('\n');
  const cols = (header ?? '').split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i] as string, v])));
}
