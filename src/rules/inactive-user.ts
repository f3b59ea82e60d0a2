import { iamUserUrl } from './console-url.js';
import type { RuleFinding } from './define-rule.js';
import { defineRule } from './define-rule.js';
import { inactivity, userActivity, withCloudTrail } from './utils/activity.js';
import { rowRef, userRows } from './utils/credentials.js';

type Message = 'inactive' | 'never' | 'stepDelete';

/** `inactive-user`: an IAM user with no password or access-key use for `inactiveDays` (default 90). */
export const inactiveUser = defineRule({
  id: 'inactive-user',
  title: 'IAM user inactive',
  resourceTypes: ['user'],
  severity: 'medium',
  requires: ['credential-report'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires for an IAM user of the credential report whose latest password or access-key use is more than ' +
    '`thresholds.inactiveDays` days before the scan time; a user never used fires when created more than ' +
    'that ago. A later CloudTrail call by the user (or a federated session of it) counts as use. Root is excluded.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html'],
  remediation: 'Delete users nobody uses.',
  messages: {
    inactive: 'IAM user {name} has not used its password or access keys for {days} days.',
    never: 'IAM user {name} was created {days} days ago and has never used a password or access key.',
    stepDelete: 'Confirm user {name} is not needed, deactivate its credentials, then delete it.',
  },
  evaluate(ctx) {
    return userRows(ctx).flatMap((row): RuleFinding<Message>[] => {
      const idle = inactivity(
        withCloudTrail(userActivity(row), ctx, row.arn),
        ctx.asOf,
        ctx.config.thresholds.inactiveDays,
      );
      if (idle === null) return [];
      return [
        {
          messageId: idle.facts.neverUsed ? 'never' : 'inactive',
          data: { name: row.user, days: idle.daysInactive },
          identity: { arn: row.arn },
          resource: rowRef(row),
          evidence: { activity: idle.facts },
          fix: { consoleUrl: iamUserUrl(row.arn, row.user), steps: ['stepDelete'] },
        },
      ];
    });
  },
});
