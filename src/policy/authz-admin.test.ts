import { describe, expect, it } from 'vitest';
import { actionCatalog } from './catalog.js';
import { createAuthz } from './authz.js';
import {
  ACCOUNT,
  FULL_AWS_ACCESS,
  arnOf,
  buildInventory,
  organization,
  scp,
  statements,
} from './test-utils/build-inventory.js';
import type { InventorySpec } from './test-utils/build-inventory.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
const POLICIES = {
  // The AWS managed documents, as in the cloudsplaining export.
  [ADMIN]: statements({ Effect: 'Allow', Action: '*', Resource: '*' }),
  [POWER]: statements(
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    {
      Effect: 'Allow',
      Action: [
        'iam:CreateServiceLinkedRole',
        'iam:DeleteServiceLinkedRole',
        'iam:ListRoles',
        'organizations:DescribeOrganization',
        'account:ListRegions',
      ],
      Resource: '*',
    },
  ),
};
const allow = (action: string | string[], extra: Record<string, unknown> = {}) =>
  statements({ Effect: 'Allow', Action: action, Resource: '*', ...extra });
const MFA = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
const everyService = [...actionCatalog().services.keys()].map((s) => `${s}:*`);

interface Case {
  name: string;
  spec: InventorySpec;
  principal: string;
  isAdmin: boolean;
  conditional?: boolean;
  granting?: { policyId: string; viaGroup?: string }[];
  restricting?: string[];
}

const CASES: Case[] = [
  {
    name: 'AdministratorAccess attached to a user',
    spec: { policies: POLICIES, users: [{ name: 'alice', attached: [ADMIN] }] },
    principal: arnOf('user', 'alice'),
    isAdmin: true,
    granting: [{ policyId: ADMIN }],
  },
  {
    name: '*:* inline on a group reaches its member, with viaGroup',
    spec: {
      users: [{ name: 'bob', groups: ['ops'] }],
      groups: [{ name: 'ops', inline: { all: allow('*:*') } }],
    },
    principal: arnOf('user', 'bob'),
    isAdmin: true,
    granting: [{ policyId: `${arnOf('group', 'ops')}#inline/all`, viaGroup: arnOf('group', 'ops') }],
  },
  {
    name: 'a group of another account with the same name does not reach the user',
    spec: {
      users: [{ name: 'bob', groups: ['ops'] }],
      groups: [{ name: 'ops', account: '100000000002', inline: { all: allow('*') } }],
    },
    principal: arnOf('user', 'bob'),
    isAdmin: false,
  },
  {
    name: 'the group itself is admin through its own policies',
    spec: { policies: POLICIES, groups: [{ name: 'ops', attached: [ADMIN] }] },
    principal: arnOf('group', 'ops'),
    isAdmin: true,
  },
  {
    name: 'PowerUserAccess is not admin',
    spec: { policies: POLICIES, roles: [{ name: 'dev', attached: [POWER] }] },
    principal: arnOf('role', 'dev'),
    isAdmin: false,
  },
  {
    name: 'iam:* alone is not admin',
    spec: { roles: [{ name: 'iam', inline: { p: allow('iam:*') } }] },
    principal: arnOf('role', 'iam'),
    isAdmin: false,
  },
  {
    name: 'admin behind an MFA condition is admin, conditionally',
    spec: { users: [{ name: 'carol', inline: { p: allow('*', MFA) } }] },
    principal: arnOf('user', 'carol'),
    isAdmin: true,
    conditional: true,
  },
  {
    name: 'admin behind a condition on a known key that fails is not admin',
    spec: {
      users: [
        {
          name: 'carol',
          inline: { p: allow('*', { Condition: { StringEquals: { 'aws:username': 'mallory' } } }) },
        },
      ],
    },
    principal: arnOf('user', 'carol'),
    isAdmin: false,
  },
  {
    name: 'admin behind a condition on a known key that holds is unconditional admin',
    spec: {
      users: [
        {
          name: 'carol',
          inline: { p: allow('*', { Condition: { StringEquals: { 'aws:username': 'carol' } } }) },
        },
      ],
    },
    principal: arnOf('user', 'carol'),
    isAdmin: true,
    conditional: false,
  },
  {
    name: 'a permissions boundary that allows only s3:* removes admin',
    spec: {
      policies: { ...POLICIES, [`arn:aws:iam::${ACCOUNT}:policy/s3-only`]: allow('s3:*') },
      users: [{ name: 'dan', attached: [ADMIN], boundary: `arn:aws:iam::${ACCOUNT}:policy/s3-only` }],
    },
    principal: arnOf('user', 'dan'),
    isAdmin: false,
  },
  {
    name: 'a boundary that allows everything keeps admin',
    spec: { policies: POLICIES, roles: [{ name: 'r', attached: [ADMIN], boundary: ADMIN }] },
    principal: arnOf('role', 'r'),
    isAdmin: true,
  },
  {
    name: 'an SCP level that denies iam:* removes admin',
    spec: {
      policies: POLICIES,
      roles: [{ name: 'r', attached: [ADMIN] }],
      organization: organization([
        scp('full', FULL_AWS_ACCESS, ['r-root', 'ou-a', ACCOUNT]),
        scp('no-iam', statements({ Effect: 'Deny', Action: 'iam:*', Resource: '*' }), ['ou-a']),
      ]),
    },
    principal: arnOf('role', 'r'),
    isAdmin: false,
  },
  {
    name: 'an OU level whose SCP allows only s3:* removes admin (every level must allow)',
    spec: {
      policies: POLICIES,
      roles: [{ name: 'r', attached: [ADMIN] }],
      organization: organization([
        scp('full', FULL_AWS_ACCESS, ['r-root', ACCOUNT]),
        scp('s3', allow('s3:*'), ['ou-a']),
      ]),
    },
    principal: arnOf('role', 'r'),
    isAdmin: false,
  },
  {
    name: 'SCPs do not apply to the management account',
    spec: {
      policies: POLICIES,
      roles: [{ name: 'r', account: '100000000000', attached: [ADMIN] }],
      organization: organization([
        scp('full', FULL_AWS_ACCESS, ['r-root', 'ou-a', ACCOUNT]),
        scp('deny-all', statements({ Effect: 'Deny', Action: '*', Resource: '*' }), [
          'r-root',
          '100000000000',
        ]),
      ]),
    },
    principal: arnOf('role', 'r', '100000000000'),
    isAdmin: true,
  },
  {
    name: 'SCPs do not apply to an account outside the organization',
    spec: {
      policies: POLICIES,
      roles: [{ name: 'r', account: '100000000009', attached: [ADMIN] }],
      organization: organization([
        scp('deny-all', statements({ Effect: 'Deny', Action: '*', Resource: '*' }), ['r-root']),
      ]),
    },
    principal: arnOf('role', 'r', '100000000009'),
    isAdmin: true,
  },
  {
    name: 'SCPs do not apply to service-linked roles',
    spec: {
      policies: POLICIES,
      roles: [{ name: 'AWSServiceRoleForX', serviceLinked: true, attached: [ADMIN] }],
      organization: organization([
        scp('deny-all', statements({ Effect: 'Deny', Action: '*', Resource: '*' }), ['r-root']),
      ]),
    },
    principal: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/AWSServiceRoleForX`,
    isAdmin: true,
  },
  {
    name: 'a full unconditional deny on * removes admin',
    spec: {
      policies: POLICIES,
      users: [
        {
          name: 'eve',
          attached: [ADMIN],
          inline: { no: statements({ Effect: 'Deny', Action: '*', Resource: '*' }) },
        },
      ],
    },
    principal: arnOf('user', 'eve'),
    isAdmin: false,
  },
  {
    name: 'a deny on one bucket keeps admin and is listed as a restriction',
    spec: {
      policies: POLICIES,
      users: [
        {
          name: 'eve',
          attached: [ADMIN],
          inline: {
            bucket: statements({
              Sid: 'NoSecrets',
              Effect: 'Deny',
              Action: 's3:*',
              Resource: 'arn:aws:s3:::secrets/*',
            }),
          },
        },
      ],
    },
    principal: arnOf('user', 'eve'),
    isAdmin: true,
    conditional: false,
    restricting: [`${arnOf('user', 'eve')}#inline/bucket`],
  },
  {
    name: 'a NotAction deny of everything but s3 removes admin',
    spec: {
      policies: POLICIES,
      users: [
        {
          name: 'eve',
          attached: [ADMIN],
          inline: { no: statements({ Effect: 'Deny', NotAction: 's3:*', Resource: '*' }) },
        },
      ],
    },
    principal: arnOf('user', 'eve'),
    isAdmin: false,
  },
  {
    name: 'a deny unless MFA keeps admin, conditionally, and is listed',
    spec: {
      policies: POLICIES,
      users: [
        {
          name: 'eve',
          attached: [ADMIN],
          inline: {
            mfa: statements({
              Effect: 'Deny',
              NotAction: 'iam:ChangePassword',
              Resource: '*',
              Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
            }),
          },
        },
      ],
    },
    principal: arnOf('user', 'eve'),
    isAdmin: true,
    conditional: true,
    restricting: [`${arnOf('user', 'eve')}#inline/mfa`],
  },
  {
    name: 'every catalog service as service:* is admin',
    spec: { roles: [{ name: 'all', inline: { p: allow(everyService) } }] },
    principal: arnOf('role', 'all'),
    isAdmin: true,
  },
  {
    name: 'every catalog service but one as service:* is not admin',
    spec: { roles: [{ name: 'all', inline: { p: allow(everyService.filter((s) => s !== 'sts:*')) } }] },
    principal: arnOf('role', 'all'),
    isAdmin: false,
  },
  {
    name: 'Action * on arn:aws:* counts as every resource',
    spec: {
      roles: [
        { name: 'r', inline: { p: statements({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:*' }) } },
      ],
    },
    principal: arnOf('role', 'r'),
    isAdmin: true,
  },
  {
    name: 'Action * on one account’s ARNs only is not admin',
    spec: {
      roles: [
        {
          name: 'r',
          inline: { p: statements({ Effect: 'Allow', Action: '*', Resource: `arn:aws:*:*:${ACCOUNT}:*` }) },
        },
      ],
    },
    principal: arnOf('role', 'r'),
    isAdmin: false,
  },
  {
    name: 'Allow * with NotResource on one bucket is not admin',
    spec: {
      roles: [
        {
          name: 'r',
          inline: { p: statements({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::b' }) },
        },
      ],
    },
    principal: arnOf('role', 'r'),
    isAdmin: false,
  },
  {
    name: 'a missing attached managed policy is skipped, not fatal',
    spec: { users: [{ name: 'x', attached: ['arn:aws:iam::aws:policy/Gone'] }] },
    principal: arnOf('user', 'x'),
    isAdmin: false,
  },
  {
    name: 'an unknown principal is not admin',
    spec: { policies: POLICIES, users: [{ name: 'alice', attached: [ADMIN] }] },
    principal: arnOf('user', 'nobody'),
    isAdmin: false,
  },
];

describe('adminVerdict', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const authz = createAuthz(buildInventory(c.spec), { asOf: new Date('2026-01-01T00:00:00Z') });
      const v = authz.adminVerdict(c.principal);
      expect(v.isAdmin).toBe(c.isAdmin);
      if (!c.isAdmin) {
        expect(v.grantingStatements).toEqual([]);
        return;
      }
      expect(v.conditional).toBe(c.conditional ?? false);
      expect(v.grantingStatements.length).toBeGreaterThan(0);
      if (c.granting) {
        expect(
          v.grantingStatements.map((g) => ({
            policyId: g.policyId,
            ...(g.viaGroup ? { viaGroup: g.viaGroup } : {}),
          })),
        ).toEqual(c.granting);
      }
      expect(v.restrictingDenies.map((r) => r.policyId)).toEqual(c.restricting ?? []);
    });
  }
});

describe('documentIsAdmin', () => {
  const policy = (document: ReturnType<typeof statements>) => ({
    id: 'arn:aws:iam::100000000001:policy/p',
    name: 'p',
    kind: 'managed' as const,
    document,
  });
  it('calls a *:* policy admin and a PowerUser policy not', () => {
    const authz = createAuthz(buildInventory({}), { asOf: new Date() });
    expect(authz.documentIsAdmin(policy(allow('*'))).isAdmin).toBe(true);
    expect(authz.documentIsAdmin(policy(POLICIES[POWER]!)).isAdmin).toBe(false);
    expect(authz.documentIsAdmin(policy(allow('*', MFA)))).toMatchObject({
      isAdmin: true,
      conditional: true,
    });
  });
});
