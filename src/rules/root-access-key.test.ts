import { expect } from 'vitest';
import { rootAccessKey } from './root-access-key.js';
import { credentialReport } from './test-utils/exports.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT } from './test-utils/gaad.js';

const root = `arn:aws:iam::${ACCOUNT}:root`;

ruleTester(rootAccessKey, {
  fires: [
    {
      name: 'one detection per active root key slot; the inactive one is not reported',
      inputs: [
        credentialReport([
          {
            name: 'root',
            root: true,
            mfa: true,
            keys: [
              { rotated: '2019-01-01T00:00:00+00:00', used: '2025-05-01T00:00:00+00:00' },
              { rotated: '2018-01-01T00:00:00+00:00', active: false },
            ],
          },
        ]),
      ],
      expect: [
        {
          resourceArn: root,
          message: `The root user of account ${ACCOUNT} has active access key 1.`,
          evidence: {
            key: expect.objectContaining({ slot: 1, active: true, lastUsed: '2025-05-01T00:00:00.000Z' }),
          },
        },
      ],
    },
    {
      name: 'both root keys active: two detections with distinct ids',
      inputs: [
        credentialReport([
          {
            name: 'root',
            root: true,
            keys: [{ rotated: '2019-01-01T00:00:00+00:00' }, { rotated: '2020-01-01T00:00:00+00:00' }],
          },
        ]),
      ],
      expect: [
        { resourceArn: root, evidence: { key: expect.objectContaining({ slot: 1 }) } },
        { resourceArn: root, evidence: { key: expect.objectContaining({ slot: 2 }) } },
      ],
    },
  ],
  silent: [
    { name: 'root without keys', inputs: [credentialReport([{ name: 'root', root: true, mfa: true }])] },
    {
      name: 'root with an inactive (expired) key',
      inputs: [
        credentialReport([
          { name: 'root', root: true, keys: [{ rotated: '2015-01-01T00:00:00+00:00', active: false }] },
        ]),
      ],
    },
    {
      name: 'IAM user keys are not root keys',
      inputs: [credentialReport([{ name: 'ci', keys: [{ rotated: '2015-01-01T00:00:00+00:00' }] }])],
    },
  ],
});
