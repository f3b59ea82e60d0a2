import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apiCall, assumedRole, iamUser } from './test-utils/trail-events.js';
import { eventTimeMs, readTrailRecord, trailDocument } from './cloudtrail.js';
import { readCloudTrailFile, trailEventsOf } from './cloudtrail-file.js';

const call = apiCall('s3', 'ListBuckets', iamUser('alice'));

describe('trailDocument: the three forms', () => {
  it('reads S3 delivery files, plain arrays and lookup-events output', () => {
    expect(trailDocument({ Records: [call] })).toEqual({ form: 'records', records: [call] });
    expect(trailDocument([call])).toEqual({ form: 'array', records: [call] });
    const lookup = { Events: [{ EventId: 'x', CloudTrailEvent: JSON.stringify(call) }] };
    expect(trailDocument(lookup)?.form).toBe('lookup-events');
    const r = trailEventsOf('f.json', lookup);
    expect(r.kind === 'events' && r.events.map((e) => e.eventName)).toEqual(['ListBuckets']);
  });
  it('refuses other documents, naming the file', () => {
    const r = trailEventsOf('x.json', { UserDetailList: [] });
    expect(r).toMatchObject({
      kind: 'error',
      error: { where: 'x.json', reason: expect.stringMatching(/not CloudTrail/) },
    });
  });
  it('skips digest files as a whole', () => {
    const digest = { digestStartTime: 'a', digestEndTime: 'b', logFiles: [] };
    expect(trailEventsOf('d.json', digest)).toEqual({ kind: 'skipped', file: 'd.json', reason: 'digest' });
  });
});

describe('readTrailRecord', () => {
  it('normalises an assumed-role call with its issuer and resources', () => {
    const r = readTrailRecord(
      apiCall('s3', 'GetObject', assumedRole('app', 's', '100000000001', '/svc/'), '2025-05-20T10:00:00Z', {
        managementEvent: false,
        eventCategory: 'Data',
        resources: [{ ARN: 'arn:aws:s3:::b/k', type: 'AWS::S3::Object' }, { ARN: 'not an arn' }],
      }),
    );
    expect(r.kind).toBe('event');
    if (r.kind !== 'event') return;
    expect(r.event.identity).toMatchObject({
      type: 'AssumedRole',
      issuerArn: 'arn:aws:iam::100000000001:role/svc/app',
      issuerType: 'Role',
    });
    expect(r.event.isDataEvent).toBe(true);
    expect(r.event.resourceArns).toEqual(['arn:aws:s3:::b/k']);
    expect(r.event.timeMs).toBe(Date.parse('2025-05-20T10:00:00Z'));
    expect(r.event.errorCode).toBeNull();
  });
  it('skips non-API events and Insight records', () => {
    expect(readTrailRecord({ ...call, eventType: 'AwsConsoleSignIn' })).toEqual({
      kind: 'skipped',
      reason: 'non-api',
    });
    expect(readTrailRecord({ ...call, eventType: 'AwsServiceEvent' })).toEqual({
      kind: 'skipped',
      reason: 'non-api',
    });
    expect(readTrailRecord({ ...call, eventType: 'AwsCloudTrailInsight', insightDetails: {} })).toEqual({
      kind: 'skipped',
      reason: 'insight',
    });
  });
  it.each([
    ['eventID', { eventID: undefined }, /eventID/],
    ['eventTime', { eventTime: 'yesterday' }, /eventTime/],
    ['eventTime before CloudTrail existed', { eventTime: '1999-01-01T00:00:00Z' }, /eventTime/],
    ['eventSource', { eventSource: 'evil source<script>' }, /eventSource/],
    ['eventName', { eventName: '../../etc' }, /eventName/],
    ['userIdentity', { userIdentity: 'root' }, /userIdentity/],
  ])('a record with a bad %s is an error, never an event', (_n, over, reason) => {
    const r = readTrailRecord({ ...call, ...over });
    expect(r).toMatchObject({ kind: 'error', reason: expect.stringMatching(reason) });
  });
  it('never takes a malformed ARN from userIdentity', () => {
    const r = readTrailRecord(
      apiCall('s3', 'ListBuckets', { type: 'IAMUser', arn: 'arn:aws:iam::1:user/x\nFAKE' }),
    );
    expect(r.kind === 'event' && r.event.identity.arn).toBeNull();
  });
  it('quotes and truncates attacker text in reasons', () => {
    const r = readTrailRecord({ ...call, eventName: `${'A'.repeat(200)}\u001b[31m` });
    expect(r.kind === 'error' && r.reason.length).toBeLessThan(120);
  });
});

describe('readCloudTrailFile', () => {
  it('reads gzip files and reports record errors with the file and record index', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ct-'));
    const file = path.join(dir, 'a.json.gz');
    await writeFile(file, gzipSync(JSON.stringify({ Records: [call, { ...call, eventTime: 'x' }] })));
    const r = await readCloudTrailFile(file);
    expect(r.kind).toBe('events');
    if (r.kind !== 'events') return;
    expect(r.events).toHaveLength(1);
    expect(r.errors).toEqual([{ where: `${file} record 1`, reason: 'invalid eventTime "x"' }]);
  });
  it('names the file and the reason for a truncated gzip', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ct-'));
    const file = path.join(dir, 'b.json.gz');
    await writeFile(file, gzipSync(JSON.stringify({ Records: [call] })).subarray(0, 20));
    expect(await readCloudTrailFile(file)).toMatchObject({
      kind: 'error',
      error: { where: file, reason: expect.stringMatching(/gzip/) },
    });
  });
  it('skips files delivered under CloudTrail-Insight without reading them', async () => {
    const file = '/nonexistent/AWSLogs/100000000001/CloudTrail-Insight/us-east-1/2025/05/20/x.json.gz';
    expect(await readCloudTrailFile(file)).toEqual({ kind: 'skipped', file, reason: 'insight' });
  });
});

describe('eventTimeMs', () => {
  it('agrees with Date.parse on CloudTrail times, near misses and anything else', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    const trailTime = fc
      .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2))
      .map(([y, mo, d, h, mi, s]) => `${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
    const realTime = fc
      .date({ min: new Date('2013-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    fc.assert(
      fc.property(fc.oneof(trailTime, realTime, fc.string({ maxLength: 24 })), (text) => {
        expect(eventTimeMs(text)).toBe(Date.parse(text));
      }),
      { numRuns: 5_000 },
    );
    for (const text of [
      '2026-11-03T12:01:56Z',
      '2026-02-29T00:00:00Z',
      '2026-11-03T24:00:00Z',
      '2026-11-03T1a:01:56Z',
    ]) {
      expect(eventTimeMs(text)).toBe(Date.parse(text));
    }
  });
});
