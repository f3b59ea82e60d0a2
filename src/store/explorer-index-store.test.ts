import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Detection, ResourceType, Severity } from '../model/finding.js';
import type { DetectionQuery, DetectionStatus } from './detections.js';
import { detectionFacets, listDetections } from './detections.js';
import { ExplorerIndexCache } from './explorer-cache.js';
import { ExplorerIndex } from './explorer-index.js';
import { detectionGroups, worstOpenSeverity } from './groups.js';
import type { Store } from './store.js';
import { openStore } from './store.js';
import type { Backend, TestTarget } from './test-utils/backends.js';
import { BACKENDS, freshStore } from './test-utils/backends.js';
import { day, detection, roleArn, scanInput } from './test-utils/scan-builder.js';

/** A seeded pseudo-random generator (mulberry32), so every run checks the same stores and queries. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const some = <T>(xs: readonly T[]): T[] => xs.filter(() => next() < 0.4);
  return { next, int, pick, some };
}
type Random = ReturnType<typeof random>;

const ACCOUNTS = ['100000000001', '100000000002', '200000000003'];
const RULES = ['admin-role', 'public-trust', 'Cross_Account', 'priv%esc', 'inactive!role'];
const TYPES: ResourceType[] = ['role', 'user', 'group', 'policy'];
const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
// Upper and lower case (ASCII only: SQLite's lower() folds nothing else), LIKE metacharacters, the LIKE
// escape character, and characters whose UTF-16 order differs from their code-point order.
const NAMES = [
  'App-1',
  'app_1',
  'app%1',
  'APP-10',
  'db!x',
  'Ci-Deploy',
  'ci-deploy-2',
  'x\u{1F600}',
  'x\uFF01',
];
const NOWS = [day(4), day(7), day(9)];

/** ~150 random detections in several accounts, rules and resource types. */
function randomDetections(r: Random): Detection[] {
  const all: Detection[] = [];
  for (let i = 0; i < 150; i++) {
    const type = r.pick(TYPES);
    const name = `${r.pick(NAMES)}${r.int(4) || ''}`;
    const arn = `arn:aws:iam::${r.pick(ACCOUNTS)}:${type}/${name}`;
    const rule = r.pick(RULES);
    const d = detection(rule, arn, r.pick(SEVERITIES), type);
    // Several detections of one rule on one resource (ties broken by id), titles that vary within a rule and
    // names that vary within a resource (groups show the largest).
    if (r.next() < 0.2) d.id = `${d.id}#${r.int(3)}`;
    if (r.next() < 0.2) d.title = `${rule} on ${name}`;
    if (r.next() < 0.1) d.resource = { ...d.resource, name: name.toUpperCase() };
    if (!all.some((x) => x.id === d.id)) all.push(d);
  }
  return all;
}

/** Adds `count` id and pattern mutes on `all`, some expiring, some lifted. */
async function muteSome(store: Store, r: Random, all: readonly Detection[], count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const d = r.pick(all);
    const expiresAt = r.pick([null, day(5), day(8)]);
    const common = { reason: 'test', author: 'ana', expiresAt };
    const mute = await store.mute(
      r.next() < 0.4
        ? { ...common, detectionId: r.next() < 0.9 ? d.id : 'no-such-id' }
        : { ...common, rule: r.next() < 0.9 ? d.rule : 'other-rule', resourcePattern: patternFor(r, d) },
      day(3),
    );
    if (r.next() < 0.2) await store.unmute(mute.id, 'bob', day(6));
  }
}

/** A mute pattern that often matches `d`: its ARN with parts starred, case changed, or a literal `_`/`%`. */
function patternFor(r: Random, d: Detection): string {
  const arn = d.resource.arn;
  return r.pick([
    arn,
    arn.toUpperCase(),
    `${arn.slice(0, arn.lastIndexOf('/') + 1)}*`,
    `arn:aws:iam::*:${d.resource.type}/${d.resource.name.slice(0, 2)}*`,
    `*${arn.slice(-3)}`,
    '*app_1*',
    '*app%1',
    '*:role/*',
    '*',
  ]);
}

/** A random explorer query: every filter (with unknown values too), searches, paging. */
function queryFor(r: Random, all: readonly Detection[]): DetectionQuery {
  const q: DetectionQuery = {};
  const maybe = (p: number) => r.next() < p;
  if (maybe(0.7)) q.status = r.some<DetectionStatus>(['open', 'muted', 'resolved']);
  if (maybe(0.3)) q.severity = r.some([...SEVERITIES, 'bogus' as Severity]);
  if (maybe(0.3)) q.rule = r.some([...RULES, 'no-rule']);
  if (maybe(0.2)) q.resourceType = r.some([...TYPES, 'bucket']);
  if (maybe(0.3)) q.accountId = r.some([...ACCOUNTS, '999999999999']);
  if (maybe(0.1)) q.resourceArn = maybe(0.8) ? r.pick(all).resource.arn : roleArn('missing');
  if (maybe(0.4)) {
    const d = r.pick(all);
    // By code point: half of a surrogate pair is no text a database can hold.
    const field = Array.from(r.pick([d.resource.arn, d.resource.name, d.title, d.rule, d.id]));
    const start = r.int(field.length);
    const part = field.slice(start, start + 1 + r.int(8)).join('');
    q.search = r.pick([
      part,
      part.toUpperCase(),
      '%',
      '_',
      '!',
      '%1',
      'p_1',
      'APP',
      'role/',
      '\u{1F600}',
      ' ',
    ]);
  }
  if (maybe(0.6)) q.limit = r.pick([1, 3, 10, 50, 1000]);
  if (maybe(0.5)) q.offset = r.pick([0, 1, 5, 20, 60, 1000]);
  return q;
}

describe.each(BACKENDS)('explorer index ($name)', (backend: Backend) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(backend));
  });
  afterEach(async () => cleanup());

  it.each([1, 2, 3, 4])(
    'answers list, facets, groups and worst severity exactly as SQL does (random store %i)',
    async (seedValue) => {
      const r = random(seedValue);
      const all = randomDetections(r);
      const check = async (queries: number) => {
        for (let i = 0; i < queries; i++) {
          const q = queryFor(r, all);
          const now = r.pick(NOWS);
          const label = JSON.stringify({ q, now });
          expect(await store.listDetections(q, now), label).toEqual(await listDetections(store.db, q, now));
          expect(await store.detectionFacets(q, now), label).toEqual(await detectionFacets(store.db, q, now));
          for (const by of ['rule', 'resource'] as const) {
            expect(await store.detectionGroups(q, by, now), `${label} by ${by}`).toEqual(
              await detectionGroups(store.db, q, by, now),
            );
          }
          const arns = [...r.some(all.map((d) => d.resource.arn)), roleArn('missing')];
          const sorted = (m: Map<string, Severity>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
          expect(sorted(await store.worstOpenSeverity(arns, now)), label).toEqual(
            sorted(await worstOpenSeverity(store.db, arns, now)),
          );
        }
      };
      const scan = (detections: Detection[], at: number) =>
        store.recordScan(scanInput({ detections, accounts: ACCOUNTS }), { recordedAt: day(at) });
      // Scans (some findings resolved), then mutes (the index re-reads only the mutes), then a scan that
      // reopens some and changes severities (a rebuild with mutes in place), then more mutes and unmutes.
      await scan(all, 1);
      const kept = all.filter(() => r.next() < 0.7);
      await scan(kept, 2);
      await check(15);
      await muteSome(store, r, all, 8);
      await check(15);
      const back = all.filter((d) => !kept.includes(d) && r.next() < 0.3);
      await scan(
        [...kept.map((d) => (r.next() < 0.2 ? { ...d, severity: r.pick(SEVERITIES) } : d)), ...back],
        3,
      );
      await check(15);
      await muteSome(store, r, all, 6);
      await check(15);
    },
  );

  it('builds once for reads that arrive together, and re-reads only the mutes after a mute', async () => {
    const a = detection('admin-role', roleArn('a'));
    await store.recordScan(scanInput({ detections: [a] }), { recordedAt: day(1) });
    let builds = 0;
    const cache = new ExplorerIndexCache(async (db, v) => {
      builds++;
      return ExplorerIndex.load(db, v);
    });
    const indexes = await Promise.all([1, 2, 3, 4].map(() => cache.get(store.db)));
    expect(builds).toBe(1);
    expect(new Set(indexes).size).toBe(1);
    expect(await cache.get(store.db)).toBe(indexes[0]);

    await store.mute({ detectionId: a.id, reason: 'ok', author: 'ana' }, day(2));
    const muted = await cache.get(store.db);
    expect(builds).toBe(1);
    expect(muted.list({ status: ['muted'] }, day(3)).ids).toEqual([a.id]);
    expect(indexes[0]?.list({ status: ['muted'] }, day(3)).ids).toEqual([]);

    await store.recordScan(scanInput({ detections: [a, detection('public-trust', roleArn('b'))] }), {
      recordedAt: day(2),
    });
    const rescanned = await cache.get(store.db);
    expect(builds).toBe(2);
    expect(rescanned.list({ status: ['open', 'muted'] }, day(3))).toMatchObject({
      total: 2,
      statuses: ['muted', 'open'],
    });
  });
});

describe.each(BACKENDS)('explorer index and another process ($name)', (backend: Backend) => {
  let t: TestTarget;
  let stores: Store[];
  beforeEach(async () => {
    t = await backend.create();
    stores = [];
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    await t.cleanup();
  });

  it("sees another store instance's scans, mutes and unmutes on its next read", async () => {
    const [server, cli] = [await openStore(t.target), await openStore(t.target)];
    stores.push(server, cli);
    const a = detection('admin-role', roleArn('a'), 'high');
    const b = detection('public-trust', roleArn('b'), 'critical');
    await cli.recordScan(scanInput({ detections: [a] }), { recordedAt: day(1) });
    const ids = async () => (await server.listDetections({}, day(3))).items.map((v) => v.detection.id);
    expect(await ids()).toEqual([a.id]);

    await cli.recordScan(scanInput({ detections: [a, b] }), { recordedAt: day(2) });
    expect(await ids()).toEqual([b.id, a.id]);
    expect((await server.detectionFacets({}, day(3))).severity).toEqual({ critical: 1, high: 1 });

    const m = await cli.mute(
      { rule: 'public-trust', resourcePattern: '*/B', reason: 'ok', author: 'ana' },
      day(2),
    );
    expect(await ids()).toEqual([a.id]);
    expect(
      (await server.detectionGroups({ status: ['muted'] }, 'rule', day(3))).groups.map((g) => g.key),
    ).toEqual(['public-trust']);

    await cli.unmute(m.id, 'bob', day(2));
    expect(await ids()).toEqual([b.id, a.id]);

    await cli.recordScan(scanInput({ detections: [b] }), { recordedAt: day(3) });
    expect(
      (await server.listDetections({ status: ['resolved'] }, day(4))).items.map((v) => v.detection.id),
    ).toEqual([a.id]);
    expect([...(await server.worstOpenSeverity([a.resource.arn, b.resource.arn], day(4)))]).toEqual([
      [b.resource.arn, 'critical'],
    ]);
  });
});
