import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScan } from '../../src/scan/scan.js';
import { openStore } from '../../src/store/index.js';
import { cachedOrg } from '../org-cache.js';
import type { BenchCase, BenchRow } from './types.js';

const row = (metric: string, value: number, unit: string, note?: string): BenchRow => ({
  case: 'store-10k',
  metric,
  iamrisk: value,
  peer: null,
  ratio: null,
  unit,
  ...(note === undefined ? {} : { note }),
});

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, (performance.now() - started) / 1000];
}

/** Times storing and reading on one backend: a first scan, an unchanged re-scan, and timeline reads. */
async function measure(
  target: string,
  label: string,
  run: Awaited<ReturnType<typeof runScan>>,
): Promise<BenchRow[]> {
  const store = await openStore(target);
  try {
    const [first, firstSeconds] = await time(() => store.recordScan(run));
    const [, againSeconds] = await time(() => store.recordScan(run));
    const arns = [...new Set(run.result.detections.map((d) => d.resource.arn))].slice(0, 200);
    const [, readSeconds] = await time(async () => {
      for (const arn of arns) await store.history(arn);
    });
    const [, listSeconds] = await time(() => store.listDetections({ status: ['open', 'muted'], limit: 50 }));
    const note = `${run.result.identities.length} identities, ${first.resources} resources, ${run.result.detections.length} detections`;
    return [
      row(`${label}: record first scan`, firstSeconds, 's', note),
      row(`${label}: record unchanged re-scan`, againSeconds, 's', 'resources deduplicated by content hash'),
      row(
        `${label}: resource timeline read`,
        (readSeconds * 1000) / Math.max(arns.length, 1),
        'ms',
        `mean of ${arns.length} resources`,
      ),
      row(`${label}: detection list page`, listSeconds * 1000, 'ms', 'first page of 50 with status'),
    ];
  } finally {
    await store.close();
  }
}

/** Store benchmark: record a 10,000-principal scan and read resource timelines (SQLite; PostgreSQL when given). */
export const store10k: BenchCase = {
  name: 'store-10k',
  isSlow: true,
  description:
    'record a 10,000-principal scan in the store and read resource timelines (SQLite; PostgreSQL if IAMRISK_BENCH_PG_URL)',
  async run(): Promise<BenchRow[]> {
    const org = await cachedOrg({ principals: 10_000, cloudtrail: false });
    const run = await runScan({ paths: org.paths, asOf: new Date(org.manifest.asOf) });
    const dir = mkdtempSync(join(tmpdir(), 'iamrisk-bench-store-'));
    try {
      const file = join(dir, 'iamrisk.db');
      const rows = await measure(file, 'sqlite', run);
      rows.push(row('sqlite: file size after 2 scans', statSync(file).size / 1e6, 'MB'));
      const pgUrl = process.env.IAMRISK_BENCH_PG_URL;
      if (pgUrl) rows.push(...(await measure(pgUrl, 'postgres', run)));
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
