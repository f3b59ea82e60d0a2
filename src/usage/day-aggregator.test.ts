import { describe, expect, it } from 'vitest';
import { DayAggregator, MAX_RESOURCES_PER_DAY } from './day-aggregator.js';
import { OUTCOME_CODE } from './file-digest.js';
import { Interner } from './interner.js';

const T = Date.parse('2025-05-21T10:00:00Z');
const alice = 'arn:aws:iam::100000000001:user/alice';
const app = 'arn:aws:iam::100000000001:role/app';
const { used, denied, error } = OUTCOME_CODE;

describe('DayAggregator', () => {
  it('keeps one row per (principal, action, UTC day) in string order, with ISO times as Date prints them', () => {
    const agg = new DayAggregator();
    agg.add(app, 's3:GetObject', T + 86_400_000, used, null);
    agg.add(alice, 'iam:ListUsers', T + 1234, used, null);
    agg.add(alice, 'iam:ListUsers', T - 11 * 3_600_000, denied, null); // 23:00 the day before
    agg.add(alice, 'iam:GetUser', T, error, null);
    // `role/app` sorts before `user/alice`.
    expect(agg.days()).toEqual([
      expect.objectContaining({ principalArn: app, day: '2025-05-22' }),
      expect.objectContaining({
        principalArn: alice,
        action: 'iam:GetUser',
        day: '2025-05-21',
        errors: 1,
        lastUsed: '2025-05-21T10:00:00.000Z',
      }),
      expect.objectContaining({
        action: 'iam:ListUsers',
        day: '2025-05-20',
        denied: 1,
        lastUsed: null,
        lastDenied: '2025-05-20T23:00:00.000Z',
      }),
      expect.objectContaining({
        action: 'iam:ListUsers',
        day: '2025-05-21',
        used: 1,
        firstSeen: new Date(T + 1234).toISOString(),
      }),
    ]);
  });

  it('unions resource lists per row, keeps * when a call showed none or too many, ignores denied calls', () => {
    const agg = new DayAggregator();
    agg.add(app, 's3:GetObject', T, used, ['arn:aws:s3:::b/1']);
    agg.add(app, 's3:GetObject', T + 1, used, ['arn:aws:s3:::b/2', 'arn:aws:s3:::b/1']);
    agg.add(app, 's3:GetObject', T + 2, denied, null);
    agg.add(app, 's3:PutObject', T, used, ['arn:aws:s3:::b/1']);
    agg.add(app, 's3:PutObject', T + 5, error, null);
    const many = Array.from({ length: MAX_RESOURCES_PER_DAY + 1 }, (_, i) => `arn:aws:s3:::b/${i}`);
    agg.add(app, 's3:DeleteObject', T, used, many);
    agg.add(alice, 's3:GetObject', T, denied, ['arn:aws:s3:::b/1']);
    // Alice's row holds only a denied call: no resource row.
    expect(agg.dayResources().map((r) => [r.principalArn === app, r.action, r.resources])).toEqual([
      [true, 's3:DeleteObject', null],
      [true, 's3:GetObject', ['arn:aws:s3:::b/1', 'arn:aws:s3:::b/2']],
      [true, 's3:PutObject', null],
    ]);
  });

  it('formats any millisecond like Date#toISOString', () => {
    const agg = new DayAggregator();
    const times = [0, 999, 1_000, 59_999, 3_599_999, 86_399_999, Date.parse('2099-12-31T23:59:59.007Z')];
    times.forEach((t, i) => agg.add(alice, 'iam:GetUser', t + i * 86_400_000 * 400, used, null));
    expect(agg.days().map((d) => d.firstSeen)).toEqual(
      times.map((t, i) => new Date(t + i * 86_400_000 * 400).toISOString()).sort(),
    );
  });
});

describe('DayAggregator against a plain reference', () => {
  it('gives the rows of a naive grouping, in principal, action, day order, for calls in any order', () => {
    // A fixed-seed generator: pairs called on up to 40 days, in shuffled order, as files deliver them.
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const agg = new DayAggregator();
    const ref = new Map<string, { used: number; denied: number; first: number; last: number }>();
    const principals = Array.from(
      { length: 30 },
      (_, i) => `arn:aws:iam::100000000001:role/r${(i * 7) % 30}`,
    );
    const actions = ['s3:GetObject', 'iam:GetUser', 'ec2:RunInstances', 'S3:ListBuckets', 'iam:ListUsers'];
    for (let i = 0; i < 20_000; i++) {
      const p = principals[rnd(principals.length)]!;
      const a = actions[rnd(actions.length)]!;
      const t = T + (rnd(40) - 20) * 86_400_000 + rnd(86_400) * 1000;
      const outcome = rnd(4) === 0 ? denied : used;
      agg.add(p, a, t, outcome, null);
      const key = `${p} ${a} ${new Date(t).toISOString().slice(0, 10)}`;
      const row = ref.get(key) ?? { used: 0, denied: 0, first: t, last: t };
      row[outcome === denied ? 'denied' : 'used']++;
      row.first = Math.min(row.first, t);
      row.last = Math.max(row.last, t);
      ref.set(key, row);
    }
    const want = [...ref]
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(
        ([key, r]) =>
          `${key} ${r.used} ${r.denied} ${new Date(r.first).toISOString()} ${new Date(r.last).toISOString()}`,
      );
    const got = agg
      .days()
      .map(
        (d) => `${d.principalArn} ${d.action} ${d.day} ${d.used} ${d.denied} ${d.firstSeen} ${d.lastSeen}`,
      );
    expect(got).toEqual(want);
  });
});

describe('Interner', () => {
  it('numbers strings in order of first sight and ranks them in code-unit order', () => {
    const i = new Interner();
    expect(['b', 'a', 'b', 'B', 'ä'].map((s) => i.id(s))).toEqual([0, 1, 0, 2, 3]);
    expect([...i.ranks()]).toEqual([2, 1, 0, 3]);
    expect(i.value(3)).toBe('ä');
    expect(() => i.value(9)).toThrow(RangeError);
  });
});
