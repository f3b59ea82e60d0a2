import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The manifest's file name inside a generated demo folder. */
export const MANIFEST_FILE = 'demo-manifest.json';

/**
 * The paths to scan in a generated demo folder: its account and CloudTrail folders and export files — not the
 * manifest (not an AWS export, so a scan would report it as an unrecognised input), dot-files, or anything
 * else kept there, such as the demo's store (`iamrisk.db`).
 */
export async function demoInputPaths(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { withFileTypes: true });
  return entries
    .filter((e) => !e.name.startsWith('.') && e.name !== MANIFEST_FILE)
    .filter((e) => e.isDirectory() || /\.(json|csv)(\.gz)?$/.test(e.name))
    .map((e) => e.name)
    .sort()
    .map((name) => join(outDir, name));
}
