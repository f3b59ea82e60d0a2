import type { RuleContext } from './context.js';
import { iamRoleUrl, iamUserUrl } from './console-url.js';
import type { RuleFinding } from './define-rule.js';
import { defineRule } from './define-rule.js';
import { inactivity, reportRow, roleActivity, userActivity, withCloudTrail } from './utils/activity.js';
import { adminEvidence } from './utils/admin-evidence.js';
import { roleRef, userRef } from './utils/resources.js';

type Message = 'user' | 'role' | 'neverUser' | 'neverRole' | 'stepRemoveUser' | 'stepRemoveRole';

function users(ctx: RuleContext, threshold: number): RuleFinding<Message>[] {
  return ctx.inventory.users.flatMap((user): RuleFinding<Message>[] => {
    const row = reportRow(ctx, user.arn);
    if (row === undefined) return []; // no credential report for this user: unknown, never guessed
    const verdict = ctx.authz.adminVerdict(user.arn);
    if (!verdict.isAdmin) return [];
    const idle = inactivity(
      withCloudTrail(userActivity(row, user.createDate), ctx, user.arn),
      ctx.asOf,
      threshold,
    );
    if (idle === null) return [];
    return [
      {
        messageId: idle.facts.neverUsed ? 'neverUser' : 'user',
        data: { name: user.name, days: idle.daysInactive },
        identity: { arn: user.arn },
        resource: userRef(user),
        evidence: { activity: idle.facts, admin: adminEvidence(verdict) },
        fix: { consoleUrl: iamUserUrl(user.arn, user.name), steps: ['stepRemoveUser'] },
      },
    ];
  });
}

function roles(ctx: RuleContext, threshold: number): RuleFinding<Message>[] {
  return ctx.inventory.roles.flatMap((role): RuleFinding<Message>[] => {
    if (role.isServiceLinked) return [];
    const verdict = ctx.authz.adminVerdict(role.arn);
    if (!verdict.isAdmin) return [];
    const idle = inactivity(withCloudTrail(roleActivity(role), ctx, role.arn), ctx.asOf, threshold);
    if (idle === null) return [];
    return [
      {
        messageId: idle.facts.neverUsed ? 'neverRole' : 'role',
        data: { name: role.name, days: idle.daysInactive },
        identity: { arn: role.arn },
        resource: roleRef(role),
        evidence: { activity: idle.facts, admin: adminEvidence(verdict) },
        fix: { consoleUrl: iamRoleUrl(role.arn, role.name), steps: ['stepRemoveRole'] },
      },
    ];
  });
}

/** `inactive-admin`: an administrator user or role with no activity for `inactiveDays` (default 90). */
export const inactiveAdmin = defineRule({
  id: 'inactive-admin',
  title: 'Administrator is inactive',
  resourceTypes: ['user', 'role'],
  severity: 'high',
  requires: ['iam'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires for an administrator user whose credential report shows no password or access-key use for more ' +
    'than `thresholds.inactiveDays` days (never used: created that long ago), and for an administrator role ' +
    'whose RoleLastUsed is that old (never used: created that long ago). Users without a credential report ' +
    'and roles without RoleLastUsed are not judged; service-linked roles are excluded.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html'],
  remediation: 'Remove administrator access that nobody uses.',
  messages: {
    user: 'Administrator IAM user {name} has not been used for {days} days.',
    role: 'Administrator IAM role {name} has not been used for {days} days.',
    neverUser: 'Administrator IAM user {name} was created {days} days ago and has never been used.',
    neverRole: 'Administrator IAM role {name} was created {days} days ago and has never been used.',
    stepRemoveUser:
      'Delete user {name}, or detach its administrator policies and deactivate its credentials.',
    stepRemoveRole: 'Delete role {name}, or detach its administrator policies.',
  },
  evaluate: (ctx) => [
    ...users(ctx, ctx.config.thresholds.inactiveDays),
    ...roles(ctx, ctx.config.thresholds.inactiveDays),
  ],
});
