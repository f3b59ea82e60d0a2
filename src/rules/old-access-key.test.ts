import { expect } from 'vitest';
import { oldAccessKey } from './old-access-key.js';
import { credentialReport } from './test-utils/exports.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT } from './test-utils/gaad.js';

const ci = `arn:aws:iam::${ACCOUNT}:user/ci`;

ruleTester(oldAccessKey, {
  fires: [
    {
      name: 'key 2 rotated 151 days ago; key 1 is fresh',
      inputs: [
        credentialReport([
          {
            name: 'ci',
            keys: [
              { rotated: '2025-05-01T00:00:00+00:00' },
              { rotated: '2025-01-01T00:00:00+00:00', used: '2025-05-31T00:00:00+00:00' },
            ],
          },
        ]),
      ],
      expect: [
        {
          resourceArn: ci,
          message: 'Access key 2 of IAM user ci was last rotated 151 days ago.',
          evidence: { key: expect.objectContaining({ slot: 2, ageDays: 151 }), thresholdDays: 90 },
        },
      ],
    },
    {
      name: 'a stricter configured maximum age',
      config: { thresholds: { accessKeyMaxAgeDays: 30 } },
      inputs: [credentialReport([{ name: 'ci', keys: [{ rotated: '2025-04-01T00:00:00+00:00' }] }])],
      expect: [
        {
          resourceArn: ci,
          evidence: { key: expect.objectContaining({ slot: 1, ageDays: 61 }), thresholdDays: 30 },
        },
      ],
    },
  ],
  silent: [
    {
      name: 'inactive old key',
      inputs: [
        credentialReport([{ name: 'ci', keys: [{ rotated: '2015-01-01T00:00:00+00:00', active: false }] }]),
      ],
    },
    {
      name: 'key rotated 60 days ago',
      inputs: [credentialReport([{ name: 'ci', keys: [{ rotated: '2025-04-02T00:00:00+00:00' }] }])],
    },
    {
      name: 'old root key is root-access-key’s concern',
      inputs: [
        credentialReport([{ name: 'root', root: true, keys: [{ rotated: '2015-01-01T00:00:00+00:00' }] }]),
      ],
    },
    {
      name: 'active key with no rotation date is not guessed',
      inputs: [credentialReport([{ name: 'ci', keys: [{ rotated: 'N/A' }] }])],
    },
  ],
});
