import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo } from '../src/demo/generate.js';
import { demoInputPaths } from '../src/demo/input-paths.js';
import type { DemoManifest, DemoOptions } from '../src/demo/types.js';

const DEMO_SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'demo');

/** A hash of the generator's sources, so a changed generator never reuses a stale cached org. */
async function generatorHash(): Promise<string> {
  const h = createHash('sha256');
  for (const f of (await readdir(DEMO_SRC))
    .filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))
    .sort()) {
    h.update(f);
    h.update(await readFile(join(DEMO_SRC, f)));
  }
  return h.digest('hex').slice(0, 12);
}

/** A generated demo org, reused across runs when the options and the generator are unchanged. */
export interface CachedOrg {
  dir: string;
  /** What to scan: the exports, without the manifest. */
  paths: string[];
  manifest: DemoManifest;
  /** Seconds spent generating it in this run; 0 when it came from the cache. */
  generatedSeconds: number;
}

/** Generates (or reuses from os.tmpdir()) a demo organization for these options. */
export async function cachedOrg(opts: Omit<DemoOptions, 'outDir'>): Promise<CachedOrg> {
  const key = createHash('sha256')
    .update(JSON.stringify({ ...opts, asOf: opts.asOf?.toISOString() ?? null }))
    .update(await generatorHash())
    .digest('hex')
    .slice(0, 16);
  const dir = join(tmpdir(), 'iamrisk-bench', key);
  const marker = join(dir, '.complete');
  if (existsSync(marker)) {
    const manifest = JSON.parse(await readFile(join(dir, 'demo-manifest.json'), 'utf8')) as DemoManifest;
    return { dir, paths: await demoInputPaths(dir), manifest, generatedSeconds: 0 };
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const started = performance.now();
  const manifest = await generateDemo({ ...opts, outDir: dir });
  const generatedSeconds = (performance.now() - started) / 1000;
  await writeFile(marker, '');
  return { dir, paths: await demoInputPaths(dir), manifest, generatedSeconds };
}
