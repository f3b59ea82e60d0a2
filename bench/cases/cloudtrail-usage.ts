import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { aggregateCloudTrail as aggregateCloudTrailType } from '../../src/usage/aggregate-cloudtrail.js';
import { cachedOrg } from '../org-cache.js';
import { aggregateLines, lineDifference } from './cloudtrail-duckdb.js';
import type { BenchCase, BenchOptions, BenchRow } from './types.js';

const NAME = 'cloudtrail-usage';

async function trailFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json.gz'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The compiled `aggregateCloudTrail`, as `iamrisk scan` runs it (its worker threads load JavaScript, not
 * TypeScript through tsx), rebuilt from the sources first so that it is never stale.
 */
function buildShipped(): string {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  return pathToFileURL(join(ROOT, 'dist', 'usage', 'aggregate-cloudtrail.js')).href;
}

// Run by plain `node`, as `iamrisk scan` is: no tsx loader in the process or its worker threads.
const IAMRISK_CHILD = `
const [url, list] = process.argv.slice(2);
const { readFileSync } = await import('node:fs');
const { aggregateCloudTrail } = await import(url);
const files = JSON.parse(readFileSync(list, 'utf8'));
let peak = process.memoryUsage().rss;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
const started = performance.now();
const agg = await aggregateCloudTrail(files);
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ seconds, events: agg.events, errors: agg.errors.length, peakMiB: peak / 1048576 }));
`;

/** Runs a child process to its end and parses the last line it printed as JSON. */
async function childJson<T>(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024, env }, (err, out, errText) => {
      if (err)
        reject(new Error(`${err.message}\n${String(errText).trim().split('\n').slice(-5).join('\n')}`));
      else resolve(String(out));
    });
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? 'null') as T;
}

interface OwnRun {
  seconds: number;
  events: number;
  errors: number;
  peakMiB: number;
}
interface PeerRun {
  rate: number;
  rows: number;
  peakMiB: number;
  bareRate: number;
}

/**
 * CloudTrail aggregation throughput: iamrisk's reader (worker threads, one per core) against DuckDB's
 * read_json + GROUP BY producing the same per-day aggregate, on the demo organization's trail files.
 */
export const cloudtrailUsage: BenchCase = {
  name: NAME,
  description:
    'aggregateCloudTrail events/s on the demo org trail vs DuckDB read_json + GROUP BY (if installed)',
  async run(opts: BenchOptions): Promise<BenchRow[]> {
    const org = await cachedOrg({ principals: opts.quick ? 1_000 : 10_000, cloudtrail: true });
    const root = join(org.dir, 'cloudtrail');
    const files = await trailFiles(root);
    const url = buildShipped();
    const work = await mkdtemp(join(tmpdir(), 'iamrisk-bench-trail-'));
    try {
      const list = join(work, 'files.json');
      await writeFile(list, JSON.stringify(files));
      // Each engine in a fresh process of its own: times and peak RSS are its alone.
      const script = join(work, 'aggregate.mjs');
      await writeFile(script, IAMRISK_CHILD);
      // No NODE_OPTIONS: this bench runs under tsx, which must not reach the child or its workers.
      const { NODE_OPTIONS: _tsx, ...plainEnv } = process.env;
      void _tsx;
      const own = await childJson<OwnRun>([script, url, list], plainEnv);
      if (own.errors > 0) throw new Error(`${own.errors} read errors`);
      const rate = own.events / own.seconds;
      const rowsFile = join(work, 'duckdb-rows.txt');
      const child = join(ROOT, 'bench', 'cases', 'cloudtrail-duckdb-child.ts');
      const peer = await childJson<PeerRun | null>([
        '--import',
        'tsx',
        child,
        join(root, '**', '*.json.gz'),
        String(own.events),
        rowsFile,
      ]);
      // The same aggregate, untimed, in this process: the peer's rows must be ours, or the comparison means nothing.
      const { aggregateCloudTrail } = (await import(url)) as {
        aggregateCloudTrail: typeof aggregateCloudTrailType;
      };
      const agg = await aggregateCloudTrail(files);
      const peerRows = peer === null ? [] : (await readFile(rowsFile, 'utf8')).split('\n');
      const differ = peer === null ? 0 : lineDifference(aggregateLines(agg), peerRows);
      const note = `compiled build, each engine in its own process; ${files.length} files, ${own.events} events, ${agg.days.length} day rows, ${availableParallelism()} cores`;
      const unavailable = 'DuckDB peer unavailable (@duckdb/node-api not installed)';
      const same = peer === null ? '' : differ === 0 ? '; DuckDB rows identical' : `; ${differ} rows DIFFER`;
      const peakMiB = own.peakMiB;
      return [
        {
          case: NAME,
          metric: 'events per second, same aggregate',
          unit: 'events/s',
          iamrisk: Math.round(rate),
          peer: peer === null ? null : Math.round(peer.rate),
          ratio: peer === null ? null : rate / peer.rate,
          note: peer === null ? `${note}; ${unavailable}` : `${note}${same}`,
        },
        {
          case: NAME,
          metric: 'events per second vs bare read_json + GROUP BY',
          unit: 'events/s',
          iamrisk: Math.round(rate),
          peer: peer === null ? null : Math.round(peer.bareRate),
          ratio: peer === null ? null : rate / peer.bareRate,
          note: 'peer floor: no action mapping, no de-duplication, no resources',
        },
        {
          case: NAME,
          metric: 'peak RSS',
          unit: 'MiB',
          iamrisk: Math.round(peakMiB),
          peer: peer === null ? null : Math.round(peer.peakMiB),
          ratio: peer === null ? null : peer.peakMiB / peakMiB,
          note: 'each process whole, sampled every 20 ms',
        },
      ];
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};
