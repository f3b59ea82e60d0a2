import { expect } from 'vitest';
import { wildcardPassrole } from './wildcard-passrole.js';
import { organization } from './test-utils/exports.js';
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
  role,
  user,
} from './test-utils/gaad.js';

const alice = `arn:aws:iam::${ACCOUNT}:user/alice`;
const withPolicy = (statement: Record<string, unknown>, extra: Record<string, unknown>[] = []) =>
  gaad({
    users: [user('alice', { inline: { deploy: doc(statement, ...extra) } })],
    policies: [administratorAccess],
  });

ruleTester(wildcardPassrole, {
  fires: [
    {
      name: 'PassRole on * (evidence names the statement)',
      inputs: [withPolicy(allow(['iam:PassRole', 'lambda:CreateFunction'], '*', { Sid: 'Deploy' }))],
      expect: [
        {
          resourceArn: alice,
          message: 'IAM user alice can pass any role of its account to an AWS service through policy deploy.',
          evidence: {
            conditional: false,
            statements: [expect.objectContaining({ policyName: 'deploy', sid: 'Deploy', resource: ['*'] })],
          },
        },
      ],
    },
    {
      name: 'in an organization, evidence names the identity policy, never the SCP that merely permits',
      inputs: [
        withPolicy(allow('iam:PassRole', '*', { Sid: 'Deploy' })),
        organization([ACCOUNT], 'organization.json', { fullAwsAccess: true }),
      ],
      expect: [
        {
          resourceArn: alice,
          message: 'IAM user alice can pass any role of its account to an AWS service through policy deploy.',
          evidence: { statements: [expect.objectContaining({ policyName: 'deploy', sid: 'Deploy' })] },
        },
      ],
    },
    {
      name: 'iam:Pass* on every role of the account',
      inputs: [withPolicy(allow('iam:Pass*', `arn:aws:iam::${ACCOUNT}:role/*`))],
      expect: [{ resourceArn: alice }],
    },
    {
      name: 'iam:* on arn:aws:iam::*:role/*',
      inputs: [withPolicy(allow('iam:*', 'arn:aws:iam::*:role/*'))],
      expect: [{ resourceArn: alice }],
    },
    {
      name: 'PassedToService condition still passes any role (conditional)',
      inputs: [
        withPolicy(
          allow('iam:PassRole', '*', {
            Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
          }),
        ),
      ],
      expect: [{ resourceArn: alice, evidence: { conditional: true } }],
    },
    {
      name: 'a role, through its own policy; a user through a group',
      inputs: [
        gaad({
          users: [user('bob', { groups: ['deployers'] })],
          groups: [group('deployers', { inline: { pass: doc(allow('iam:PassRole')) } })],
          roles: [role('builder', { inline: { pass: doc(allow('iam:PassRole')) } })],
        }),
      ],
      expect: [
        { resourceArn: `arn:aws:iam::${ACCOUNT}:role/builder`, message: /IAM role builder/ },
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:user/bob`,
          evidence: {
            statements: [expect.objectContaining({ viaGroup: `arn:aws:iam::${ACCOUNT}:group/deployers` })],
          },
        },
      ],
    },
  ],
  silent: [
    {
      name: 'PassRole on one named role',
      inputs: [withPolicy(allow('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/app-runtime`))],
    },
    {
      name: 'PassRole on a role prefix',
      inputs: [withPolicy(allow('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/app-*`))],
    },
    {
      name: 'administrators are left to admin-user',
      inputs: [gaad({ users: [user('alice', { attached: [ADMIN_ARN] })], policies: [administratorAccess] })],
    },
    {
      name: 'PassRole on * with a deny on every role',
      inputs: [withPolicy(allow('iam:PassRole'), [deny('iam:PassRole', 'arn:aws:iam::*:role/*')])],
    },
    { name: 'other iam actions on *', inputs: [withPolicy(allow(['iam:GetRole', 'iam:ListRoles']))] },
  ],
});
