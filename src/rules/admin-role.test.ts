import { expect } from 'vitest';
import { adminRole } from './admin-role.js';
import { ruleTester } from './test-utils/rule-tester.js';
import {
  ACCOUNT,
  ADMIN_ARN,
  administratorAccess,
  allow,
  deny,
  doc,
  gaad,
  role,
  user,
} from './test-utils/gaad.js';

ruleTester(adminRole, {
  fires: [
    {
      name: 'role with AdministratorAccess',
      inputs: [
        gaad({ roles: [role('deployer', { attached: [ADMIN_ARN] })], policies: [administratorAccess] }),
      ],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:role/deployer`,
          message:
            'IAM role deployer can perform every action on every resource through policy AdministratorAccess.',
          evidence: { grantingStatements: [expect.objectContaining({ policyName: 'AdministratorAccess' })] },
        },
      ],
    },
    {
      name: 'role with a path and an inline NotAction grant that leaves nothing out',
      inputs: [
        gaad({
          roles: [
            role('ops', {
              path: '/team/',
              inline: { all: doc({ Effect: 'Allow', NotAction: 'iam:NonExistentAction', Resource: '*' }) },
            }),
          ],
        }),
      ],
      expect: [{ resourceArn: `arn:aws:iam::${ACCOUNT}:role/team/ops` }],
    },
  ],
  silent: [
    {
      name: 'role with scoped permissions',
      inputs: [
        gaad({
          roles: [role('app', { inline: { p: doc(allow('dynamodb:*', 'arn:aws:dynamodb:*:*:table/app')) } })],
        }),
      ],
    },
    {
      name: 'admin user only',
      inputs: [
        gaad({
          users: [user('alice', { attached: [ADMIN_ARN] })],
          roles: [role('app')],
          policies: [administratorAccess],
        }),
      ],
    },
    {
      name: 'admin policy with a deny on everything',
      inputs: [
        gaad({
          roles: [role('app', { attached: [ADMIN_ARN], inline: { d: doc(deny('*')) } })],
          policies: [administratorAccess],
        }),
      ],
    },
    {
      name: 'iam:* alone is not every action',
      inputs: [gaad({ roles: [role('app', { inline: { p: doc(allow('iam:*')) } })] })],
    },
  ],
});
