// In-process stubs for what moto cannot do: page limits, throttling mid-pagination, LookupEvents, and a
// credential report that takes time to generate. The clients are the real SDK ones; only `send` is replaced.
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../detect.js';
import { transform as transformGaad } from '../gaad.js';
import { transform as transformReport } from '../credential-report.js';
import { lookupEvents, transformEvents } from './cloudtrail.js';
import { getCredentialReport, transformCredentialReport } from './credential-report.js';
import { getAuthorizationDetails, transformAuthorizationDetails } from './iam.js';
import type { CollectIssue } from './manifest.js';
import { withAwsErrors } from './with-aws-errors.js';

const config = { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } };
const doc = (action: string) =>
  encodeURIComponent(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
    }),
  );
const user = (n: number) => ({
  UserName: `u${n}`,
  UserId: `AIDA${String(n).padStart(17, '0')}`,
  Arn: `arn:aws:iam::100000000001:user/u${n}`,
  Path: '/',
  CreateDate: new Date('2026-01-01T00:00:00Z'),
  UserPolicyList: [{ PolicyName: 'p', PolicyDocument: doc(`s3:Get${n}`) }],
  AttachedManagedPolicies: [],
  GroupList: [],
  Tags: [],
});

function stubSend<C extends { send: unknown }>(
  client: C,
  fn: (command: { input: Record<string, unknown>; constructor: { name: string } }) => unknown,
): void {
  (client as { send: unknown }).send = async (command: never) => fn(command);
}

describe('pagination and throttling (stubbed IAM)', () => {
  it('follows every Marker, merges the pages and decodes the documents; a throttled page is retried', async () => {
    const iam = new IAMClient(config);
    const markers: unknown[] = [];
    let throttled = false;
    stubSend(iam, (cmd) => {
      expect(cmd).toBeInstanceOf(GetAccountAuthorizationDetailsCommand);
      markers.push(cmd.input.Marker);
      const page = Number(cmd.input.Marker ?? 0);
      if (page === 1 && !throttled) {
        throttled = true;
        throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
      }
      return {
        UserDetailList: [user(page * 2), user(page * 2 + 1)],
        IsTruncated: page < 2,
        Marker: page < 2 ? String(page + 1) : undefined,
        $metadata: {},
      };
    });
    const issues: CollectIssue[] = [];
    const pages = await withAwsErrors(
      { account: null, region: null, service: 'iam', what: 'gaad' },
      issues,
      () => getAuthorizationDetails(iam, 2),
      { sleep: async () => {} },
    );
    expect(issues).toEqual([]);
    // The throttle restarts the walk: page 0, page 1 (throttled), page 0, page 1, page 2.
    expect(markers).toEqual([undefined, '1', undefined, '1', '2']);
    const merged = transformAuthorizationDetails(pages!);
    expect(merged.UserDetailList).toHaveLength(6);
    expect(JSON.stringify(merged)).not.toContain('$metadata');
    const first = merged.UserDetailList[0] as {
      UserPolicyList: { PolicyDocument: unknown }[];
      CreateDate: unknown;
    };
    expect(first.UserPolicyList[0]!.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:Get0', Resource: '*' }],
    });
    expect(first.CreateDate).toBe('2026-01-01T00:00:00.000Z');
    const t = transformGaad(merged, 'gaad.json');
    expect(t.errors).toEqual([]);
    expect(t.users.map((u) => u.name)).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);
  });

  it('keeps a document that does not decode to JSON as AWS sent it (the reader reports it)', () => {
    const merged = transformAuthorizationDetails([
      {
        UserDetailList: [{ ...user(1), UserPolicyList: [{ PolicyName: 'p', PolicyDocument: '%7Bbroken' }] }],
      },
    ]);
    expect(
      (merged.UserDetailList[0] as { UserPolicyList: { PolicyDocument: unknown }[] }).UserPolicyList[0]!
        .PolicyDocument,
    ).toBe('%7Bbroken');
  });
});

describe('credential report (stubbed IAM)', () => {
  it('generates, polls until complete, and writes the CLI JSON the reader takes', async () => {
    const iam = new IAMClient(config);
    const calls: string[] = [];
    const csv =
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service\nalice,arn:aws:iam::100000000001:user/alice,2026-01-01T00:00:00+00:00,false,N/A,N/A,false,true,2026-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A\n';
    stubSend(iam, (cmd) => {
      calls.push(cmd.constructor.name);
      if (cmd.constructor.name === 'GenerateCredentialReportCommand')
        return { State: calls.length < 3 ? 'STARTED' : 'COMPLETE' };
      return {
        Content: new TextEncoder().encode(csv),
        ReportFormat: 'text/csv',
        GeneratedTime: new Date('2026-11-20T00:00:00Z'),
      };
    });
    const sleeps: number[] = [];
    const json = transformCredentialReport(
      await getCredentialReport(iam, { sleep: async (ms) => void sleeps.push(ms), intervalMs: 10 }),
    );
    expect(calls).toEqual([
      'GenerateCredentialReportCommand',
      'GenerateCredentialReportCommand',
      'GenerateCredentialReportCommand',
      'GetCredentialReportCommand',
    ]);
    expect(sleeps).toEqual([10, 10]);
    expect(json).toEqual({
      Content: Buffer.from(csv).toString('base64'),
      ReportFormat: 'text/csv',
      GeneratedTime: '2026-11-20T00:00:00.000Z',
    });
    expect(detectKind(json)).toBe('credential-report');
    expect(transformReport(json, 'r.json').rows.map((r) => r.arn)).toEqual([
      'arn:aws:iam::100000000001:user/alice',
    ]);
  });

  it('gives up after the polling budget instead of waiting forever', async () => {
    const iam = new IAMClient(config);
    let polls = 0;
    stubSend(iam, () => (polls++, { State: 'INPROGRESS' }));
    await expect(
      getCredentialReport(iam, { sleep: async () => {}, intervalMs: 10, maxWaitMs: 50 }),
    ).rejects.toThrow(/not ready/);
    expect(polls).toBe(6);
  });
});

describe('LookupEvents (stubbed CloudTrail)', () => {
  const event = (id: number) => ({
    EventId: `e${id}`,
    EventName: 'GetObject',
    EventTime: new Date('2026-11-19T00:00:00Z'),
    CloudTrailEvent: JSON.stringify({
      eventID: `e${id}`,
      eventName: 'GetObject',
      eventSource: 's3.amazonaws.com',
    }),
  });

  it('pages through NextToken within the window and writes the lookup-events form', async () => {
    const ct = new CloudTrailClient(config);
    const inputs: Record<string, unknown>[] = [];
    stubSend(ct, (cmd) => {
      expect(cmd).toBeInstanceOf(LookupEventsCommand);
      inputs.push({ ...cmd.input });
      return cmd.input.NextToken ? { Events: [event(3)] } : { Events: [event(1), event(2)], NextToken: 't1' };
    });
    const window = { from: new Date('2026-11-05T00:00:00Z'), to: new Date('2026-11-20T00:00:00Z') };
    const { events, truncated } = await lookupEvents(ct, window);
    expect(truncated).toBe(false);
    expect(inputs.map((i) => i.NextToken)).toEqual([undefined, 't1']);
    expect(inputs[0]).toMatchObject({ StartTime: window.from, EndTime: window.to, MaxResults: 50 });
    const doc = transformEvents(events);
    expect(detectKind(doc)).toBe('cloudtrail');
    expect(doc.Events).toHaveLength(3);
  });

  it('stops at maxEvents and says so', async () => {
    const ct = new CloudTrailClient(config);
    let pages = 0;
    stubSend(ct, () => (pages++, { Events: [event(1), event(2)], NextToken: 'more' }));
    const r = await lookupEvents(ct, { from: new Date(0), to: new Date() }, 3);
    expect(r).toMatchObject({ truncated: true });
    expect(r.events).toHaveLength(3);
    expect(pages).toBe(2);
  });
});
