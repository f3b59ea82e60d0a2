/**
 * Load (issue 8, item 3): a real HTTP server on 127.0.0.1 (as `iamrisk serve` builds it: loopback host check,
 * default rate limit, which 500 requests in 10 s stay far below) over a SQLite store of 50,000 detections, hit
 * with the explorer's queries at 50 requests/s for 10 s. Asserts zero errors; throughput and latency are
 * printed, not asserted (speed is measured by the bench case `explorer-load`: 60 s, p95 against 200 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { explorerQueries, runLoad } from '../../src/server/test-utils/load.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';
import { explorerScan, muteExplorerStore } from '../../src/store/test-utils/explorer-scan.js';

let dir: string;
let store: Store;
let app: FastifyInstance;
let base: string;
let arn: string;
let seedSeconds = 0;
const DETECTIONS = 50_000;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-load-'));
  store = await openStore(path.join(dir, 'iamrisk.db'));
  const t0 = performance.now();
  const input = explorerScan(DETECTIONS);
  await store.recordScan(input);
  await muteExplorerStore(store, input);
  seedSeconds = (performance.now() - t0) / 1000;
  arn = (input.result.detections[1234] ?? input.result.detections[0])!.resource.arn;
  app = await buildApp({ store, allowedHosts: ['127.0.0.1', 'localhost', '[::1]'] });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('serves the explorer queries at 50 requests/s for 10 s over 50,000 detections without an error', async () => {
  expect(new URL(base).hostname).toBe('127.0.0.1');
  const r = await runLoad(base, explorerQueries(arn), { rate: 50, seconds: 10 });
  process.stderr.write(
    `server-load: store of ${DETECTIONS} detections seeded in ${seedSeconds.toFixed(1)} s; ${r.requests} requests in ` +
      `${r.seconds.toFixed(1)} s (${r.throughput.toFixed(1)}/s), p50 ${r.p50.toFixed(1)} ms, ` +
      `p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms, errors ${r.errors}\n`,
  );
  expect(r.errorSamples).toEqual([]);
  expect(r.errors).toBe(0);
  expect(r.statuses).toEqual({ 200: 500 });
  // Still healthy afterwards.
  expect((await fetch(`${base}/api/scans/latest`)).status).toBe(200);
});
