import { describe, expect, it } from 'vitest';
import { inventoryFromRaw } from './from-raw.js';
import { transform } from './gaad.js';

const ACCT = '100000000001';
const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const trustEc2 = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const user = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  UserName: name,
  UserId: `AIDA${name.toUpperCase()}`,
  Arn: `arn:aws:iam::${ACCT}:user/${name}`,
  Path: '/',
  ...extra,
});
const role = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  RoleName: name,
  Arn: `arn:aws:iam::${ACCT}:role${(extra.Path as string | undefined) ?? '/'}${name}`,
  AssumeRolePolicyDocument: trustEc2,
  ...extra,
});

describe('gaad: record fields', () => {
  it('maps tags, boundaries, service-linked roles and unknown RoleLastUsed', () => {
    const t = transform(
      {
        UserDetailList: [
          user('alice', {
            Tags: [{ Key: 'team', Value: 'blue' }, { Key: 'bad' }],
            PermissionsBoundary: {
              PermissionsBoundaryType: 'Policy',
              PermissionsBoundaryArn: `arn:aws:iam::${ACCT}:policy/pb`,
            },
            GroupList: ['g1', 'g1', 7],
          }),
        ],
        RoleDetailList: [
          role('AWSServiceRoleForSupport', { Path: '/aws-service-role/support.amazonaws.com/' }),
        ],
      },
      'f.json',
    );
    expect(t.errors).toEqual([]);
    expect(t.users[0]).toMatchObject({
      tags: { team: 'blue' },
      permissionsBoundaryArn: `arn:aws:iam::${ACCT}:policy/pb`,
      groupNames: ['g1'],
      createDate: null,
      id: 'AIDAALICE',
    });
    expect(t.roles[0]).toMatchObject({
      isServiceLinked: true,
      lastUsed: null,
      maxSessionDuration: null,
      tags: {},
    });
  });

  it('does not let a tag named __proto__ reach the prototype', () => {
    const t = transform(
      { UserDetailList: [user('p', { Tags: [{ Key: '__proto__', Value: 'x' }] })] },
      'f.json',
    );
    expect(Object.keys(t.users[0]!.tags)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('gaad: bad records are reported and the rest is read', () => {
  const cases: { name: string; raw: unknown; where: string; reason: RegExp; kept: string[] }[] = [
    {
      name: 'user without a name',
      raw: { UserDetailList: [user('ok'), { Arn: `arn:aws:iam::${ACCT}:user/x` }] },
      where: `f.json UserDetailList[1] (arn:aws:iam::${ACCT}:user/x)`,
      reason: /has no UserName/,
      kept: ['ok'],
    },
    {
      name: 'user with a malformed ARN',
      raw: { UserDetailList: [user('bob', { Arn: 'arn:aws:iam::12:user/bob' }), user('ok')] },
      where: 'f.json UserDetailList[0] (bob)',
      reason: /malformed Arn/,
      kept: ['ok'],
    },
    {
      name: 'entry that is not an object',
      raw: { UserDetailList: ['alice', user('ok')] },
      where: 'f.json UserDetailList[0]',
      reason: /not an object/,
      kept: ['ok'],
    },
    {
      name: 'inline policy that does not parse (the user is kept without it)',
      raw: {
        UserDetailList: [
          user('carol', { UserPolicyList: [{ PolicyName: 'p', PolicyDocument: '{"Statement": [' }] }),
        ],
      },
      where: 'f.json UserDetailList[0] (carol)',
      reason: /^policy document of user carol inline policy p: .*not valid JSON/,
      kept: ['carol'],
    },
    {
      name: 'role whose trust policy has a bad Effect (the role is dropped)',
      raw: {
        RoleDetailList: [
          role('r1', { AssumeRolePolicyDocument: { Statement: [{ Effect: 'allow', Action: '*' }] } }),
          role('r2'),
        ],
      },
      where: 'f.json RoleDetailList[0] (r1)',
      reason: /^policy document of role r1 trust policy: Statement\[0\]\.Effect/,
      kept: ['r2'],
    },
    {
      name: 'managed policy without a default version',
      raw: {
        Policies: [
          {
            PolicyName: 'np',
            Arn: `arn:aws:iam::${ACCT}:policy/np`,
            PolicyVersionList: [{ Document: allowAll, IsDefaultVersion: false }],
          },
        ],
        UserDetailList: [user('ok')],
      },
      where: 'f.json Policies[0] (np)',
      reason: /no default version/,
      kept: ['ok'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { inventory, inputs } = inventoryFromRaw([{ file: 'f.json', raw: c.raw }]);
      expect(inputs[0]!.errors).toHaveLength(1);
      expect(inputs[0]!.errors[0]!.where).toBe(c.where);
      expect(inputs[0]!.errors[0]!.reason).toMatch(c.reason);
      const names = [...inventory.users, ...inventory.roles].map((p) => p.name);
      expect(names).toEqual(c.kept);
      expect(inventory.policies.size).toBe(0);
    });
  }

  it('reports a list of the wrong type as a file error and reads the other lists', () => {
    const { inventory, inputs } = inventoryFromRaw([
      { file: 'f.json', raw: { UserDetailList: 'alice', RoleDetailList: [role('r')] } },
    ]);
    expect(inputs[0]!.errors).toEqual([{ where: 'f.json', reason: 'UserDetailList is not a list' }]);
    expect(inventory.roles.map((r) => r.name)).toEqual(['r']);
    expect(inventory.users).toEqual([]);
  });

  it('reads a 5 MB policy document', () => {
    const actions = Array.from({ length: 250_000 }, (_, i) => `s3:GetObjectVersion${i}`);
    const big = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] };
    expect(JSON.stringify(big).length).toBeGreaterThan(5_000_000);
    const raw = {
      Policies: [
        {
          PolicyName: 'big',
          Arn: `arn:aws:iam::${ACCT}:policy/big`,
          PolicyVersionList: [{ Document: big, IsDefaultVersion: true, VersionId: 'v1' }],
        },
      ],
    };
    const { inventory, inputs } = inventoryFromRaw([{ file: 'f.json', raw }]);
    expect(inputs[0]!.errors).toEqual([]);
    expect(
      inventory.policies.get(`arn:aws:iam::${ACCT}:policy/big`)!.document.statements[0]!.action,
    ).toHaveLength(250_000);
  });
});
