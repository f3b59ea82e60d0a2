// The inactivity rules with CloudTrail usage in the context: a later call makes an identity active; the
// absence of calls never makes it look less active; accounts the trail does not cover are unaffected.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiCall, assumedRole, iamUser } from '../ingest/test-utils/trail-events.js';
import { usageFromFiles } from '../usage/usage-from-files.js';
import type { Rule } from './define-rule.js';
import { inactiveAdmin } from './inactive-admin.js';
import { inactiveRole } from './inactive-role.js';
import { inactiveUser } from './inactive-user.js';
import { runRule } from './run.js';
import { credentialReport } from './test-utils/exports.js';
import type { RawInput } from './test-utils/gaad.js';
import { ADMIN_ARN, administratorAccess, gaad, role, user } from './test-utils/gaad.js';
import { buildContext } from './test-utils/rule-tester.js';

type Json = Record<string, unknown>;

async function run(
  rule: Rule,
  inputs: RawInput[],
  records: Json[] | null,
): Promise<{ arn: string; evidence: Json }[]> {
  const ctx = buildContext(inputs);
  if (records !== null) {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'idle-')), 'trail.json');
    await writeFile(file, JSON.stringify(records));
    ctx.usage = (await usageFromFiles([file], { asOf: ctx.asOf, workers: 0 })).index;
  }
  return runRule(rule, ctx).map((d) => ({ arn: d.resource.arn, evidence: d.evidence }));
}

const OLD_ROLE = gaad({ roles: [role('old', { lastUsed: '2025-01-01T00:00:00Z' })] });

describe('inactive-role with CloudTrail', () => {
  it('a recent session of the role makes it active', async () => {
    expect(await run(inactiveRole, [OLD_ROLE], null)).toHaveLength(1);
    expect(
      await run(
        inactiveRole,
        [OLD_ROLE],
        [apiCall('s3', 'ListBuckets', assumedRole('old'), '2025-05-20T00:00:00Z')],
      ),
    ).toEqual([]);
  });
  it('a denied call is activity too (the credentials were used)', async () => {
    const denied = apiCall('iam', 'ListUsers', assumedRole('old'), '2025-05-20T00:00:00Z', {
      errorCode: 'AccessDenied',
    });
    expect(await run(inactiveRole, [OLD_ROLE], [denied])).toEqual([]);
  });
  it('gives a date to a role without RoleLastUsed, and judges it by that date', async () => {
    const unknown = gaad({ roles: [role('r')] });
    const call = apiCall('iam', 'ListUsers', assumedRole('r'), '2025-02-01T00:00:00Z');
    expect(await run(inactiveRole, [unknown], null)).toEqual([]);
    expect(await run(inactiveRole, [unknown], [call])).toEqual([
      {
        arn: 'arn:aws:iam::100000000001:role/r',
        evidence: {
          activity: expect.objectContaining({ source: 'cloudtrail', lastUsed: '2025-02-01T00:00:00.000Z' }),
        },
      },
    ]);
  });
  it('an older CloudTrail call never hides a later RoleLastUsed', async () => {
    const fresh = gaad({ roles: [role('fresh', { lastUsed: '2025-05-01T00:00:00Z' })] });
    const call = apiCall('iam', 'ListUsers', assumedRole('fresh'), '2024-01-01T00:00:00Z');
    expect(await run(inactiveRole, [fresh], [call])).toEqual([]);
  });
  it('a call in another account says nothing about this one', async () => {
    const other = apiCall(
      'iam',
      'ListUsers',
      assumedRole('old', 's', '100000000002'),
      '2025-05-20T00:00:00Z',
    );
    expect(await run(inactiveRole, [OLD_ROLE], [other])).toHaveLength(1);
  });
});

describe('inactive-user and inactive-admin with CloudTrail', () => {
  const report = credentialReport([
    {
      name: 'bob',
      created: '2020-01-01T00:00:00Z',
      keys: [{ rotated: '2020-01-01T00:00:00Z', used: '2025-01-01T00:00:00Z' }],
    },
  ]);
  const iam = gaad({ users: [user('bob', { attached: [ADMIN_ARN] })], policies: [administratorAccess] });
  const federated = {
    type: 'FederatedUser',
    arn: 'arn:aws:sts::100000000001:federated-user/bob-session',
    accountId: '100000000001',
    sessionContext: { sessionIssuer: { type: 'IAMUser', arn: 'arn:aws:iam::100000000001:user/bob' } },
  };
  it('a federated session of the user counts as the user being active', async () => {
    expect(await run(inactiveUser, [iam, report], null)).toHaveLength(1);
    const call = apiCall('ec2', 'DescribeInstances', federated, '2025-05-30T00:00:00Z');
    expect(await run(inactiveUser, [iam, report], [call])).toEqual([]);
    expect(await run(inactiveAdmin, [iam, report], null)).toHaveLength(1);
    expect(await run(inactiveAdmin, [iam, report], [call])).toEqual([]);
  });
  it("another user's calls leave the finding in place", async () => {
    const call = apiCall('ec2', 'DescribeInstances', iamUser('alice'), '2025-05-30T00:00:00Z');
    expect(await run(inactiveUser, [iam, report], [call])).toHaveLength(1);
  });
});
