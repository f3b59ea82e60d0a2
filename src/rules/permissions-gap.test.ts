import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiCall, assumedRole, iamUser } from '../ingest/test-utils/trail-events.js';
import type { Detection } from '../model/finding.js';
import { usageFromFiles } from '../usage/usage-from-files.js';
import { permissionsGapRule } from './permissions-gap.js';
import { missingInput, runRule } from './run.js';
import { buildContext, DEFAULT_AS_OF } from './test-utils/rule-tester.js';
import type { RawInput } from './test-utils/gaad.js';
import { ACCOUNT, administratorAccess, ADMIN_ARN, allow, doc, gaad, role, user } from './test-utils/gaad.js';

type Json = Record<string, unknown>;
const AT = '2025-05-25T12:00:00Z'; // inside the 15-day window before DEFAULT_AS_OF
const roleArn = (name: string, account = ACCOUNT): string => `arn:aws:iam::${account}:role/${name}`;
const app = assumedRole('app');
// Some activity in the account, so the trail covers it.
const witness = apiCall('iam', 'ListRoles', iamUser('witness'), AT);
const s3Read = (key: string): Json =>
  apiCall('s3', 'GetObject', app, AT, {
    managementEvent: false,
    eventCategory: 'Data',
    requestParameters: { bucketName: 'data', key },
    resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::data/${key}` }],
  });

async function detect(inputs: RawInput[], records: Json[] | null, config: Json = {}): Promise<Detection[]> {
  const trailInput = records === null ? [] : [{ file: 'trail.json', raw: { Records: records } }];
  const ctx = buildContext([...inputs, ...trailInput], DEFAULT_AS_OF, config);
  if (records !== null) {
    const dir = await mkdtemp(path.join(tmpdir(), 'gap-'));
    const file = path.join(dir, 'trail.json');
    await writeFile(file, JSON.stringify({ Records: records }));
    ctx.usage = (await usageFromFiles([file], { asOf: ctx.asOf, workers: 0 })).index;
    expect(missingInput(permissionsGapRule, ctx.inventory.coverage)).toBeNull();
  }
  return runRule(permissionsGapRule, ctx);
}

describe('permissions-gap fires', () => {
  it('a role that used 2 of its S3 and IAM read actions, with a policy narrowed to what it touched', async () => {
    const inputs = [
      gaad({ roles: [role('app', { inline: { p: doc(allow(['s3:Get*', 's3:List*', 'iam:List*'])) } })] }),
    ];
    const [d, ...rest] = await detect(inputs, [
      s3Read('a.csv'),
      s3Read('b.csv'),
      apiCall('s3', 'ListBuckets', app, AT),
    ]);
    expect(rest).toEqual([]);
    expect(d?.resource.arn).toBe(roleArn('app'));
    expect(d?.evidence).toMatchObject({ used: 2, usedActions: ['s3:GetObject', 's3:ListAllMyBuckets'] });
    expect(d?.evidence.unusedPercent).toBeGreaterThan(90);
    expect(d?.message).toMatch(
      /^IAM role app used 2 of the \d+ observable actions it is granted in the last 15 days/,
    );
    expect(d?.remediation.suggestedPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'S3Used',
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::data/a.csv', 'arn:aws:s3:::data/b.csv'],
        },
        { Sid: 'S3Used2', Effect: 'Allow', Action: ['s3:ListAllMyBuckets'], Resource: '*' },
      ],
    });
    expect(d?.evidence.leastPrivilege).toMatchObject({ wouldBreak: [] });
    expect(d?.remediation.steps[1]).toContain('aws iam put-role-policy --role-name app');
  });

  it('an administrator user, with evidence by service kept small', async () => {
    const inputs = [
      gaad({ users: [user('admin', { attached: [ADMIN_ARN] })], policies: [administratorAccess] }),
    ];
    const [d] = await detect(inputs, [apiCall('ec2', 'DescribeInstances', iamUser('admin'), AT)]);
    expect(d?.resource).toMatchObject({ type: 'user', name: 'admin' });
    expect(d?.evidence).toMatchObject({ used: 1, usedActions: ['ec2:DescribeInstances'] });
    expect((d?.evidence.byService as unknown[]).length).toBe(25);
    // iam:PassRole is granted but unobservable: counted apart, never as unused.
    expect(d?.evidence.unobservable).toBeGreaterThan(0);
    expect((d?.evidence.leastPrivilege as { terraform: string }).terraform).toContain(
      'resource "aws_iam_user_policy"',
    );
  });

  it('a denied call is not use', async () => {
    const inputs = [
      gaad({ roles: [role('app', { inline: { p: doc(allow(['iam:ListUsers', 'iam:GetUser'])) } })] }),
    ];
    const [d] = await detect(inputs, [
      apiCall('iam', 'ListUsers', app, AT),
      apiCall('iam', 'GetUser', app, AT, { errorCode: 'AccessDenied' }),
    ]);
    expect(d?.evidence).toMatchObject({ granted: 2, used: 1, unused: 1, unusedPercent: 50 });
  });

  it('a role that used nothing gets "remove", not an empty policy', async () => {
    const inputs = [gaad({ roles: [role('idle', { inline: { p: doc(allow('iam:ListUsers')) } })] })];
    const [d] = await detect(inputs, [witness]);
    expect(d?.remediation.suggestedPolicy).toBeNull();
    expect(d?.remediation.steps).toEqual([
      'IAM role idle used none of its permissions in the window: remove its policies or delete it.',
    ]);
  });

  it('the PassRole a CreateFunction proves is in the suggested policy, on that role only', async () => {
    const inputs = [
      gaad({
        roles: [
          role('deployer', { inline: { p: doc(allow(['lambda:*', 'iam:PassRole'])) } }),
          role('fn-role', { trust: [] }),
        ],
      }),
    ];
    const create = apiCall('lambda', 'CreateFunction20150331', assumedRole('deployer'), AT, {
      requestParameters: { functionName: 'f', role: roleArn('fn-role') },
    });
    const [d] = await detect(inputs, [create]);
    const policy = d?.remediation.suggestedPolicy as { Statement: Json[] };
    expect(policy.Statement).toContainEqual({
      Sid: 'IamUsed',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: roleArn('fn-role'),
    });
    expect(policy.Statement).toContainEqual(expect.objectContaining({ Action: ['lambda:CreateFunction'] }));
    expect(d?.evidence.leastPrivilege).toMatchObject({ wouldBreak: [] });
  });
});

describe('permissions-gap stays silent', () => {
  it('when every observable granted action was used', async () => {
    const inputs = [
      gaad({
        roles: [role('app', { inline: { p: doc(allow(['iam:ListUsers', 'iam:GetUser', 'iam:PassRole'])) } })],
      }),
    ];
    expect(
      await detect(inputs, [apiCall('iam', 'ListUsers', app, AT), apiCall('iam', 'GetUser', app, AT)]),
    ).toEqual([]);
  });
  it('at exactly the threshold (40 % unused)', async () => {
    const actions = ['iam:ListUsers', 'iam:GetUser', 'iam:ListRoles', 'iam:GetRole', 'iam:ListGroups'];
    const inputs = [gaad({ roles: [role('app', { inline: { p: doc(allow(actions)) } })] })];
    const used = actions.slice(0, 3).map((a) => apiCall('iam', a.split(':')[1]!, app, AT));
    expect(await detect(inputs, used)).toEqual([]);
    expect(await detect(inputs, used, { thresholds: { permissionsGapPercent: 30 } })).toHaveLength(1);
  });
  it('for a role whose account the trail does not cover', async () => {
    const inputs = [
      gaad({ roles: [role('far', { account: '100000000002', inline: { p: doc(allow('iam:*')) } })] }),
    ];
    expect(await detect(inputs, [witness])).toEqual([]);
  });
  it('when only unobservable actions are granted (PassRole, S3 objects on a trail without data events)', async () => {
    const inputs = [
      gaad({ roles: [role('app', { inline: { p: doc(allow(['iam:PassRole', 's3:GetObject'])) } })] }),
    ];
    expect(await detect(inputs, [witness])).toEqual([]);
  });
  it('counts only use inside the window (older is unused, later than as-of is ignored)', async () => {
    const inputs = [gaad({ roles: [role('app', { inline: { p: doc(allow(['iam:ListUsers'])) } })] })];
    expect(await detect(inputs, [apiCall('iam', 'ListUsers', app, '2025-05-20T00:00:00Z')])).toEqual([]);
    expect(await detect(inputs, [apiCall('iam', 'ListUsers', app, '2025-04-01T00:00:00Z')])).toHaveLength(1);
    expect(
      await detect(inputs, [witness, apiCall('iam', 'ListUsers', app, '2025-06-03T00:00:00Z')]),
    ).toHaveLength(1);
  });
  it('for service-linked roles, and without CloudTrail usage at all', async () => {
    const slr = role('AWSServiceRoleForX', {
      path: '/aws-service-role/x.amazonaws.com/',
      inline: { p: doc(allow('iam:*')) },
    });
    expect(await detect([gaad({ roles: [slr] })], [witness])).toEqual([]);
    const broad = [gaad({ roles: [role('app', { inline: { p: doc(allow('iam:*')) } })] })];
    expect(await detect(broad, null)).toEqual([]);
  });
});
