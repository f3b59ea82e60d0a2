import { noMfa } from './no-mfa.js';
import { credentialReport } from './test-utils/exports.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT } from './test-utils/gaad.js';

ruleTester(noMfa, {
  fires: [
    {
      name: 'console user without MFA; the one with MFA and the key-only user are not flagged',
      inputs: [
        credentialReport([
          { name: 'alice', password: { lastUsed: '2025-05-01T00:00:00+00:00' } },
          { name: 'bob', password: {}, mfa: true },
          { name: 'ci', keys: [{ rotated: '2025-01-01T00:00:00+00:00' }] },
        ]),
      ],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
          message: 'IAM user alice can sign in to the console with a password and has no MFA device.',
          evidence: { passwordEnabled: true, mfaActive: false, passwordLastUsed: '2025-05-01T00:00:00.000Z' },
        },
      ],
    },
  ],
  silent: [
    { name: 'console user with MFA', inputs: [credentialReport([{ name: 'bob', password: {}, mfa: true }])] },
    {
      name: 'programmatic user without password',
      inputs: [credentialReport([{ name: 'ci', keys: [{ rotated: '2025-01-01T00:00:00+00:00' }] }])],
    },
    {
      name: 'root without MFA is root-no-mfa, not no-mfa',
      inputs: [credentialReport([{ name: 'root', root: true, mfa: false }])],
    },
  ],
});
