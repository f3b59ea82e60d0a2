import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/server/app.js';
import { explorerQueries, runLoad } from '../../src/server/test-utils/load.js';
import { openStore } from '../../src/store/index.js';
import { explorerScan, muteExplorerStore } from '../../src/store/test-utils/explorer-scan.js';
import type { BenchCase, BenchRow } from './types.js';

/**
 * A real HTTP server on 127.0.0.1 (loopback host check as `iamrisk serve`; rate limit off, since one client
 * at 50 requests/s sits at the per-client limit of 3,000/min) over a SQLite store of 50,000 detections, hit by
 * the explorer's queries (list pages, facets, groups, search, resource panel, timeline) at 50 requests/s for
 * 60 s (10 s with --quick). Open loop: a slow server queues requests, which shows in the latencies.
 */
export const explorerLoad: BenchCase = {
  name: 'explorer-load',
  description: 'explorer over HTTP on loopback at 50 requests/s for 60 s, 50,000 detections, SQLite',
  isSlow: true,
  async run({ quick }): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'iamrisk-bench-load-'));
    const store = await openStore(join(dir, 'iamrisk.db'));
    try {
      const input = explorerScan(50_000);
      await store.recordScan(input);
      await muteExplorerStore(store, input);
      const arn = (input.result.detections[1234] ?? input.result.detections[0])?.resource.arn;
      if (!arn) throw new Error('no detections generated');
      const app = await buildApp({
        store,
        rateLimit: false,
        allowedHosts: ['127.0.0.1', 'localhost', '[::1]'],
      });
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const seconds = quick ? 10 : 60;
      const r = await runLoad(base, explorerQueries(arn), { rate: 50, seconds, timeoutMs: 600_000 });
      await app.close();
      const row = { case: 'explorer-load', peer: null, ratio: null };
      return [
        {
          ...row,
          metric: 'throughput (offered 50/s)',
          iamrisk: r.throughput,
          unit: 'req/s',
          note: `${r.requests} requests in ${r.seconds.toFixed(1)} s, ${r.errors} errors; statuses ${JSON.stringify(r.statuses)}${r.errorSamples[0] ? `; first error: ${r.errorSamples[0]}` : ''}`,
        },
        { ...row, metric: 'latency p50', iamrisk: r.p50, unit: 'ms' },
        {
          ...row,
          metric: 'latency p95',
          iamrisk: r.p95,
          unit: 'ms',
          note: `target p95 < 200 ms: ${r.p95 < 200 ? 'met' : 'NOT met'}`,
        },
        { ...row, metric: 'latency max', iamrisk: r.max, unit: 'ms' },
      ];
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
