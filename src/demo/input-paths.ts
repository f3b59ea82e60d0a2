import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The manifest's file name inside a generated demo folder. */
export const MANIFEST_FILE = 'demo-manifest.json';

/**
 * The paths to scan in a generated demo folder: every top-level entry except the manifest (which is not an AWS
 * export, so a scan of the whole folder would report it as an unrecognised input) and dot-files.
 */
export async function demoInputPaths(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir);
  return entries
    .filter((e) => e !== MANIFEST_FILE && !e.startsWith('.'))
    .sort()
    .map((e) => join(outDir, e));
}
