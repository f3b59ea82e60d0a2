import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.js';
import type { Backend } from './test-utils/backends.js';
import { BACKENDS, freshStore } from './test-utils/backends.js';
import { ACCOUNT, OTHER_ACCOUNT, day, detection, roleArn, scanInput } from './test-utils/scan-builder.js';

describe.each(BACKENDS)('lifecycle and timeline ($name)', (backend: Backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(backend));
  });
  afterEach(async () => cleanup());

  const R = roleArn('deploy');
  const D = detection('admin-role', R, 'high');

  it('tells the three-scan story: detected → resolved → reopened, with the exact timeline', async () => {
    const s1 = await store.recordScan(scanInput({ detections: [D] }), { recordedAt: day(1) });
    const s2 = await store.recordScan(scanInput({ roles: [] }), { recordedAt: day(2) });
    const s3 = await store.recordScan(scanInput({ detections: [{ ...D, severity: 'critical' }] }), {
      recordedAt: day(3),
    });
    expect(await store.history(R, day(4))).toEqual([
      {
        kind: 'detected',
        detectionId: D.id,
        rule: 'admin-role',
        resourceArn: R,
        scanId: s1.scanId,
        at: day(1).toISOString(),
        fromSeverity: null,
        toSeverity: 'high',
      },
      {
        kind: 'resolved',
        detectionId: D.id,
        rule: 'admin-role',
        resourceArn: R,
        scanId: s2.scanId,
        at: day(2).toISOString(),
        fromSeverity: 'high',
        toSeverity: null,
      },
      {
        kind: 'reopened',
        detectionId: D.id,
        rule: 'admin-role',
        resourceArn: R,
        scanId: s3.scanId,
        at: day(3).toISOString(),
        fromSeverity: 'high',
        toSeverity: 'critical',
      },
    ]);
    const view = await store.getDetection(D.id, day(4));
    expect(view).toMatchObject({
      status: 'open',
      firstSeenScan: s1.scanId,
      firstSeenAt: day(1).toISOString(),
      lastSeenScan: s3.scanId,
      resolvedAt: null,
      reopenCount: 1,
    });
    expect(view?.detection.severity).toBe('critical');
  });

  it('records a severity change, and nothing for an unchanged detection', async () => {
    await store.recordScan(scanInput({ detections: [D] }), { recordedAt: day(1) });
    const again = await store.recordScan(scanInput({ detections: [D] }), { recordedAt: day(2) });
    expect(again.events).toEqual([]);
    const s3 = await store.recordScan(scanInput({ detections: [{ ...D, severity: 'medium' }] }), {
      recordedAt: day(3),
    });
    const events = await store.history(R);
    expect(events.map((e) => [e.kind, e.fromSeverity, e.toSeverity, e.scanId])).toEqual([
      ['detected', null, 'high', 1],
      ['severity-changed', 'high', 'medium', s3.scanId],
    ]);
  });

  it('does not resolve when the rule was skipped, the account was not covered, or the scan was partial', async () => {
    const other = detection('admin-role', roleArn('ops', OTHER_ACCOUNT));
    await store.recordScan(scanInput({ detections: [D, other], accounts: [ACCOUNT, OTHER_ACCOUNT] }), {
      recordedAt: day(1),
    });
    // Rule skipped everywhere: neither resolves.
    await store.recordScan(scanInput({ accounts: [ACCOUNT, OTHER_ACCOUNT], skippedRules: ['admin-role'] }), {
      recordedAt: day(2),
    });
    // Partial scan: nothing resolves.
    await store.recordScan(scanInput({ accounts: [ACCOUNT, OTHER_ACCOUNT], partial: true }), {
      recordedAt: day(3),
    });
    // Only ACCOUNT covered: only its detection resolves.
    const s4 = await store.recordScan(scanInput({ accounts: [ACCOUNT] }), { recordedAt: day(4) });
    expect(s4.events.map((e) => [e.kind, e.detectionId])).toEqual([['resolved', D.id]]);
    const open = await store.getDetection(other.id);
    expect(open).toMatchObject({ status: 'open', lastSeenScan: 1, resolvedAt: null });
    expect(await store.getDetection(D.id)).toMatchObject({
      status: 'resolved',
      resolvedAt: day(4).toISOString(),
    });
  });

  it('keeps attacker-controlled strings intact (parameterised SQL)', async () => {
    const evil = roleArn(`x'); DROP TABLE findings; --"%_!*`);
    const d = detection('admin-role', evil);
    await store.recordScan(scanInput({ detections: [d] }), { recordedAt: day(1) });
    expect((await store.history(evil)).map((e) => e.kind)).toEqual(['detected']);
    expect((await store.getDetection(d.id))?.detection.resource.arn).toBe(evil);
    expect((await store.listDetections({ search: `drop table findings; --"%_!` })).total).toBe(1);
    expect((await store.listDetections({ search: 'no%such' })).total).toBe(0);
  });
});
