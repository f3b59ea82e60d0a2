import { adminGroup } from './admin-group.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT, ADMIN_ARN, administratorAccess, allow, doc, gaad, group, user } from './test-utils/gaad.js';

ruleTester(adminGroup, {
  fires: [
    {
      name: 'group with AdministratorAccess lists its members',
      inputs: [
        gaad({
          users: [
            user('alice', { groups: ['admins'] }),
            user('bob', { groups: ['admins', 'dev'] }),
            user('carol', { groups: ['dev'] }),
          ],
          groups: [group('admins', { attached: [ADMIN_ARN] }), group('dev')],
          policies: [administratorAccess],
        }),
      ],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:group/admins`,
          message:
            'IAM group admins gives every action on every resource to its 2 member(s) through policy AdministratorAccess.',
          evidence: { members: [`arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${ACCOUNT}:user/bob`] },
        },
      ],
    },
    {
      name: 'empty group with an inline admin policy',
      inputs: [gaad({ groups: [group('breakglass', { inline: { all: doc(allow('*')) } })] })],
      expect: [{ resourceArn: `arn:aws:iam::${ACCOUNT}:group/breakglass`, evidence: { members: [] } }],
    },
  ],
  silent: [
    {
      name: 'read-only group',
      inputs: [
        gaad({
          users: [user('alice', { groups: ['ro'] })],
          groups: [group('ro', { inline: { r: doc(allow('s3:Get*')) } })],
        }),
      ],
    },
    {
      name: 'member is admin through its own policy, not through the group',
      inputs: [
        gaad({
          users: [user('alice', { groups: ['ro'], attached: [ADMIN_ARN] })],
          groups: [group('ro', { inline: { r: doc(allow('s3:Get*')) } })],
          policies: [administratorAccess],
        }),
      ],
    },
  ],
});
