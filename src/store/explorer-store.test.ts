import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.js';
import type { Backend } from './test-utils/backends.js';
import { BACKENDS, freshStore } from './test-utils/backends.js';
import { OTHER_ACCOUNT, day, detection, roleArn, scanInput } from './test-utils/scan-builder.js';

describe.each(BACKENDS)('explorer reads ($name)', (backend: Backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(backend));
  });
  afterEach(async () => cleanup());

  const a = detection('admin-role', roleArn('a'), 'critical');
  const b = detection('admin-role', roleArn('b'), 'high');
  const c = detection('public-trust', roleArn('c', OTHER_ACCOUNT), 'medium');
  const gone = detection('cross-account-trust', roleArn('old'), 'low');

  beforeEach(async () => {
    await store.recordScan(
      scanInput({ detections: [a, b, c, gone], accounts: ['100000000001', OTHER_ACCOUNT] }),
      {
        recordedAt: day(1),
      },
    );
    await store.recordScan(scanInput({ detections: [a, b, c], accounts: ['100000000001', OTHER_ACCOUNT] }), {
      recordedAt: day(2),
    });
    await store.mute({ detectionId: b.id, reason: 'ok', author: 'ana' }, day(3));
  });

  it('filters by status, severity, rule, account and pages in severity order', async () => {
    const all = await store.listDetections({ status: ['open', 'muted', 'resolved'] }, day(4));
    expect(all.items.map((v) => [v.detection.id, v.status])).toEqual([
      [a.id, 'open'],
      [b.id, 'muted'],
      [c.id, 'open'],
      [gone.id, 'resolved'],
    ]);
    expect((await store.listDetections({ status: ['resolved'] }, day(4))).items[0]?.resolvedAt).toBe(
      day(2).toISOString(),
    );
    const page = await store.listDetections(
      { status: ['open', 'muted', 'resolved'], limit: 2, offset: 2 },
      day(4),
    );
    expect(page.total).toBe(4);
    expect(page.items.map((v) => v.detection.id)).toEqual([c.id, gone.id]);
    expect(
      (await store.listDetections({ accountId: [OTHER_ACCOUNT] }, day(4))).items.map((v) => v.detection.id),
    ).toEqual([c.id]);
    expect(
      (await store.listDetections({ severity: ['critical', 'medium'], rule: ['admin-role'] }, day(4))).total,
    ).toBe(1);
  });

  it('counts facets with the other filters applied', async () => {
    const f = await store.detectionFacets({ rule: ['admin-role'] }, day(4));
    expect(f.status).toEqual({ open: 1, muted: 1 });
    expect(f.rule).toEqual({ 'admin-role': 1, 'public-trust': 1 });
    expect(f.severity).toEqual({ critical: 1 });
    expect(f.accountId).toEqual({ '100000000001': 1 });
  });
});
