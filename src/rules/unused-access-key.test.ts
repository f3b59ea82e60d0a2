import { expect } from 'vitest';
import { unusedAccessKey } from './unused-access-key.js';
import { credentialReport } from './test-utils/exports.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT } from './test-utils/gaad.js';

const ci = `arn:aws:iam::${ACCOUNT}:user/ci`;

ruleTester(unusedAccessKey, {
  fires: [
    {
      name: 'key last used 60 days ago',
      inputs: [
        credentialReport([
          { name: 'ci', keys: [{ rotated: '2025-01-01T00:00:00+00:00', used: '2025-04-02T00:00:00+00:00' }] },
        ]),
      ],
      expect: [
        {
          resourceArn: ci,
          message: 'Access key 1 of IAM user ci has not been used for 60 days.',
          evidence: { neverUsed: false, key: expect.objectContaining({ daysSinceUse: 60 }) },
        },
      ],
    },
    {
      name: 'key never used, created 100 days ago',
      inputs: [
        credentialReport([{ name: 'ci', keys: [undefined, { rotated: '2025-02-21T00:00:00+00:00' }] }]),
      ],
      expect: [
        {
          resourceArn: ci,
          message: 'Access key 2 of IAM user ci was created 100 days ago and has never been used.',
          evidence: { neverUsed: true },
        },
      ],
    },
  ],
  silent: [
    {
      name: 'key used last week',
      inputs: [
        credentialReport([
          { name: 'ci', keys: [{ rotated: '2020-01-01T00:00:00+00:00', used: '2025-05-25T00:00:00+00:00' }] },
        ]),
      ],
    },
    {
      name: 'key never used but created last week',
      inputs: [credentialReport([{ name: 'ci', keys: [{ rotated: '2025-05-25T00:00:00+00:00' }] }])],
    },
    {
      name: 'inactive unused key',
      inputs: [
        credentialReport([{ name: 'ci', keys: [{ rotated: '2020-01-01T00:00:00+00:00', active: false }] }]),
      ],
    },
  ],
});
