import { iamUserUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import { parseDate } from './utils/dates.js';
import { rowRef, userRows } from './utils/credentials.js';

/** `no-mfa`: an IAM user with a console password and no active MFA device. */
export const noMfa = defineRule({
  id: 'no-mfa',
  title: 'Console user without MFA',
  resourceTypes: ['user'],
  severity: 'high',
  requires: ['credential-report'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires for each credential report user row with password_enabled true and mfa_active false. The root ' +
    'user is covered by root-no-mfa; users without a console password are out of scope.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html'],
  remediation: 'Require MFA for every console user.',
  messages: {
    noMfa: 'IAM user {name} can sign in to the console with a password and has no MFA device.',
    stepMfa: 'Assign an MFA device (preferably a passkey or security key) to user {name}.',
    stepPolicy: 'Deny actions without aws:MultiFactorAuthPresent for console users until MFA is enrolled.',
  },
  evaluate(ctx) {
    return userRows(ctx)
      .filter((row) => row.passwordEnabled && !row.mfaActive)
      .map((row) => ({
        messageId: 'noMfa' as const,
        data: { name: row.user },
        identity: { arn: row.arn },
        resource: rowRef(row),
        evidence: {
          passwordEnabled: true,
          mfaActive: false,
          passwordLastUsed: parseDate(row.passwordLastUsed)?.toISOString() ?? null,
        },
        fix: { consoleUrl: iamUserUrl(row.arn, row.user), steps: ['stepMfa', 'stepPolicy'] as const },
      }));
  },
});
