import { expect } from 'vitest';
import { inactiveUser } from './inactive-user.js';
import { credentialReport } from './test-utils/exports.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT } from './test-utils/gaad.js';

ruleTester(inactiveUser, {
  fires: [
    {
      name: 'no password or key use for 151 days',
      inputs: [
        credentialReport([
          {
            name: 'alice',
            password: { lastUsed: '2024-12-01T00:00:00+00:00' },
            keys: [{ rotated: '2024-01-01T00:00:00+00:00', used: '2025-01-01T00:00:00+00:00' }],
          },
          { name: 'bob', password: { lastUsed: '2025-05-30T00:00:00+00:00' } },
        ]),
      ],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
          message: 'IAM user alice has not used its password or access keys for 151 days.',
          evidence: {
            activity: expect.objectContaining({ lastUsed: '2025-01-01T00:00:00.000Z', daysInactive: 151 }),
          },
        },
      ],
    },
    {
      name: 'user created a year ago that never signed in nor used a key',
      inputs: [credentialReport([{ name: 'ghost', created: '2024-06-01T00:00:00+00:00' }])],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:user/ghost`,
          evidence: { activity: expect.objectContaining({ neverUsed: true, daysInactive: 365 }) },
        },
      ],
    },
  ],
  silent: [
    {
      name: 'recent key use despite an old password use',
      inputs: [
        credentialReport([
          {
            name: 'alice',
            password: { lastUsed: '2020-01-01T00:00:00+00:00' },
            keys: [{ rotated: '2020-01-01T00:00:00+00:00', used: '2025-05-20T00:00:00+00:00' }],
          },
        ]),
      ],
    },
    {
      name: 'new user not used yet',
      inputs: [credentialReport([{ name: 'new', created: '2025-05-01T00:00:00+00:00' }])],
    },
    {
      name: 'idle root is not an IAM user',
      inputs: [credentialReport([{ name: 'root', root: true, created: '2015-01-01T00:00:00+00:00' }])],
    },
  ],
});
