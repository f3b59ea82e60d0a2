import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandActionPattern } from '../policy/catalog.js';
import type { ActionInsight } from './insights-codec.js';
import type { Store } from './store.js';
import type { Backend } from './test-utils/backends.js';
import { BACKENDS, freshStore } from './test-utils/backends.js';
import { day, roleArn, scanInput } from './test-utils/scan-builder.js';

const plain = (action: string, status: ActionInsight['status']): ActionInsight => ({
  action,
  service: action.split(':')[0] as string,
  status,
  lastUsed: null,
  lastDenied: null,
  count: 0,
});

describe.each(BACKENDS)('insights ($name)', (backend: Backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(backend));
  });
  afterEach(async () => cleanup());

  const admin = roleArn('admin');
  const reader = roleArn('reader');

  it('keeps every granted action with status and last use, and an admin compactly', async () => {
    const s3All = expandActionPattern('s3:*').names();
    const adminActions: ActionInsight[] = s3All.map((a) =>
      a === 's3:GetObject'
        ? { ...plain(a, 'used'), lastUsed: '2026-11-19T10:00:00Z', count: 7 }
        : a === 's3:DeleteBucket'
          ? { ...plain(a, 'denied'), lastDenied: '2026-11-18T09:00:00Z', count: 2 }
          : plain(a, a.startsWith('s3:Put') ? 'unobservable' : 'unused'),
    );
    const readerActions = [plain('ec2:DescribeInstances', 'unused'), plain('iam:GetRole', 'unobservable')];
    await store.recordScan(
      {
        ...scanInput(),
        insights: [
          { arn: admin, actions: adminActions },
          { arn: reader, actions: readerActions },
        ],
      },
      { recordedAt: day(1) },
    );
    const summary = await store.getInsights(admin);
    expect(summary?.window).toEqual({
      days: 15,
      from: '2026-11-05T00:00:00.000Z',
      to: '2026-11-20T00:00:00.000Z',
    });
    const s3 = summary?.services.find((s) => s.service === 's3');
    expect(s3).toMatchObject({ granted: s3All.length, used: 1, denied: 1, lastUsed: '2026-11-19T10:00:00Z' });
    expect((s3?.unused ?? 0) + (s3?.unobservable ?? 0)).toBe(s3All.length - 2);
    const actions = await store.getServiceInsights(admin, 's3');
    expect(actions).toEqual([...adminActions].sort((x, y) => (x.action < y.action ? -1 : 1)));
    // The blob for a whole-service grant does not list every unused action by name.
    const row = await store.db
      .selectFrom('scan_insights')
      .select('insights_json')
      .where('arn', '=', admin)
      .executeTakeFirstOrThrow();
    expect(row.insights_json).toContain('"GetObject"');
    expect(row.insights_json).not.toContain('"ListBucket"');

    expect(await store.getServiceInsights(reader, 'ec2')).toEqual([readerActions[0]]);
    expect(await store.getServiceInsights(reader, 's3')).toEqual([]);
    expect((await store.getInsights(reader))?.services.map((s) => s.service)).toEqual(['ec2', 'iam']);
  });

  it('reads the newest scan by default, a given scan on request, and null for unknown identities', async () => {
    const one = await store.recordScan(
      { ...scanInput(), insights: [{ arn: reader, actions: [plain('ec2:DescribeInstances', 'unused')] }] },
      { recordedAt: day(1) },
    );
    await store.recordScan(
      {
        ...scanInput(),
        insights: [
          { arn: reader, actions: [{ ...plain('ec2:DescribeInstances', 'used'), lastUsed: 'x', count: 1 }] },
        ],
      },
      { recordedAt: day(2) },
    );
    expect((await store.getServiceInsights(reader, 'ec2'))?.[0]?.status).toBe('used');
    expect((await store.getServiceInsights(reader, 'ec2', one.scanId))?.[0]?.status).toBe('unused');
    expect(await store.getInsights(admin)).toBeNull();
    expect(await store.getServiceInsights(admin, 'ec2')).toBeNull();
    // A scan recorded without insights leaves the previous ones readable and prune drops old ones.
    await store.prune(1);
    expect(await store.getInsights(reader, one.scanId)).toBeNull();
  });
});
