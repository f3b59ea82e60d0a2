import { iamRoleUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import { adminEvidence, grantingPolicyNames } from './utils/admin-evidence.js';
import { roleRef } from './utils/resources.js';

/** `admin-role`: an IAM role whose effective permissions allow every action on every resource. */
export const adminRole = defineRule({
  id: 'admin-role',
  title: 'IAM role has administrative privileges',
  resourceTypes: ['role'],
  severity: 'medium',
  requires: ['iam'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires when a role’s effective permissions (inline and managed policies, permissions boundary, SCPs, ' +
    'explicit denies) allow every action on every resource. Service-linked roles are included only when ' +
    'they are administrator, which AWS never makes them.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  remediation: 'Scope the role’s policies to what its workload uses.',
  messages: {
    admin: 'IAM role {name} can perform every action on every resource through policy {policies}.',
    conditionalAdmin:
      'IAM role {name} can perform every action on every resource through policy {policies} when its conditions hold.',
    stepDetach: 'Detach or narrow {policies} on role {name}.',
    stepBoundary:
      'If the role must stay broad, attach a permissions boundary and restrict who can assume it.',
  },
  evaluate(ctx) {
    return ctx.inventory.roles.flatMap((role) => {
      const verdict = ctx.authz.adminVerdict(role.arn);
      if (!verdict.isAdmin) return [];
      return [
        {
          messageId: verdict.conditional ? 'conditionalAdmin' : 'admin',
          data: { name: role.name, policies: grantingPolicyNames(verdict) },
          identity: { arn: role.arn },
          resource: roleRef(role),
          evidence: adminEvidence(verdict),
          fix: { consoleUrl: iamRoleUrl(role.arn, role.name), steps: ['stepDetach', 'stepBoundary'] },
        },
      ];
    });
  },
});
