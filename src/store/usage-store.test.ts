import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UsageDay } from '../model/usage.js';
import type { Store } from './store.js';
import type { Backend } from './test-utils/backends.js';
import { BACKENDS, freshStore } from './test-utils/backends.js';

const P = 'arn:aws:iam::100000000001:role/app';
const row = (over: Partial<UsageDay>): UsageDay => ({
  principalArn: P,
  action: 's3:GetObject',
  day: '2026-11-10',
  used: 1,
  denied: 0,
  errors: 0,
  firstSeen: '2026-11-10T08:00:00Z',
  lastSeen: '2026-11-10T09:00:00Z',
  lastUsed: '2026-11-10T09:00:00Z',
  lastDenied: null,
  ...over,
});

describe.each(BACKENDS)('usage days and CloudTrail ledger ($name)', (backend: Backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(backend));
  });
  afterEach(async () => cleanup());

  it('sums a day when a new file adds to it and widens its times', async () => {
    await store.usage.upsertDays([row({})]);
    await store.usage.upsertDays([
      row({
        used: 2,
        denied: 1,
        firstSeen: '2026-11-10T07:00:00Z',
        lastSeen: '2026-11-10T08:30:00Z',
        lastUsed: null,
        lastDenied: '2026-11-10T08:30:00Z',
      }),
      row({ used: 4, lastSeen: '2026-11-10T10:00:00Z', lastUsed: '2026-11-10T10:00:00Z' }),
      row({
        day: '2026-11-20',
        firstSeen: '2026-11-20T01:00:00Z',
        lastSeen: '2026-11-20T01:00:00Z',
        lastUsed: '2026-11-20T01:00:00Z',
      }),
    ]);
    expect(await store.usage.readDays('2026-11-01', '2026-11-15')).toEqual([
      row({
        used: 7,
        denied: 1,
        firstSeen: '2026-11-10T07:00:00Z',
        lastSeen: '2026-11-10T10:00:00Z',
        lastUsed: '2026-11-10T10:00:00Z',
        lastDenied: '2026-11-10T08:30:00Z',
      }),
    ]);
    expect(await store.usage.readDays('2026-11-01', '2026-11-30', ['arn:aws:iam::1:role/other'])).toEqual([]);
    expect(await store.usage.readDays('2026-11-01', '2026-11-30', [P])).toHaveLength(2);
  });

  it('remembers files by path, size and mtime', async () => {
    const f = { path: '/trail/a.json.gz', size: 5_000_000_000, mtimeMs: 1_763_000_000_123 };
    await store.usage.recordFiles([f], [row({})]);
    const ledger = await store.usage.ledger();
    expect(ledger.has(f)).toBe(true);
    expect(ledger.has({ ...f, size: 1 })).toBe(false);
    expect(ledger.has({ ...f, path: '/trail/b.json.gz' })).toBe(false);
    expect(ledger.size).toBe(1);
    expect(await store.usage.readDays('2026-11-10', '2026-11-10')).toHaveLength(1);
  });
});
