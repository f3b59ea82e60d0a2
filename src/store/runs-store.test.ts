import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.js';
import type { Backend } from './test-utils/backends.js';
import { BACKENDS, freshStore } from './test-utils/backends.js';
import { day, detection, roleArn, scanInput } from './test-utils/scan-builder.js';

describe.each(BACKENDS)('runs ($name)', (backend: Backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(backend));
  });
  afterEach(async () => cleanup());

  it('records succeeded, partial and failed runs and lists them newest first, with filters', async () => {
    const scan = await store.recordScan(scanInput({ detections: [detection('admin-role', roleArn('a'))] }), {
      recordedAt: day(1),
    });
    const ok = await store.recordRun({
      startedAt: day(1),
      finishedAt: day(2),
      status: 'succeeded',
      scanId: scan.scanId,
      source: 'watch',
      snapshot: '/snapshots/one',
    });
    expect(ok).toEqual({
      id: ok.id,
      startedAt: day(1).toISOString(),
      finishedAt: day(2).toISOString(),
      status: 'succeeded',
      scanId: scan.scanId,
      source: 'watch',
      error: null,
      snapshot: '/snapshots/one',
    });
    const failed = await store.recordRun({
      startedAt: day(3),
      finishedAt: day(3),
      status: 'failed',
      scanId: null,
      source: 'watch',
      error: 'collect: connection refused',
    });
    await store.recordRun({
      startedAt: day(4),
      finishedAt: day(4),
      status: 'partial',
      scanId: scan.scanId,
      source: 'scan',
      error: '1 part(s) not collected',
    });

    const all = await store.listRuns();
    expect(all.map((r) => [r.status, r.source, r.error])).toEqual([
      ['partial', 'scan', '1 part(s) not collected'],
      ['failed', 'watch', 'collect: connection refused'],
      ['succeeded', 'watch', null],
    ]);
    expect(all[1]).toMatchObject({ id: failed.id, scanId: null, snapshot: null });
    expect((await store.listRuns({ source: 'watch', limit: 1 })).map((r) => r.id)).toEqual([failed.id]);
    expect(
      (await store.listRuns({ source: 'watch', status: ['succeeded', 'partial'] })).map((r) => r.id),
    ).toEqual([ok.id]);
    expect(await store.listRuns({ status: [] })).toEqual([]);
    // A failed run leaves the scans alone: the latest scan is still the last good one.
    expect((await store.latestScan())?.id).toBe(scan.scanId);
  });

  it('rejects a failed run that names a scan, a good run without one, and an unknown status', async () => {
    const base = { startedAt: day(1), finishedAt: day(1), source: 'watch' };
    await expect(store.recordRun({ ...base, status: 'failed', scanId: 1 })).rejects.toThrow(
      /records no scan/,
    );
    await expect(store.recordRun({ ...base, status: 'succeeded', scanId: null })).rejects.toThrow(
      /must name its scan/,
    );
    await expect(store.recordRun({ ...base, status: 'done' as 'failed', scanId: null })).rejects.toThrow(
      /unknown status/,
    );
    await expect(store.recordRun({ ...base, source: ' ', status: 'failed', scanId: null })).rejects.toThrow(
      /source/,
    );
    expect(await store.listRuns()).toEqual([]);
  });
});
