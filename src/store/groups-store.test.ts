import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.js';
import type { Backend } from './test-utils/backends.js';
import { BACKENDS, freshStore } from './test-utils/backends.js';
import { OTHER_ACCOUNT, day, detection, roleArn, scanInput } from './test-utils/scan-builder.js';

describe.each(BACKENDS)('explorer groups ($name)', (backend: Backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(backend));
  });
  afterEach(async () => cleanup());

  const a = detection('admin-role', roleArn('a'), 'high');
  const b = detection('admin-role', roleArn('b'), 'medium');
  const c = detection('public-trust', roleArn('a'), 'critical');
  const d = detection('cross-account-trust', roleArn('d', OTHER_ACCOUNT), 'low');
  const e = detection('cross-account-trust', roleArn('e', OTHER_ACCOUNT), 'low');
  const f = detection('cross-account-trust', roleArn('f', OTHER_ACCOUNT), 'low');

  beforeEach(async () => {
    const accounts = ['100000000001', OTHER_ACCOUNT];
    await store.recordScan(scanInput({ detections: [a, b, c, d, e, f], accounts }), { recordedAt: day(1) });
    await store.mute({ detectionId: c.id, reason: 'accepted', author: 'ana' }, day(2));
  });

  it('groups by rule: worst severity first, then size; counts only matching (open) detections', async () => {
    const r = await store.detectionGroups({}, 'rule', day(3));
    expect(r.groups.map((g) => [g.key, g.count, g.maxSeverity])).toEqual([
      ['admin-role', 2, 'high'],
      ['cross-account-trust', 3, 'low'],
    ]);
    expect(r.groups[0]?.label).toBe('admin-role title');
    expect(r.groups[0]?.resourceType).toBeNull();
    expect(r).toMatchObject({ totalGroups: 2, totalDetections: 5 });
    // The muted critical detection appears only when muted ones are asked for.
    const withMuted = await store.detectionGroups({ status: ['open', 'muted'] }, 'rule', day(3));
    expect(withMuted.groups[0]).toMatchObject({ key: 'public-trust', count: 1, maxSeverity: 'critical' });
  });

  it('groups by resource with filters, search and paging', async () => {
    const all = await store.detectionGroups({ status: ['open', 'muted'] }, 'resource', day(3));
    expect(all.groups[0]).toMatchObject({
      key: roleArn('a'),
      label: 'a',
      count: 2,
      maxSeverity: 'critical',
      resourceType: 'role',
      accountId: '100000000001',
    });
    expect(all.totalGroups).toBe(5);
    const page = await store.detectionGroups({ status: ['open'], limit: 2, offset: 2 }, 'resource', day(3));
    expect(page.groups.map((g) => g.key)).toEqual([roleArn('d', OTHER_ACCOUNT), roleArn('e', OTHER_ACCOUNT)]);
    const filtered = await store.detectionGroups(
      { accountId: [OTHER_ACCOUNT], search: 'ROLE/E' },
      'resource',
      day(3),
    );
    expect(filtered.groups.map((g) => g.key)).toEqual([roleArn('e', OTHER_ACCOUNT)]);
    // A LIKE wildcard in the search is literal, not a pattern.
    expect((await store.detectionGroups({ search: '%' }, 'resource', day(3))).totalGroups).toBe(0);
  });
});

describe.each(BACKENDS)('worst open severity per resource ($name)', (backend: Backend) => {
  it('counts open detections only: muted and resolved ones do not mark a resource at risk', async () => {
    const { store, cleanup } = await freshStore(backend);
    try {
      const x = detection('admin-role', roleArn('x'), 'high');
      const xMuted = detection('public-trust', roleArn('x'), 'critical');
      const y = detection('admin-role', roleArn('y'), 'low');
      const gone = detection('admin-role', roleArn('gone'), 'critical');
      await store.recordScan(scanInput({ detections: [x, xMuted, y, gone] }), { recordedAt: day(1) });
      await store.recordScan(scanInput({ detections: [x, xMuted, y] }), { recordedAt: day(2) });
      await store.mute({ detectionId: xMuted.id, reason: 'ok', author: 'ana' }, day(2));
      const worst = await store.worstOpenSeverity(
        [roleArn('x'), roleArn('y'), roleArn('gone'), roleArn('z')],
        day(3),
      );
      expect([...worst].sort()).toEqual([
        [roleArn('x'), 'high'],
        [roleArn('y'), 'low'],
      ]);
      expect((await store.worstOpenSeverity([], day(3))).size).toBe(0);
    } finally {
      await cleanup();
    }
  });
});
