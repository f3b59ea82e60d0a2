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
// Runs of each engine (one with --quick).
const RUNS = 5;

function median(xs: number[]): number {
  const sorted = xs.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

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
// Its worker threads are started and booted before the clock, as DuckDB's are (its instance, threads and JSON
// extension are ready before its clock starts); the boot is timed apart and reported.
const IAMRISK_CHILD = `
const [url, list] = process.argv.slice(2);
const { readFileSync } = await import('node:fs');
const { aggregateCloudTrail } = await import(url);
const { DigestPool } = await import(new URL('./worker-pool.js', url).href);
const files = JSON.parse(readFileSync(list, 'utf8'));
let peak = process.memoryUsage().rss;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
const booting = performance.now();
const pool = DigestPool.forFiles(files.length);
await pool.ready();
const bootSeconds = (performance.now() - booting) / 1000;
const started = performance.now();
const agg = await aggregateCloudTrail(files, { pool });
const seconds = (performance.now() - started) / 1000;
await pool.close();
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ seconds, bootSeconds, events: agg.events, errors: agg.errors.length, peakMiB: peak / 1048576 }));
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
  bootSeconds: number;
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
      const rowsFile = join(work, 'duckdb-rows.txt');
      const child = join(ROOT, 'bench', 'cases', 'cloudtrail-duckdb-child.ts');
      const runPeer = (): Promise<PeerRun | null> =>
        childJson<PeerRun | null>([
          '--import',
          'tsx',
          child,
          join(root, '**', '*.json.gz'),
          String(expectedEvents),
          rowsFile,
        ]);
      // The engines take turns, RUNS times each, and each one's median counts: this shared machine's speed
      // drifts by up to a fifth within minutes, and a single pair of runs can land on either side of a drift.
      const runs = opts.quick ? 1 : RUNS;
      const ours: OwnRun[] = [];
      const peers: PeerRun[] = [];
      let expectedEvents = 0;
      let peerAvailable = true;
      for (let i = 0; i < runs; i++) {
        const own = await childJson<OwnRun>([script, url, list], plainEnv);
        if (own.errors > 0) throw new Error(`${own.errors} read errors`);
        if (ours.length > 0 && own.events !== expectedEvents)
          throw new Error(`runs read ${expectedEvents} and ${own.events} events`);
        ours.push(own);
        expectedEvents = own.events;
        if (!peerAvailable) continue;
        const peer = await runPeer();
        if (peer === null) peerAvailable = false;
        else peers.push(peer);
      }
      const rates = ours.map((o) => o.events / o.seconds);
      const rate = median(rates);
      const boot = median(ours.map((o) => o.bootSeconds));
      const bootedRate = median(ours.map((o) => o.events / (o.seconds + o.bootSeconds)));
      const peer =
        peers.length === 0
          ? null
          : {
              rate: median(peers.map((p) => p.rate)),
              bareRate: median(peers.map((p) => p.bareRate)),
              peakMiB: median(peers.map((p) => p.peakMiB)),
              rows: peers[0]!.rows,
            };
      // The same aggregate, untimed, in this process: the peer's rows must be ours, or the comparison means nothing.
      const { aggregateCloudTrail } = (await import(url)) as {
        aggregateCloudTrail: typeof aggregateCloudTrailType;
      };
      const agg = await aggregateCloudTrail(files);
      const peerRows = peer === null ? [] : (await readFile(rowsFile, 'utf8')).split('\n');
      const differ = peer === null ? 0 : lineDifference(aggregateLines(agg), peerRows);
      const spread = (xs: number[]): string =>
        xs.length < 2
          ? ''
          : ` (runs ${xs
              .slice()
              .sort((a, b) => a - b)
              .map((x) => `${Math.round(x / 1000)}k`)
              .join(', ')})`;
      const turns = `median of ${runs} alternating run${runs === 1 ? '' : 's'} each: ours${spread(rates)}${peer === null ? '' : `, DuckDB${spread(peers.map((p) => p.rate))}`}`;
      const note = `compiled build, each engine in its own process, ${turns}; ${files.length} files, ${expectedEvents} events, ${agg.days.length} day rows, ${availableParallelism()} cores`;
      const unavailable = 'DuckDB peer unavailable (@duckdb/node-api not installed)';
      const same = peer === null ? '' : differ === 0 ? '; DuckDB rows identical' : `; ${differ} rows DIFFER`;
      const peakMiB = median(ours.map((o) => o.peakMiB));
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
          metric: 'events per second, our thread boot counted too',
          unit: 'events/s',
          iamrisk: Math.round(bootedRate),
          peer: peer === null ? null : Math.round(peer.rate),
          ratio: peer === null ? null : bootedRate / peer.rate,
          note: `the row above starts both engines' threads before the clock; ours take a median ${Math.round(boot * 1000)} ms to boot (DuckDB's are not counted here either)`,
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
