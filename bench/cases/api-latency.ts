import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/index.js';
import { explorerScan, muteExplorerStore } from '../../src/store/test-utils/explorer-scan.js';
import type { BenchCase, BenchRow } from './types.js';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * Latency of the explorer's API queries (in-process, no network) over a store of 50,000 detections, and of the
 * first read after a mute and after a scan (which update the explorer index).
 */
export const apiLatency: BenchCase = {
  name: 'api-latency',
  description: 'explorer API latency (median, p95) at 50,000 detections, SQLite, via app.inject',
  async run({ quick }): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'iamrisk-bench-api-'));
    const store = await openStore(join(dir, 'iamrisk.db'));
    try {
      const input = explorerScan(50_000);
      const recordStart = performance.now();
      await store.recordScan(input);
      const recordSeconds = (performance.now() - recordStart) / 1000;
      await muteExplorerStore(store, input);
      const first = input.result.detections[0];
      if (!first) throw new Error('no detections generated');
      const app = await buildApp({ store, rateLimit: false });
      const arn = encodeURIComponent(first.resource.arn);
      const queries: [string, string][] = [
        ['list: first page (100)', '/api/detections?limit=100'],
        ['list: deep page (offset 25,000)', '/api/detections?limit=100&offset=25000'],
        [
          'list: open+muted, 2 facets',
          '/api/detections?status=open,muted&severity=critical,high&accountId=100000000002',
        ],
        ['facets (5 dimensions)', '/api/detections/facets'],
        ['facets with a filter', '/api/detections/facets?severity=critical'],
        ['group by Identity Risks', '/api/detections/groups?by=rule'],
        ['group by Resources (first 200)', '/api/detections/groups?by=resource&limit=200'],
        ['search', '/api/detections?search=app-1234&limit=100'],
        ['resource detail', `/api/resource?arn=${arn}`],
        ['resource graph', `/api/resource/graph?arn=${arn}`],
        ['resource timeline', `/api/resource/timeline?arn=${arn}`],
      ];
      const runs = quick ? 8 : 30;
      const rows: BenchRow[] = [
        {
          case: 'api-latency',
          metric: 'record the 50,000-detection scan',
          iamrisk: recordSeconds,
          peer: null,
          ratio: null,
          unit: 's',
          note: `${input.result.detections.length} detections, ${input.inventory.roles.length} roles, 201 mutes`,
        },
      ];
      for (const [name, url] of queries) {
        const times: number[] = [];
        for (let i = 0; i < runs + 2; i++) {
          const t0 = performance.now();
          const r = await app.inject({ method: 'GET', url });
          const ms = performance.now() - t0;
          if (r.statusCode !== 200) throw new Error(`${url}: HTTP ${r.statusCode} ${r.body.slice(0, 200)}`);
          if (i >= 2) times.push(ms);
        }
        times.sort((a, b) => a - b);
        const base = { case: 'api-latency', peer: null, ratio: null, unit: 'ms' };
        rows.push({
          ...base,
          metric: `${name}: median`,
          iamrisk: percentile(times, 50),
          note: `${runs} runs`,
        });
        rows.push({ ...base, metric: `${name}: p95`, iamrisk: percentile(times, 95) });
      }
      // The first read after a write updates the explorer index: after a mute it re-reads the mutes, after a
      // scan it rebuilds. Time that read (facets) after each of `runs` mutes and after 3 scans (the same input
      // again: every finding rewritten).
      const timeFirstRead = async (write: () => Promise<unknown>, times: number[]) => {
        await write();
        const t0 = performance.now();
        const r = await app.inject({ method: 'GET', url: '/api/detections/facets' });
        times.push(performance.now() - t0);
        if (r.statusCode !== 200) throw new Error(`facets after a write: HTTP ${r.statusCode}`);
      };
      const afterMute: number[] = [];
      for (const d of input.result.detections.slice(1000, 1000 + runs))
        await timeFirstRead(
          () => store.mute({ detectionId: d.id, reason: 'bench', author: 'bench' }),
          afterMute,
        );
      const afterScan: number[] = [];
      for (let i = 0; i < 3; i++) await timeFirstRead(() => store.recordScan(input), afterScan);
      for (const [what, times, note] of [
        ['first read after a mute (index re-reads the mutes)', afterMute, `${runs} mutes`],
        ['first read after a scan (index rebuilt)', afterScan, '3 scans of the same 50,000 detections'],
      ] as const) {
        times.sort((a, b) => a - b);
        const base = { case: 'api-latency', peer: null, ratio: null, unit: 'ms' };
        rows.push({ ...base, metric: `${what}: median`, iamrisk: percentile(times, 50), note });
        rows.push({ ...base, metric: `${what}: max`, iamrisk: times.at(-1) ?? 0 });
      }
      await app.close();
      return rows;
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
