import { iamUserUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import { daysSince, parseDate } from './utils/dates.js';
import { rowRef, userRows } from './utils/credentials.js';

/** `unused-password`: a console password not used for `unusedCredentialDays`. */
export const unusedPassword = defineRule({
  id: 'unused-password',
  title: 'Console password unused',
  resourceTypes: ['user'],
  severity: 'medium',
  requires: ['credential-report'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires for an IAM user with password_enabled true whose password_last_used is more than ' +
    '`thresholds.unusedCredentialDays` days (default 45) before the scan time; a password never used fires ' +
    'when it was set (password_last_changed, else the user’s creation) more than that ago. Root is excluded.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html'],
  remediation: 'Remove console access that nobody uses.',
  messages: {
    unused: 'The console password of IAM user {name} has not been used for {days} days.',
    never: 'The console password of IAM user {name} was set {days} days ago and has never been used.',
    stepRemove: 'Delete the login profile (console password) of user {name}.',
  },
  evaluate(ctx) {
    const max = ctx.config.thresholds.unusedCredentialDays;
    return userRows(ctx).flatMap((row) => {
      if (!row.passwordEnabled) return [];
      const used = parseDate(row.passwordLastUsed);
      const since = used ?? parseDate(row.passwordLastChanged) ?? parseDate(row.userCreationTime);
      if (since === null) return [];
      const days = daysSince(since, ctx.asOf);
      if (days <= max) return [];
      return [
        {
          messageId: used === null ? ('never' as const) : ('unused' as const),
          data: { name: row.user, days },
          identity: { arn: row.arn },
          resource: rowRef(row),
          evidence: {
            passwordLastUsed: used?.toISOString() ?? null,
            passwordLastChanged: parseDate(row.passwordLastChanged)?.toISOString() ?? null,
            daysUnused: days,
            neverUsed: used === null,
            thresholdDays: max,
          },
          fix: { consoleUrl: iamUserUrl(row.arn, row.user), steps: ['stepRemove'] as const },
        },
      ];
    });
  },
});
