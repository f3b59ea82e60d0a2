import { unusedPassword } from './unused-password.js';
import { credentialReport } from './test-utils/exports.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT } from './test-utils/gaad.js';

ruleTester(unusedPassword, {
  fires: [
    {
      name: 'password last used 50 days ago',
      inputs: [
        credentialReport([{ name: 'alice', password: { lastUsed: '2025-04-12T00:00:00+00:00' }, mfa: true }]),
      ],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
          message: 'The console password of IAM user alice has not been used for 50 days.',
          evidence: { daysUnused: 50, neverUsed: false },
        },
      ],
    },
    {
      name: 'password set 100 days ago and never used',
      inputs: [credentialReport([{ name: 'bob', password: { changed: '2025-02-21T00:00:00+00:00' } }])],
      expect: [
        { resourceArn: `arn:aws:iam::${ACCOUNT}:user/bob`, evidence: { neverUsed: true, daysUnused: 100 } },
      ],
    },
  ],
  silent: [
    {
      name: 'password used yesterday',
      inputs: [credentialReport([{ name: 'alice', password: { lastUsed: '2025-05-31T00:00:00+00:00' } }])],
    },
    {
      name: 'no password (old last use left over)',
      inputs: [credentialReport([{ name: 'ci', keys: [{ rotated: '2025-05-01T00:00:00+00:00' }] }])],
    },
    {
      name: 'password set last week, not used yet',
      inputs: [credentialReport([{ name: 'bob', password: { changed: '2025-05-25T00:00:00+00:00' } }])],
    },
  ],
});
