import { iamRoleUrl } from './console-url.js';
import type { RuleFinding } from './define-rule.js';
import { defineRule } from './define-rule.js';
import { inactivity, roleActivity, withCloudTrail } from './utils/activity.js';
import { roleRef } from './utils/resources.js';

type Message = 'inactive' | 'never' | 'stepDelete';

/** `inactive-role`: a role not used for `inactiveDays` (default 90); service-linked roles excluded. */
export const inactiveRole = defineRule({
  id: 'inactive-role',
  title: 'IAM role inactive',
  resourceTypes: ['role'],
  severity: 'low',
  requires: ['iam'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires when RoleLastUsed (or, when later, the last CloudTrail call of a session of the role) is older than ' +
    '`thresholds.inactiveDays` days, or the role was never used and was created more than that ago. Service-linked roles (AWS manages them) and roles with neither ' +
    'RoleLastUsed nor a CloudTrail call are not judged.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_delete.html'],
  remediation: 'Delete roles nobody assumes.',
  messages: {
    inactive: 'IAM role {name} has not been used for {days} days.',
    never: 'IAM role {name} was created {days} days ago and has never been used.',
    stepDelete: 'Confirm no workload or trusted party assumes role {name}, then delete it.',
  },
  evaluate(ctx) {
    return ctx.inventory.roles.flatMap((role): RuleFinding<Message>[] => {
      if (role.isServiceLinked) return [];
      const idle = inactivity(
        withCloudTrail(roleActivity(role), ctx, role.arn),
        ctx.asOf,
        ctx.config.thresholds.inactiveDays,
      );
      if (idle === null) return [];
      return [
        {
          messageId: idle.facts.neverUsed ? 'never' : 'inactive',
          data: { name: role.name, days: idle.daysInactive },
          identity: { arn: role.arn },
          resource: roleRef(role),
          evidence: { activity: idle.facts },
          fix: { consoleUrl: iamRoleUrl(role.arn, role.name), steps: ['stepDelete'] },
        },
      ];
    });
  },
});
