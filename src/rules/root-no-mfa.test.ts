import { rootNoMfa } from './root-no-mfa.js';
import { credentialReport } from './test-utils/exports.js';
import { ruleTester } from './test-utils/rule-tester.js';
import { ACCOUNT, OTHER_ORG_ACCOUNT } from './test-utils/gaad.js';

ruleTester(rootNoMfa, {
  fires: [
    {
      name: 'root without MFA in one of two accounts',
      inputs: [
        credentialReport([{ name: 'root', root: true, mfa: false }], 'a.csv'),
        credentialReport([{ name: 'root', root: true, mfa: true, account: OTHER_ORG_ACCOUNT }], 'b.csv'),
      ],
      expect: [
        {
          resourceArn: `arn:aws:iam::${ACCOUNT}:root`,
          message: `The root user of account ${ACCOUNT} has no MFA device.`,
          evidence: { mfaActive: false },
        },
      ],
    },
  ],
  silent: [
    { name: 'root with MFA', inputs: [credentialReport([{ name: 'root', root: true, mfa: true }])] },
    {
      name: 'IAM user without MFA is not root',
      inputs: [credentialReport([{ name: 'alice', password: {}, mfa: false }])],
    },
  ],
});
