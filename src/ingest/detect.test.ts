import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/shared-data.js';
import type { InputKind } from '../model/input.js';
import { cloudTrailRecordCount, detectKind, isCloudTrailDigest } from './detect.js';

const event = {
  eventVersion: '1.09',
  eventName: 'ListUsers',
  eventSource: 'iam.amazonaws.com',
  eventTime: '2024-05-01T00:00:00Z',
};

describe('detectKind', () => {
  const cases: [string, unknown, InputKind][] = [
    [
      'GAAD',
      { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] },
      'iam-authorization-details',
    ],
    [
      'GAAD page with only roles',
      { RoleDetailList: [], IsTruncated: true, Marker: 'x' },
      'iam-authorization-details',
    ],
    [
      'GAAD page with only policies',
      { Policies: [{ PolicyName: 'p', PolicyVersionList: [] }], IsTruncated: false },
      'iam-authorization-details',
    ],
    [
      'credential report JSON',
      { Content: 'dXNlcg==', ReportFormat: 'text/csv', GeneratedTime: '2024-01-01T00:00:00Z' },
      'credential-report',
    ],
    ['credential report CSV', 'user,arn,user_creation_time\n', 'credential-report'],
    ['credential report CSV with BOM', '\uFEFFuser,arn,user_creation_time\n', 'credential-report'],
    ['describe-instances', { Reservations: [] }, 'ec2-instances'],
    ['list-functions', { Functions: [] }, 'lambda-functions'],
    ['organization', { Organization: { Id: 'o-11111111' }, Accounts: [], Policies: [] }, 'organization'],
    ['organization alone', { Organization: { Id: 'o-11111111' } }, 'organization'],
    ['CloudTrail S3 delivery', { Records: [event] }, 'cloudtrail'],
    ['CloudTrail S3 delivery, no events', { Records: [] }, 'cloudtrail'],
    ['CloudTrail array of events', [event, event], 'cloudtrail'],
    [
      'lookup-events output',
      { Events: [{ EventId: 'x', CloudTrailEvent: JSON.stringify(event) }] },
      'cloudtrail',
    ],
    ['SCP-like Policies alone is not GAAD', { Policies: [{ PolicySummary: {} }] }, 'unknown'],
    ['array of non-events', [{ a: 1 }], 'unknown'],
    ['empty array', [], 'unknown'],
    ['Records that are not events', { Records: [{ foo: 1 }] }, 'unknown'],
    ['other JSON', { hello: 'world' }, 'unknown'],
    ['number', 42, 'unknown'],
    ['null', null, 'unknown'],
    ['other text', 'name,email\n', 'unknown'],
  ];
  for (const [name, raw, kind] of cases) it(name, () => expect(detectKind(raw)).toBe(kind));

  it('ignores the file name: only content counts', () => {
    expect(detectKind({ Reservations: [], name: 'credential-report.csv' })).toBe('ec2-instances');
  });
});

describe('real CloudTrail recordings (stratus-red-team)', () => {
  const dir = path.join(SHARED_DATA, 'cloudtrail/stratus-red-team');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('finds the recordings', () => expect(files.length).toBeGreaterThanOrEqual(30));
  for (const f of files) {
    it(`detects ${f} as cloudtrail`, () => {
      const raw = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown[];
      expect(detectKind(raw)).toBe('cloudtrail');
      expect(cloudTrailRecordCount(raw)).toBe(raw.length);
    });
  }
});

describe('CloudTrail digest files', () => {
  it('recognises a digest and not a trail file', () => {
    const digest = { awsAccountId: '100000000001', digestStartTime: 'a', digestEndTime: 'b', logFiles: [] };
    expect(isCloudTrailDigest(digest)).toBe(true);
    expect(isCloudTrailDigest({ Records: [event] })).toBe(false);
  });
});
