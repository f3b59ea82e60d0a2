import { expect } from 'vitest';
import { multipleActiveKeys } from './multiple-active-keys.js';
import { credentialReport } from './test-utils/exports.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT } from './test-utils/gaad.js';

ruleTester(multipleActiveKeys, {
  fires: [
    {
      name: 'two active keys',
      inputs: [
        credentialReport([
          {
            name: 'ci',
            keys: [{ rotated: '2025-01-01T00:00:00+00:00' }, { rotated: '2025-05-01T00:00:00+00:00' }],
          },
        ]),
      ],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:user/ci`,
          message: 'IAM user ci has two active access keys.',
          evidence: {
            keys: [
              expect.objectContaining({ slot: 1, active: true }),
              expect.objectContaining({ slot: 2, active: true }),
            ],
          },
        },
      ],
    },
  ],
  silent: [
    {
      name: 'one active, one inactive',
      inputs: [
        credentialReport([
          {
            name: 'ci',
            keys: [
              { rotated: '2025-01-01T00:00:00+00:00' },
              { rotated: '2025-05-01T00:00:00+00:00', active: false },
            ],
          },
        ]),
      ],
    },
    {
      name: 'single key',
      inputs: [credentialReport([{ name: 'ci', keys: [{ rotated: '2025-01-01T00:00:00+00:00' }] }])],
    },
    {
      name: 'root with two keys is root-access-key’s concern',
      inputs: [
        credentialReport([
          {
            name: 'root',
            root: true,
            keys: [{ rotated: '2025-01-01T00:00:00+00:00' }, { rotated: '2025-01-01T00:00:00+00:00' }],
          },
        ]),
      ],
    },
  ],
});
