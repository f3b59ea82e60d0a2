import { orphanAdminPolicy } from './orphan-admin-policy.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT, ADMIN_ARN, allow, doc, gaad, managedPolicy, user } from './test-utils/gaad.js';

const arn = `arn:aws:iam::${ACCOUNT}:policy/old-admin`;

ruleTester(orphanAdminPolicy, {
  fires: [
    {
      name: 'unattached customer managed admin policy',
      inputs: [
        gaad({
          users: [user('alice')],
          policies: [managedPolicy(arn, doc(allow('*')), { attachmentCount: 0 })],
        }),
      ],
      expect: [
        {
          resourceArn: arn,
          message:
            'Customer managed policy old-admin allows every action on every resource and is attached to no principal.',
          evidence: { attachmentCount: 0, permissionsBoundaryUsageCount: 0 },
        },
      ],
    },
  ],
  silent: [
    {
      name: 'attached admin policy',
      inputs: [
        gaad({
          users: [user('alice', { attached: [arn] })],
          policies: [managedPolicy(arn, doc(allow('*')), { attachmentCount: 1 })],
        }),
      ],
    },
    {
      name: 'unattached but scoped policy',
      inputs: [
        gaad({
          users: [user('alice')],
          policies: [managedPolicy(arn, doc(allow('s3:*')), { attachmentCount: 0 })],
        }),
      ],
    },
    {
      name: 'AWS managed AdministratorAccess unattached',
      inputs: [
        gaad({
          users: [user('alice')],
          policies: [managedPolicy(ADMIN_ARN, doc(allow('*')), { attachmentCount: 0 })],
        }),
      ],
    },
    {
      name: 'attachment count unknown (not in the export)',
      inputs: [
        gaad({
          users: [user('alice')],
          policies: [managedPolicy(arn, doc(allow('*')), { attachmentCount: null })],
        }),
      ],
    },
    {
      name: 'used as a permissions boundary',
      inputs: [
        gaad({
          users: [user('alice', { boundary: arn })],
          policies: [managedPolicy(arn, doc(allow('*')), { attachmentCount: 0, boundaryCount: 1 })],
        }),
      ],
    },
  ],
});
