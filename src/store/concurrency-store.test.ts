import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.js';
import { openStore } from './store.js';
import type { Backend, TestTarget } from './test-utils/backends.js';
import { BACKENDS } from './test-utils/backends.js';
import { bigScan } from './test-utils/big-scan.js';
import { day } from './test-utils/scan-builder.js';

const CHILD = fileURLToPath(new URL('./test-utils/crash-child.ts', import.meta.url));

/** Runs the child until it reports being inside the transaction, then kills it with SIGKILL. */
function killMidTransaction(target: string, mode: 'block' | 'run', count: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, target, mode, String(count)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('in-transaction')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && !out.includes('committed')) resolve(out);
      else reject(new Error(`child was not killed mid-transaction (code ${code}, ${signal}): ${out} ${err}`));
    });
  });
}

describe.each(BACKENDS)('crash safety and isolation ($name)', (backend: Backend) => {
  let t: TestTarget;
  let stores: Store[];
  const open = async () => {
    const s = await openStore(t.target);
    stores.push(s);
    return s;
  };
  beforeEach(async () => {
    t = await backend.create();
    stores = [];
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    await t.cleanup();
  });

  it.each(['block', 'run'] as const)(
    'kill -9 mid-scan (%s) leaves the previous scan, and the next run succeeds',
    async (mode) => {
      const store = await open();
      await store.recordScan(bigScan(50, 'before'), { recordedAt: day(1) });
      await store.close();
      stores = [];

      const out = await killMidTransaction(t.target, mode, 20_000);
      expect(out).toMatch(/in-transaction/);

      const after = await open();
      const scans = await after.listScans();
      expect(scans.map((s) => [s.id, s.detections])).toEqual([[1, 50]]);
      expect((await after.detectionFacets({ status: ['open', 'muted', 'resolved'] })).status).toEqual({
        open: 50,
      });
      const next = await after.recordScan(bigScan(10, 'after'), { recordedAt: day(2) });
      expect((await after.listScans()).map((s) => s.id)).toEqual([next.scanId, 1]);
      expect((await after.detectionFacets({ status: ['open', 'resolved'] })).status).toEqual({
        open: 10,
        resolved: 50,
      });
    },
  );

  it('a reader during a write sees the old scan or the new one, never a mix', async () => {
    const writer = await open();
    const reader = await open();
    await writer.recordScan(bigScan(300, 'old'), { recordedAt: day(1) });
    const seen: string[] = [];
    let done = false;
    const write = writer.recordScan(bigScan(3000, 'new'), { recordedAt: day(2) }).finally(() => {
      done = true;
    });
    let readsDuringWrite = 0;
    while (!done) {
      const counts = (await reader.detectionFacets({ status: ['open', 'resolved'] })).status;
      const latest = await reader.latestScan();
      seen.push(`${JSON.stringify(counts)} latest=${latest?.id}/${latest?.detections}`);
      if (!done) readsDuringWrite += 1;
    }
    await write;
    seen.push(JSON.stringify((await reader.detectionFacets({ status: ['open', 'resolved'] })).status));
    const allowed = new Set(['{"open":300}', '{"open":3000,"resolved":300}']);
    for (const s of seen) expect(allowed.has(s.split(' ')[0] as string), s).toBe(true);
    expect(readsDuringWrite).toBeGreaterThan(0);
    expect(seen.some((s) => s.startsWith('{"open":300} latest=1/300'))).toBe(true);
    expect(seen.at(-1)).toBe('{"open":3000,"resolved":300}');
  });
});
