import { expect } from 'vitest';
import { inactiveAdmin } from './inactive-admin.js';
import { credentialReport } from './test-utils/exports.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT, ADMIN_ARN, administratorAccess, gaad, role, user } from './test-utils/gaad.js';

// asOf defaults to 2025-06-01; 90 days before is 2025-03-03.
const admins = (lastUsed: string | null | undefined, createDate = '2020-01-01T00:00:00Z') =>
  gaad({
    users: [user('alice', { attached: [ADMIN_ARN] }), user('bob')],
    roles: [
      role('admin', { attached: [ADMIN_ARN], lastUsed, createDate }),
      role('plain', { lastUsed: '2020-01-01T00:00:00Z' }),
    ],
    policies: [administratorAccess],
  });

ruleTester(inactiveAdmin, {
  fires: [
    {
      name: 'admin user whose last password and key use are 150 days old; idle non-admins ignored',
      inputs: [
        admins('2025-05-30T00:00:00Z'),
        credentialReport([
          {
            name: 'alice',
            password: { lastUsed: '2025-01-02T00:00:00+00:00' },
            keys: [{ rotated: '2024-01-01T00:00:00+00:00', used: '2024-12-01T00:00:00+00:00' }],
          },
          { name: 'bob', password: { lastUsed: '2020-01-01T00:00:00+00:00' } },
        ]),
      ],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
          message: 'Administrator IAM user alice has not been used for 150 days.',
          evidence: {
            activity: expect.objectContaining({
              source: 'credential-report',
              daysInactive: 150,
              thresholdDays: 90,
              neverUsed: false,
            }),
          },
        },
      ],
    },
    {
      name: 'admin role never used and created long ago',
      inputs: [admins(null)],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:role/admin`,
          evidence: { activity: expect.objectContaining({ neverUsed: true, source: 'role-last-used' }) },
        },
      ],
    },
    {
      name: 'threshold from configuration',
      config: { thresholds: { inactiveDays: 10 } },
      inputs: [admins('2025-05-01T00:00:00Z')],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:role/admin`,
          evidence: { activity: expect.objectContaining({ daysInactive: 31, thresholdDays: 10 }) },
        },
      ],
    },
  ],
  silent: [
    { name: 'admin role used yesterday', inputs: [admins('2025-05-31T00:00:00Z')] },
    { name: 'admin role just created and not used yet', inputs: [admins(null, '2025-05-01T00:00:00Z')] },
    { name: 'RoleLastUsed absent from the export: unknown, not inactive', inputs: [admins(undefined)] },
    {
      name: 'admin user without a credential report is not judged',
      inputs: [admins('2025-05-30T00:00:00Z')],
    },
    {
      name: 'admin user who used a key 10 days ago, even with an old password use',
      inputs: [
        admins('2025-05-30T00:00:00Z'),
        credentialReport([
          {
            name: 'alice',
            password: { lastUsed: '2020-01-01T00:00:00+00:00' },
            keys: [undefined, { rotated: '2024-01-01T00:00:00+00:00', used: '2025-05-22T00:00:00+00:00' }],
          },
        ]),
      ],
    },
  ],
});
