import { iamGroupUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import { adminEvidence, grantingPolicyNames } from './utils/admin-evidence.js';
import { groupRef } from './utils/resources.js';

/** `admin-group`: an IAM group whose own policies grant administrator to its members. */
export const adminGroup = defineRule({
  id: 'admin-group',
  title: 'IAM group has administrative privileges',
  resourceTypes: ['group'],
  severity: 'medium',
  requires: ['iam'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires when the group’s own inline and managed policies allow every action on every resource, so every ' +
    'member (today’s and tomorrow’s) is administrator unless a boundary or SCP stops it. Members are listed ' +
    'in the evidence; an empty group still fires, since adding a user to it is enough.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html'],
  remediation: 'Replace the group’s administrator grant with scoped policies.',
  messages: {
    admin:
      'IAM group {name} gives every action on every resource to its {count} member(s) through policy {policies}.',
    stepDetach: 'Detach or narrow {policies} on group {name}.',
    stepMembers: 'Review the members of group {name} and remove those who do not need administrator access.',
  },
  evaluate(ctx) {
    return ctx.inventory.groups.flatMap((group) => {
      const verdict = ctx.authz.adminVerdict(group.arn);
      if (!verdict.isAdmin) return [];
      const members = ctx.inventory.users
        .filter((u) => u.accountId === group.accountId && u.groupNames.includes(group.name))
        .map((u) => u.arn)
        .sort();
      return [
        {
          messageId: 'admin' as const,
          data: { name: group.name, count: members.length, policies: grantingPolicyNames(verdict) },
          identity: { arn: group.arn },
          resource: groupRef(group),
          evidence: { ...adminEvidence(verdict), members },
          fix: { consoleUrl: iamGroupUrl(group.arn, group.name), steps: ['stepDetach', 'stepMembers'] },
        },
      ];
    });
  },
});
