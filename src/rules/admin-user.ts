import { iamUserUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import { adminEvidence, grantingPolicyNames } from './utils/admin-evidence.js';
import { userRef } from './utils/resources.js';

/** `admin-user`: an IAM user whose effective permissions allow every action on every resource. */
export const adminUser = defineRule({
  id: 'admin-user',
  title: 'IAM user has administrative privileges',
  resourceTypes: ['user'],
  severity: 'high',
  requires: ['iam'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires when a user’s effective permissions (inline, managed and group policies, permissions boundary, ' +
    'SCPs, explicit denies) allow every action on every resource. A grant behind conditions whose value is ' +
    'unknown at scan time (e.g. MFA) still fires, with `conditional: true` in the evidence.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  remediation: 'Replace the administrator grant with the permissions the user actually needs.',
  messages: {
    admin: 'IAM user {name} can perform every action on every resource through policy {policies}.',
    conditionalAdmin:
      'IAM user {name} can perform every action on every resource through policy {policies} when its conditions hold.',
    stepDetach: 'Detach or narrow {policies} on user {name} (directly or through its groups).',
    stepRole: 'Give people administrator access through a role assumed with MFA, not a long-lived user.',
  },
  evaluate(ctx) {
    return ctx.inventory.users.flatMap((user) => {
      const verdict = ctx.authz.adminVerdict(user.arn);
      if (!verdict.isAdmin) return [];
      const data = { name: user.name, policies: grantingPolicyNames(verdict) };
      return [
        {
          messageId: verdict.conditional ? 'conditionalAdmin' : 'admin',
          data,
          identity: { arn: user.arn },
          resource: userRef(user),
          evidence: adminEvidence(verdict),
          fix: { consoleUrl: iamUserUrl(user.arn, user.name), steps: ['stepDetach', 'stepRole'] },
        },
      ];
    });
  },
});
