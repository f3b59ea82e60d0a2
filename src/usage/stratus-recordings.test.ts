// The real recordings of Stratus Red Team attack techniques (shared/data, Apache-2.0): every file is read
// without error, and the identities and actions found are the ones the recordings show.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/shared-data.js';
import type { UsageDay } from '../model/usage.js';
import type { CloudTrailAggregate } from './aggregate-cloudtrail.js';
import { aggregateCloudTrail } from './aggregate-cloudtrail.js';
import { rollUpUsage } from './rollup.js';
import { identityUsage } from './usage-from-files.js';

const DIR = path.join(SHARED_DATA, 'cloudtrail', 'stratus-red-team');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => path.join(DIR, f));

let agg: CloudTrailAggregate;
const row = (principal: string, action: string): UsageDay | undefined =>
  agg.days.find((d) => d.principalArn === principal && d.action === action);

beforeAll(async () => {
  agg = await aggregateCloudTrail(FILES, { workers: 0 });
});

describe('Stratus Red Team recordings', () => {
  it('reads every file without error and accounts for every record', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(30);
    expect(agg.errors).toEqual([]);
    expect(agg.filesRead).toBe(FILES.length);
    // 310 records: one console sign-in (not an API call) and 309 API calls.
    expect(agg.skippedRecords).toEqual({ nonApi: 1, insight: 0 });
    expect(agg.events).toBe(309);
    expect(agg.unmapped).toEqual([]);
  });

  it('counts an IAM user call for the user (iam-create-admin-user)', () => {
    const u = 'arn:aws:iam::229654561268:user/christophe';
    for (const a of ['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey']) {
      expect(row(u, a)).toMatchObject({ used: 1, denied: 0, errors: 0, day: '2024-08-01' });
    }
  });

  it('rolls assumed-role sessions up to their role, path included, and never keeps a session ARN', () => {
    const role = 'arn:aws:iam::494659789341:role/test-role';
    expect(row(role, 'bedrock:InvokeModel')).toMatchObject({ used: 1 });
    expect(row(role, 'bedrock:GetFoundationModelAvailability')).toMatchObject({ used: 10 });
    const sso =
      'arn:aws:iam::844015365555:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_account-admin_599c9e90e350d2ff';
    expect(row(sso, 'ec2-instance-connect:SendSerialConsoleSSHPublicKey')).toMatchObject({ used: 3 });
    expect(row(sso, 'ec2:EnableSerialConsoleAccess')).toMatchObject({ used: 1 });
    expect(agg.days.filter((d) => !/^arn:aws:iam::\d{12}:(user|role)\//.test(d.principalArn))).toEqual([]);
  });

  it('rolls a federated session up to the IAM user that asked for the token', () => {
    const user = 'arn:aws:iam::742491224508:user/stratus-red-team-user-federation-user';
    expect(row(user, 'sts:GetFederationToken')).toMatchObject({ used: 1 });
    // The federated session's own call (GetCallerIdentity) is the user's activity.
    expect(row(user, 'sts:GetCallerIdentity')).toMatchObject({
      used: 1,
      lastUsed: '2024-11-30T08:43:18.000Z',
    });
    expect(agg.days.some((d) => d.principalArn.includes('federated-user'))).toBe(false);
  });

  it('counts UnauthorizedOperation and AccessDenied as denied, not used', () => {
    const role = 'arn:aws:iam::457448411975:role/stratus-red-team-ec2-get-password-data-role';
    expect(row(role, 'ec2:GetPasswordData')).toMatchObject({
      used: 0,
      errors: 0,
      denied: 30,
      lastUsed: null,
    });
    expect(
      row(
        'arn:aws:iam::307578594326:role/stratus-red-team-leave-org-role',
        'organizations:LeaveOrganization',
      ),
    ).toMatchObject({ used: 0, denied: 1 });
    const index = rollUpUsage(agg.days, { from: new Date('2024-07-01'), to: new Date('2024-12-31') });
    expect(identityUsage(index, role)).toEqual({
      usedActions: [],
      deniedActions: [{ action: 'ec2:GetPasswordData', lastDenied: '2024-07-30T21:31:21.000Z', count: 30 }],
    });
    // One user both allowed and denied the same action, in the same minute.
    const christophe = identityUsage(index, 'arn:aws:iam::457448411975:user/christophe');
    expect(christophe.usedActions).toEqual([expect.objectContaining({ action: 'sts:AssumeRole', count: 2 })]);
    expect(christophe.deniedActions).toEqual([
      expect.objectContaining({ action: 'sts:AssumeRole', count: 2 }),
    ]);
  });

  it('counts a non-authorization failure as use (EntityTemporarilyUnmodifiable)', () => {
    const u = 'arn:aws:iam::070411556318:user/christophe';
    expect(row(u, 'iam:DeleteLoginProfile')).toMatchObject({ used: 0, errors: 1, denied: 0 });
    const index = rollUpUsage(agg.days, { from: new Date('2024-07-01'), to: new Date('2024-12-31') });
    expect(index.principals.get(u)?.used.get('iam:DeleteLoginProfile')?.count).toBe(1);
  });

  it('maps versioned Lambda event names', () => {
    expect(row('arn:aws:iam::880896431042:user/christophe', 'lambda:AddPermission')).toMatchObject({
      used: 1,
    });
    expect(row('arn:aws:iam::266106314375:user/christophe', 'lambda:UpdateFunctionCode')).toMatchObject({
      used: 1,
    });
  });

  it('gives the same rows on worker threads as on this thread', async () => {
    const parallel = await aggregateCloudTrail(FILES, { workers: 2 });
    expect(parallel.days).toEqual(agg.days);
    expect(parallel.events).toBe(agg.events);
  });
});
