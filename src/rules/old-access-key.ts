import { iamUserUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import { daysSince, parseDate } from './utils/dates.js';
import { activeKeys, keyFacts, rowRef, userRows } from './utils/credentials.js';

/** `old-access-key`: an active access key last rotated more than `accessKeyMaxAgeDays` ago (per key slot). */
export const oldAccessKey = defineRule({
  id: 'old-access-key',
  title: 'Access key not rotated',
  resourceTypes: ['user'],
  severity: 'medium',
  requires: ['credential-report'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires for each active access key of an IAM user whose access_key_N_last_rotated is more than ' +
    '`thresholds.accessKeyMaxAgeDays` days (default 90) before the scan time. Inactive keys, keys with no ' +
    'rotation date, and root keys (root-access-key) do not fire.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys',
  ],
  remediation: 'Rotate the key, or better, replace it with temporary credentials.',
  messages: {
    old: 'Access key {slot} of IAM user {name} was last rotated {days} days ago.',
    stepRotate:
      'Create a new access key for {name}, switch its consumers, then deactivate and delete key {slot}.',
    stepRole: 'Prefer IAM roles (or IAM Identity Center) over long-lived access keys.',
  },
  evaluate(ctx) {
    const max = ctx.config.thresholds.accessKeyMaxAgeDays;
    return userRows(ctx).flatMap((row) =>
      activeKeys(row).flatMap((key) => {
        const rotated = parseDate(key.lastRotated);
        if (rotated === null) return [];
        const days = daysSince(rotated, ctx.asOf);
        if (days <= max) return [];
        return [
          {
            messageId: 'old' as const,
            data: { name: row.user, slot: key.slot, days },
            identity: { arn: row.arn, slot: key.slot },
            resource: rowRef(row),
            evidence: { key: keyFacts(key, ctx.asOf), thresholdDays: max },
            fix: { consoleUrl: iamUserUrl(row.arn, row.user), steps: ['stepRotate', 'stepRole'] as const },
          },
        ];
      }),
    );
  },
});
