import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unmutedDetections } from './fail-on.js';
import type { Store } from './store.js';
import type { Backend } from './test-utils/backends.js';
import { BACKENDS, freshStore } from './test-utils/backends.js';
import { day, detection, roleArn, scanInput } from './test-utils/scan-builder.js';

describe.each(BACKENDS)('mutes ($name)', (backend: Backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(backend));
  });
  afterEach(async () => cleanup());

  const ci = roleArn('ci-deploy');
  const ops = roleArn('ops');
  const dCi = detection('admin-role', ci, 'critical');
  const dOps = detection('admin-role', ops, 'high');
  const dTrust = detection('public-trust', ci, 'high');

  it('mutes by rule and pattern until the expiry, then lifts itself', async () => {
    await store.recordScan(scanInput({ detections: [dCi, dOps, dTrust] }), { recordedAt: day(1) });
    const mute = await store.mute(
      {
        rule: 'admin-role',
        resourcePattern: 'arn:aws:iam::*:role/CI-*',
        reason: 'break-glass',
        author: 'ana',
        expiresAt: day(10),
      },
      day(2),
    );
    expect(mute).toMatchObject({ isActive: true, expiresAt: day(10).toISOString() });

    // Before expiry: visible as muted, out of the default view and out of --fail-on.
    const before = await store.listDetections({ status: ['open', 'muted'] }, day(5));
    expect(before.items.map((v) => [v.detection.id, v.status])).toEqual([
      [dCi.id, 'muted'],
      [dOps.id, 'open'],
      [dTrust.id, 'open'],
    ]);
    expect((await store.listDetections({}, day(5))).items.map((v) => v.detection.id)).toEqual([
      dOps.id,
      dTrust.id,
    ]);
    expect((await unmutedDetections(store, [dCi, dOps, dTrust], day(5))).map((d) => d.id)).toEqual([
      dOps.id,
      dTrust.id,
    ]);

    // After expiry: open again everywhere.
    expect((await store.getDetection(dCi.id, day(11)))?.status).toBe('open');
    expect(await store.mutedDetectionIds([dCi], day(11))).toEqual(new Set());
    expect((await store.listMutes({ activeOnly: true, now: day(11) })).length).toBe(0);

    const history = await store.history(ci, day(11));
    expect(history.map((e) => [e.kind, e.detectionId, e.at, e.scanId, e.mute?.liftedBy ?? null])).toEqual([
      ['detected', dCi.id, day(1).toISOString(), 1, null],
      ['detected', dTrust.id, day(1).toISOString(), 1, null],
      ['muted', dCi.id, day(2).toISOString(), 1, null],
      ['unmuted', dCi.id, day(10).toISOString(), 1, null],
    ]);
    expect(history[2]?.mute).toMatchObject({ reason: 'break-glass', author: 'ana' });
    // Before the expiry the history has no unmuted event yet.
    expect((await store.history(ci, day(5))).map((e) => e.kind)).toEqual(['detected', 'detected', 'muted']);
  });

  it('mutes one detection id; unmute lifts it and is recorded', async () => {
    await store.recordScan(scanInput({ detections: [dCi, dOps] }), { recordedAt: day(1) });
    const m = await store.mute({ detectionId: dOps.id, reason: 'accepted', author: 'ana' }, day(2));
    expect(await store.mutedDetectionIds([dCi, dOps], day(3))).toEqual(new Set([dOps.id]));
    const lifted = await store.unmute(m.id, 'bob', day(4));
    expect(lifted).toMatchObject({ isActive: false, removedBy: 'bob' });
    expect(await store.unmute(m.id, 'bob', day(5))).toBeNull();
    expect(await store.mutedDetectionIds([dOps], day(5))).toEqual(new Set());
    expect((await store.history(ops, day(6))).map((e) => [e.kind, e.mute?.liftedBy ?? null])).toEqual([
      ['detected', null],
      ['muted', null],
      ['unmuted', 'bob'],
    ]);
  });

  it('rejects mutes without reason, author or target, or with a past expiry', async () => {
    await expect(store.mute({ detectionId: 'x', reason: ' ', author: 'a' })).rejects.toThrow(/reason/);
    await expect(store.mute({ detectionId: 'x', reason: 'r', author: '' })).rejects.toThrow(/author/);
    await expect(
      store.mute({ rule: 'admin-role', resourcePattern: '', reason: 'r', author: 'a' }),
    ).rejects.toThrow(/pattern/);
    await expect(
      store.mute({ detectionId: 'x', reason: 'r', author: 'a', expiresAt: day(1) }, day(2)),
    ).rejects.toThrow(/not in the future/);
  });

  it('treats LIKE metacharacters in a pattern literally', async () => {
    const underscore = roleArn('a_b');
    const other = roleArn('axb');
    const d1 = detection('admin-role', underscore);
    const d2 = detection('admin-role', other);
    await store.recordScan(scanInput({ detections: [d1, d2] }), { recordedAt: day(1) });
    await store.mute({ rule: 'admin-role', resourcePattern: '*role/a_b', reason: 'r', author: 'a' }, day(2));
    const muted = await store.listDetections({ status: ['muted'] }, day(3));
    expect(muted.items.map((v) => v.detection.id)).toEqual([d1.id]);
    expect(await store.mutedDetectionIds([d1, d2], day(3))).toEqual(new Set([d1.id]));
  });
});
