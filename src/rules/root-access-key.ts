import { rootCredentialsUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import { activeKeys, keyFacts, rootRows, rowRef } from './utils/credentials.js';

/** `root-access-key`: the root user has an active access key (one detection per key slot). */
export const rootAccessKey = defineRule({
  id: 'root-access-key',
  title: 'Root user has access keys',
  resourceTypes: ['account'],
  severity: 'critical',
  requires: ['credential-report'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires for each active access key (slot 1 or 2) of the root user in the credential report. Inactive ' +
    'keys do not fire.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html'],
  remediation: 'Delete the root user’s access keys.',
  messages: {
    rootKey: 'The root user of account {account} has active access key {slot}.',
    stepDelete:
      'Sign in as root, open Security credentials and delete access key {slot} of account {account}.',
    stepReplace: 'Move any automation that used it to an IAM role with scoped permissions.',
  },
  evaluate(ctx) {
    return rootRows(ctx).flatMap((row) =>
      activeKeys(row).map((key) => ({
        messageId: 'rootKey' as const,
        data: { account: row.accountId, slot: key.slot },
        identity: { arn: row.arn, slot: key.slot },
        resource: rowRef(row),
        evidence: { key: keyFacts(key, ctx.asOf) },
        fix: { consoleUrl: rootCredentialsUrl(row.arn), steps: ['stepDelete', 'stepReplace'] as const },
      })),
    );
  },
});
