import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.js';
import type { Backend } from './test-utils/backends.js';
import { BACKENDS, freshStore } from './test-utils/backends.js';
import { ACCOUNT, day, detection, role, roleArn, scanInput } from './test-utils/scan-builder.js';

describe.each(BACKENDS)('inventory snapshot and scans ($name)', (backend: Backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(backend));
  });
  afterEach(async () => cleanup());

  const policy = `arn:aws:iam::${ACCOUNT}:policy/deploy`;
  const app = role(roleArn('app'), {
    attachedPolicyArns: [policy],
    trustPolicy: {
      version: '2012-10-17',
      statements: [
        {
          sid: null,
          effect: 'Allow',
          principal: { Service: ['lambda.amazonaws.com'] },
          action: ['sts:AssumeRole'],
        },
      ],
    },
    tags: { team: '<script>alert(1)</script>' },
  });
  const input = () => {
    const i = scanInput({ roles: [app] });
    i.inventory.functions.push({
      arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:api`,
      name: 'api',
      accountId: ACCOUNT,
      region: 'eu-west-1',
      roleArn: app.arn,
      runtime: 'nodejs20.x',
      lastModified: null,
    });
    i.inventory.coverage.lambdaAccounts.add(ACCOUNT);
    return i;
  };

  it('stores each resource configuration with its relationships both ways', async () => {
    await store.recordScan(input(), { recordedAt: day(1) });
    const snap = await store.getResource(app.arn);
    expect(snap).toMatchObject({ arn: app.arn, type: 'role', name: 'app', accountId: ACCOUNT, scanId: 1 });
    expect(snap?.config).toEqual(JSON.parse(JSON.stringify(app)));
    expect(snap?.outgoing).toEqual([
      { kind: 'attached-policy', to: policy },
      { kind: 'trusts', to: 'lambda.amazonaws.com' },
    ]);
    expect(snap?.incoming).toEqual([
      { kind: 'execution-role', from: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:api` },
    ]);
    expect(await store.getResource('arn:aws:iam::1:role/none')).toBeNull();
  });

  it('reuses unchanged resource versions and stores a changed one', async () => {
    const first = await store.recordScan(input(), { recordedAt: day(1) });
    expect(first.newResourceVersions).toBe(2);
    const same = await store.recordScan(input(), { recordedAt: day(2) });
    expect(same.newResourceVersions).toBe(0);
    const changed = input();
    (changed.inventory.roles[0] as typeof app).tags = { team: 'platform' };
    const third = await store.recordScan(changed, { recordedAt: day(3) });
    expect(third.newResourceVersions).toBe(1);
    expect((await store.getResource(app.arn, 2))?.config).toMatchObject({
      tags: { team: '<script>alert(1)</script>' },
    });
    expect((await store.getResource(app.arn))?.config).toMatchObject({ tags: { team: 'platform' } });
  });

  it('lists scans newest first and prunes old snapshots but keeps history', async () => {
    const d = detection('admin-role', app.arn);
    for (const n of [1, 2, 3])
      await store.recordScan(scanInput({ roles: [app], detections: [d] }), { recordedAt: day(n) });
    const scans = await store.listScans();
    expect(scans.map((s) => [s.id, s.recordedAt, s.detections, s.resources])).toEqual([
      [3, day(3).toISOString(), 1, 1],
      [2, day(2).toISOString(), 1, 1],
      [1, day(1).toISOString(), 1, 1],
    ]);
    expect(scans[0]?.coverage.iamAccounts).toEqual([ACCOUNT]);
    expect(await store.prune(1)).toEqual({ scansDeleted: [1, 2], resourceVersionsDeleted: 0 });
    expect((await store.listScans()).map((s) => s.id)).toEqual([3]);
    expect(await store.getResource(app.arn, 1)).toBeNull();
    expect((await store.getResource(app.arn))?.scanId).toBe(3);
    expect((await store.history(app.arn)).map((e) => e.kind)).toEqual(['detected']);
    await expect(store.prune(0)).rejects.toThrow(/keep/);
  });

  it('deletes resource versions no kept scan uses', async () => {
    await store.recordScan(input(), { recordedAt: day(1) });
    const changed = input();
    (changed.inventory.roles[0] as typeof app).tags = {};
    await store.recordScan(changed, { recordedAt: day(2) });
    expect((await store.prune(1)).resourceVersionsDeleted).toBe(1);
    const snap = await store.getResource(app.arn);
    expect(snap?.outgoing).toHaveLength(2);
    expect(snap?.incoming).toHaveLength(1);
  });

  it('stores identities with their usage', async () => {
    const i = input();
    (i.result.identities[0] as (typeof i.result.identities)[number]).usedActions = [
      { action: 's3:GetObject', lastUsed: '2026-11-19T00:00:00Z', count: 3 },
    ];
    await store.recordScan(i, { recordedAt: day(1) });
    expect(await store.getIdentity(app.arn)).toMatchObject({
      scanId: 1,
      isAdmin: false,
      usedActions: [{ action: 's3:GetObject', count: 3 }],
    });
  });
});
