import { expect } from 'vitest';
import { adminUser } from './admin-user.js';
import { ruleTester } from './test-utils/rule-tester.js';
import {
  ACCOUNT,
  ADMIN_ARN,
  administratorAccess,
  allow,
  deny,
  doc,
  gaad,
  group,
  managedPolicy,
  role,
  user,
} from './test-utils/gaad.js';

const alice = `arn:aws:iam::${ACCOUNT}:user/alice`;

ruleTester(adminUser, {
  fires: [
    {
      name: 'AdministratorAccess attached to the user',
      inputs: [gaad({ users: [user('alice', { attached: [ADMIN_ARN] })], policies: [administratorAccess] })],
      expect: [
        {
          resourceArn: alice,
          message:
            'IAM user alice can perform every action on every resource through policy AdministratorAccess.',
          evidence: {
            conditional: false,
            grantingStatements: [
              expect.objectContaining({ policyId: ADMIN_ARN, policyName: 'AdministratorAccess' }),
            ],
          },
        },
      ],
    },
    {
      name: 'admin through a group, evidence names the group',
      inputs: [
        gaad({
          users: [user('alice', { groups: ['ops'] })],
          groups: [group('ops', { inline: { everything: doc(allow('*', '*', { Sid: 'All' })) } })],
        }),
      ],
      expect: [
        {
          resourceArn: alice,
          evidence: {
            grantingStatements: [
              expect.objectContaining({ sid: 'All', viaGroup: `arn:aws:iam::${ACCOUNT}:group/ops` }),
            ],
          },
        },
      ],
    },
    {
      name: 'admin only with MFA is reported as conditional',
      inputs: [
        gaad({
          users: [
            user('alice', {
              inline: {
                mfa: doc(allow('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })),
              },
            }),
          ],
        }),
      ],
      expect: [{ resourceArn: alice, evidence: { conditional: true }, message: /when its conditions hold/ }],
    },
    {
      name: 'a deny on one service restricts but does not remove admin',
      inputs: [
        gaad({
          users: [
            user('alice', {
              attached: [ADMIN_ARN],
              inline: { d: doc(deny('s3:DeleteBucket', 'arn:aws:s3:::audit-logs')) },
            }),
          ],
          policies: [administratorAccess],
        }),
      ],
      expect: [
        {
          resourceArn: alice,
          evidence: {
            restrictingDenies: [expect.objectContaining({ policyId: expect.stringContaining('inline/d') })],
          },
        },
      ],
    },
  ],
  silent: [
    {
      name: 'read-only user',
      inputs: [gaad({ users: [user('bob', { inline: { ro: doc(allow(['s3:Get*', 'ec2:Describe*'])) } })] })],
    },
    {
      name: 'deny on everything cancels AdministratorAccess',
      inputs: [
        gaad({
          users: [user('bob', { attached: [ADMIN_ARN], inline: { d: doc(deny('*')) } })],
          policies: [administratorAccess],
        }),
      ],
    },
    {
      name: 'a permissions boundary limits the admin policy',
      inputs: [
        gaad({
          users: [user('bob', { attached: [ADMIN_ARN], boundary: `arn:aws:iam::${ACCOUNT}:policy/s3-only` })],
          policies: [
            administratorAccess,
            managedPolicy(`arn:aws:iam::${ACCOUNT}:policy/s3-only`, doc(allow('s3:*')), {
              attachmentCount: 0,
              boundaryCount: 1,
            }),
          ],
        }),
      ],
    },
    {
      name: 'every action on one bucket only',
      inputs: [gaad({ users: [user('bob', { inline: { p: doc(allow('*', 'arn:aws:s3:::bucket/*')) } })] })],
    },
    {
      name: 'an admin role does not make a user admin',
      inputs: [
        gaad({
          users: [user('bob')],
          roles: [role('admin', { attached: [ADMIN_ARN] })],
          policies: [administratorAccess],
        }),
      ],
    },
  ],
});
