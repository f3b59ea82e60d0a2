import { expect } from 'vitest';
import { inactiveRole } from './inactive-role.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT, gaad, role } from './test-utils/gaad.js';

ruleTester(inactiveRole, {
  fires: [
    {
      name: 'role last used 120 days ago',
      inputs: [
        gaad({
          roles: [
            role('old', { lastUsed: '2025-02-01T00:00:00Z' }),
            role('fresh', { lastUsed: '2025-05-20T00:00:00Z' }),
          ],
        }),
      ],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:role/old`,
          message: 'IAM role old has not been used for 120 days.',
          evidence: {
            activity: expect.objectContaining({ lastUsed: '2025-02-01T00:00:00.000Z', daysInactive: 120 }),
          },
        },
      ],
    },
    {
      name: 'role never used, created a year ago',
      inputs: [gaad({ roles: [role('never', { lastUsed: null, createDate: '2024-06-01T00:00:00Z' })] })],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:role/never`,
          message: 'IAM role never was created 365 days ago and has never been used.',
        },
      ],
    },
  ],
  silent: [
    {
      name: 'role used within the threshold',
      inputs: [gaad({ roles: [role('r', { lastUsed: '2025-03-10T00:00:00Z' })] })],
    },
    {
      name: 'exactly at the threshold (90 days)',
      inputs: [gaad({ roles: [role('r', { lastUsed: '2025-03-03T00:00:00Z' })] })],
    },
    {
      name: 'service-linked role never used',
      inputs: [
        gaad({
          roles: [
            role('AWSServiceRoleForSupport', {
              path: '/aws-service-role/support.amazonaws.com/',
              lastUsed: null,
            }),
          ],
        }),
      ],
    },
    { name: 'no RoleLastUsed in the export', inputs: [gaad({ roles: [role('r')] })] },
    {
      name: 'never used but created last month',
      inputs: [gaad({ roles: [role('r', { lastUsed: null, createDate: '2025-05-01T00:00:00Z' })] })],
    },
  ],
});
