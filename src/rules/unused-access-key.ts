import { iamUserUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import { daysSince, parseDate } from './utils/dates.js';
import { activeKeys, keyFacts, rowRef, userRows } from './utils/credentials.js';

/** `unused-access-key`: an active access key unused for `unusedCredentialDays` (per key slot). */
export const unusedAccessKey = defineRule({
  id: 'unused-access-key',
  title: 'Access key unused',
  resourceTypes: ['user'],
  severity: 'medium',
  requires: ['credential-report'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires for each active access key of an IAM user whose last use is more than ' +
    '`thresholds.unusedCredentialDays` days (default 45) before the scan time; a key never used fires when ' +
    'it was created (last rotated) more than that ago. Inactive keys and root keys do not fire.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html'],
  remediation: 'Deactivate and delete access keys nobody uses.',
  messages: {
    unused: 'Access key {slot} of IAM user {name} has not been used for {days} days.',
    never: 'Access key {slot} of IAM user {name} was created {days} days ago and has never been used.',
    stepDeactivate: 'Deactivate access key {slot} of user {name}, wait for complaints, then delete it.',
  },
  evaluate(ctx) {
    const max = ctx.config.thresholds.unusedCredentialDays;
    return userRows(ctx).flatMap((row) =>
      activeKeys(row).flatMap((key) => {
        const used = parseDate(key.lastUsedDate);
        const since = used ?? parseDate(key.lastRotated);
        if (since === null) return [];
        const days = daysSince(since, ctx.asOf);
        if (days <= max) return [];
        return [
          {
            messageId: used === null ? ('never' as const) : ('unused' as const),
            data: { name: row.user, slot: key.slot, days },
            identity: { arn: row.arn, slot: key.slot },
            resource: rowRef(row),
            evidence: { key: keyFacts(key, ctx.asOf), neverUsed: used === null, thresholdDays: max },
            fix: { consoleUrl: iamUserUrl(row.arn, row.user), steps: ['stepDeactivate'] as const },
          },
        ];
      }),
    );
  },
});
