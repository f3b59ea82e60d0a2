import { iamUserUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import { activeKeys, keyFacts, rowRef, userRows } from './utils/credentials.js';

/** `multiple-active-keys`: an IAM user whose two access keys are both active. */
export const multipleActiveKeys = defineRule({
  id: 'multiple-active-keys',
  title: 'User has two active access keys',
  resourceTypes: ['user'],
  severity: 'low',
  requires: ['credential-report'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires when access_key_1_active and access_key_2_active are both true for an IAM user (root is covered ' +
    'by root-access-key). Two active keys are normal only for the short overlap of a rotation.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  remediation: 'Keep one active key per user.',
  messages: {
    two: 'IAM user {name} has two active access keys.',
    stepOne:
      'Find which key of user {name} is in use (last used date), then deactivate and delete the other.',
  },
  evaluate(ctx) {
    return userRows(ctx)
      .filter((row) => activeKeys(row).length === 2)
      .map((row) => ({
        messageId: 'two' as const,
        data: { name: row.user },
        identity: { arn: row.arn },
        resource: rowRef(row),
        evidence: { keys: row.accessKeys.map((k) => keyFacts(k, ctx.asOf)) },
        fix: { consoleUrl: iamUserUrl(row.arn, row.user), steps: ['stepOne'] as const },
      }));
  },
});
