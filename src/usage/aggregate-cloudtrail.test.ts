import { mkdir, mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, apiCall, assumedRole, iamUser } from '../ingest/test-utils/trail-events.js';
import { aggregateCloudTrail } from './aggregate-cloudtrail.js';
import { DigestPool } from './worker-pool.js';
import { memoryLedger } from './ledger.js';

type Json = Record<string, unknown>;

/** Writes trail files in the S3 delivery layout; the folder date is the delivery date, not the event's. */
async function trail(files: Record<string, Json[]>): Promise<{ dir: string; paths: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trail-'));
  const paths: string[] = [];
  for (const [name, records] of Object.entries(files)) {
    const folder = path.join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', 'us-east-1', '2025', '05', '21');
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, `${ACCOUNT}_CloudTrail_us-east-1_${name}.json.gz`);
    await writeFile(file, gzipSync(JSON.stringify({ Records: records })));
    paths.push(file);
  }
  return { dir, paths };
}

const alice = iamUser('alice');
const app = assumedRole('app');

describe('aggregateCloudTrail', () => {
  it('keys rows by the day of eventTime, not of the delivery folder', async () => {
    const late = apiCall('iam', 'ListUsers', alice, '2025-05-20T23:59:59Z');
    const { paths } = await trail({ a: [late, apiCall('iam', 'ListUsers', alice, '2025-05-21T00:00:01Z')] });
    const agg = await aggregateCloudTrail(paths, { workers: 0 });
    expect(agg.days.map((d) => [d.day, d.used, d.firstSeen, d.lastSeen])).toEqual([
      ['2025-05-20', 1, '2025-05-20T23:59:59.000Z', '2025-05-20T23:59:59.000Z'],
      ['2025-05-21', 1, '2025-05-21T00:00:01.000Z', '2025-05-21T00:00:01.000Z'],
    ]);
  });

  it('de-duplicates on eventID across files (an organization trail and an account trail)', async () => {
    const e = apiCall('s3', 'ListBuckets', alice);
    const { paths } = await trail({ org: [e], account: [e, apiCall('s3', 'ListBuckets', alice)] });
    const agg = await aggregateCloudTrail(paths, { workers: 0 });
    expect(agg.duplicates).toBe(1);
    expect(agg.events).toBe(2);
    expect(agg.days).toEqual([expect.objectContaining({ action: 's3:ListAllMyBuckets', used: 2 })]);
  });

  it('re-reads nothing on an unchanged folder, and only the new file after a delivery', async () => {
    const { paths } = await trail({
      a: [apiCall('iam', 'ListRoles', app)],
      b: [apiCall('iam', 'GetRole', app)],
    });
    const ledger = memoryLedger();
    const first = await aggregateCloudTrail(paths, { workers: 0, ledger });
    expect(first).toMatchObject({ filesRead: 2, filesAlreadyRead: 0, events: 2 });
    const progress: number[] = [];
    const second = await aggregateCloudTrail(paths, {
      workers: 0,
      ledger,
      onProgress: (p) => progress.push(p.done),
    });
    expect(second).toMatchObject({ filesRead: 0, filesAlreadyRead: 2, events: 0, days: [] });
    expect(progress).toEqual([]);
    const { paths: more } = await trail({ c: [apiCall('iam', 'ListUsers', app)] });
    const third = await aggregateCloudTrail([...paths, ...more], { workers: 0, ledger });
    expect(third).toMatchObject({ filesRead: 1, filesAlreadyRead: 2 });
    expect(third.days.map((d) => d.action)).toEqual(['iam:ListUsers']);
    // A file rewritten in place (new size or mtime) is read again.
    await utimes(paths[0]!, new Date(), new Date('2030-01-01'));
    expect((await aggregateCloudTrail(paths, { workers: 0, ledger })).filesRead).toBe(1);
  });

  it('does not mark a file it could not read, so the next run tries it again', async () => {
    const { paths } = await trail({ a: [apiCall('iam', 'ListRoles', app)] });
    const broken = `${paths[0]!}.broken.json`;
    await writeFile(broken, '{"Records": [');
    const ledger = memoryLedger();
    const agg = await aggregateCloudTrail([...paths, broken], { workers: 0, ledger });
    expect(agg.errors).toEqual([{ where: broken, reason: expect.stringMatching(/JSON|end/i) }]);
    expect(ledger.stamps().map((s) => s.path)).toEqual(paths);
  });

  it('reports a file that is gone, with or without a ledger, and reads the others', async () => {
    const { paths } = await trail({ a: [apiCall('iam', 'ListRoles', app)] });
    const gone = `${paths[0]!}.gone.json.gz`;
    for (const ledger of [undefined, memoryLedger()]) {
      const agg = await aggregateCloudTrail([...paths, gone], { workers: 0, ...(ledger ? { ledger } : {}) });
      expect(agg.errors).toEqual([{ where: gone, reason: expect.stringMatching(/^cannot read file: /) }]);
      expect(agg.days.map((d) => d.action)).toEqual(['iam:ListRoles']);
    }
  });

  it('reports unmapped events with counts instead of dropping them', async () => {
    const { paths } = await trail({
      a: [
        apiCall('s3', 'FrobnicateBucket', alice),
        apiCall('s3', 'FrobnicateBucket', alice),
        apiCall('iam', 'ListUsers', alice),
      ],
    });
    const agg = await aggregateCloudTrail(paths, { workers: 0 });
    expect(agg.unmapped).toEqual([
      { eventSource: 's3.amazonaws.com', eventName: 'FrobnicateBucket', count: 2 },
    ]);
    expect(agg.days.map((d) => d.action)).toEqual(['iam:ListUsers']);
  });

  it('attributes nothing to AWS services or web-identity callers', async () => {
    const { paths } = await trail({
      a: [
        apiCall('kms', 'Decrypt', { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' }),
        apiCall('sts', 'AssumeRoleWithWebIdentity', { type: 'WebIdentityUser', userName: 'repo:x' }),
      ],
    });
    const agg = await aggregateCloudTrail(paths, { workers: 0 });
    expect(agg).toMatchObject({ days: [], unattributed: 2, noPermission: 1, events: 2 });
  });

  it('infers iam:PassRole from a successful CreateFunction, never from a denied one', async () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/fn-role`;
    const ok = apiCall('lambda', 'CreateFunction20150331', alice, '2025-05-20T10:00:00Z', {
      requestParameters: { functionName: 'f', role },
    });
    const denied = apiCall('lambda', 'CreateFunction20150331', app, '2025-05-20T10:00:00Z', {
      requestParameters: { functionName: 'f', role },
      errorCode: 'AccessDeniedException',
    });
    const { paths } = await trail({ a: [ok, denied] });
    const agg = await aggregateCloudTrail(paths, { workers: 0 });
    expect(agg.days.map((d) => [d.principalArn.split(':').pop(), d.action, d.used, d.denied])).toEqual([
      ['role/app', 'lambda:CreateFunction', 0, 1],
      ['user/alice', 'iam:PassRole', 1, 0],
      ['user/alice', 'lambda:CreateFunction', 1, 0],
    ]);
    expect(agg.resources).toContainEqual(
      expect.objectContaining({ action: 'iam:PassRole', resources: [role] }),
    );
  });

  it('keeps the resource ARNs an action can name, and null when an event does not show one', async () => {
    const get = (key: string): Json =>
      apiCall('s3', 'GetObject', alice, '2025-05-20T10:00:00Z', {
        managementEvent: false,
        eventCategory: 'Data',
        requestParameters: { bucketName: 'data', key },
        resources: [
          { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::data/${key}` },
          { type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::data' },
        ],
      });
    const { paths } = await trail({
      a: [get('a.csv'), get('b.csv'), apiCall('iam', 'GetUser', app, '2025-05-20T10:00:00Z')],
    });
    const agg = await aggregateCloudTrail(paths, { workers: 0 });
    expect(agg.resources).toEqual([
      expect.objectContaining({ action: 'iam:GetUser', resources: null }),
      expect.objectContaining({
        action: 's3:GetObject',
        resources: ['arn:aws:s3:::data/a.csv', 'arn:aws:s3:::data/b.csv'],
      }),
    ]);
    expect(agg.dataEvents).toBe(2);
  });

  it('gives the same answer on worker threads as on one thread, over many files, duplicates and a broken one', async () => {
    // 120 files (several batches in flight per worker): calls repeat across files, as an organization trail
    // and an account trail overlap; one file is truncated.
    const shared = Array.from({ length: 40 }, (_, i) =>
      apiCall(
        'iam',
        i % 2 ? 'GetRole' : 'ListRoles',
        i % 3 ? app : alice,
        `2025-05-${10 + (i % 9)}T0${i % 10}:00:00Z`,
      ),
    );
    const files: Record<string, Json[]> = {};
    for (let f = 0; f < 120; f++) {
      files[`f${String(f).padStart(3, '0')}`] = [
        shared[f % 40]!,
        shared[(f * 7) % 40]!,
        // A principal first seen in this file: each worker numbers its strings across files.
        apiCall('s3', 'ListBuckets', iamUser(`u${f}`), `2025-05-${10 + (f % 9)}T12:00:0${f % 10}Z`),
      ];
    }
    const { paths } = await trail(files);
    await writeFile(paths[57]!, gzipSync('{"Records": [').subarray(0, 20));
    const one = await aggregateCloudTrail(paths, { workers: 0 });
    const ledger = memoryLedger();
    const progress: number[] = [];
    const two = await aggregateCloudTrail(paths, {
      workers: 2,
      ledger,
      onProgress: (p) => progress.push(p.done),
    });
    expect(one.errors).toEqual([{ where: paths[57], reason: expect.stringMatching(/gzip/) }]);
    // Every shared call after its first sight is a duplicate (file 57 is unreadable).
    const sharedSeen = Object.entries(files)
      .filter(([name]) => name !== 'f057')
      .flatMap(([, records]) => records.slice(0, 2));
    const distinct = new Set(sharedSeen.map((r) => r.eventID)).size;
    expect(one.duplicates).toBe(sharedSeen.length - distinct);
    expect(one.duplicates).toBeGreaterThan(150);
    const { fileRecords: a, ...restOne } = one;
    const { fileRecords: b, ...restTwo } = two;
    expect(restTwo).toEqual(restOne);
    expect(new Map([...b].sort())).toEqual(new Map([...a].sort()));
    expect(progress).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(ledger.stamps()).toHaveLength(119);
    // Threads started (and booted) ahead of the call give the same answer; a pool serves one call.
    const pool = new DigestPool(2);
    await pool.ready();
    expect(pool.failure).toBeNull();
    const ahead = await aggregateCloudTrail(paths, { pool });
    await expect(aggregateCloudTrail(paths, { pool })).rejects.toThrow(/one aggregation/);
    await pool.close();
    const { fileRecords: c, ...restAhead } = ahead;
    expect(restAhead).toEqual(restOne);
    expect(new Map([...c].sort())).toEqual(new Map([...a].sort()));
  });
});
