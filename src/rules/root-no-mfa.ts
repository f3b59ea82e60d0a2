import { rootCredentialsUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import { rootRows, rowRef } from './utils/credentials.js';

/** `root-no-mfa`: the root user has no active MFA device. */
export const rootNoMfa = defineRule({
  id: 'root-no-mfa',
  title: 'Root user without MFA',
  resourceTypes: ['account'],
  severity: 'critical',
  requires: ['credential-report'],
  version: 1,
  maturity: 'stable',
  description: 'Fires when the root row of the credential report has mfa_active false.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html'],
  remediation: 'Enable MFA on the root user.',
  messages: {
    rootNoMfa: 'The root user of account {account} has no MFA device.',
    stepMfa: 'Sign in as root, open Security credentials and assign an MFA device to account {account}.',
  },
  evaluate(ctx) {
    return rootRows(ctx)
      .filter((row) => !row.mfaActive)
      .map((row) => ({
        messageId: 'rootNoMfa' as const,
        data: { account: row.accountId },
        identity: { arn: row.arn },
        resource: rowRef(row),
        evidence: { mfaActive: false, passwordEnabled: row.passwordEnabled },
        fix: { consoleUrl: rootCredentialsUrl(row.arn), steps: ['stepMfa'] as const },
      }));
  },
});
