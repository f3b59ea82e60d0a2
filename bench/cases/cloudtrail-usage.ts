import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { aggregateCloudTrail } from '../../src/usage/aggregate-cloudtrail.js';
import { cachedOrg } from '../org-cache.js';
import { aggregateLines, duckDbPeer, lineDifference, withPeakRss } from './cloudtrail-duckdb.js';
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
async function shippedAggregate(): Promise<typeof aggregateCloudTrail> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  const url = pathToFileURL(join(ROOT, 'dist', 'usage', 'aggregate-cloudtrail.js')).href;
  return ((await import(url)) as { aggregateCloudTrail: typeof aggregateCloudTrail }).aggregateCloudTrail;
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
    const aggregate = await shippedAggregate();
    const started = performance.now();
    const { value: agg, peakMiB } = await withPeakRss(() => aggregate(files));
    const seconds = (performance.now() - started) / 1000;
    if (agg.errors.length > 0)
      throw new Error(`${agg.errors.length} read errors, first: ${agg.errors[0]?.reason}`);
    const rate = agg.events / seconds;
    const peer = await duckDbPeer(join(root, '**', '*.json.gz'), agg.events);
    const note = `compiled build; ${files.length} files, ${agg.events} events, ${agg.days.length} day rows, ${availableParallelism()} cores`;
    const unavailable = 'DuckDB peer unavailable (@duckdb/node-api not installed)';
    // The peer computes the same aggregate: its rows must be ours, or the comparison means nothing.
    const differ = peer === null ? 0 : lineDifference(aggregateLines(agg), await peer.sample());
    const same = peer === null ? '' : differ === 0 ? '; DuckDB rows identical' : `; ${differ} rows DIFFER`;
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
        note: 'whole process, sampled every 20 ms',
      },
    ];
  },
};
