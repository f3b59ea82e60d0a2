import type { Role, User } from '../model/inventory.js';
import type { RuleContext } from './context.js';
import { iamRoleUrl, iamUserUrl } from './console-url.js';
import type { RuleFinding } from './define-rule.js';
import { defineRule } from './define-rule.js';
import { broadGrant, policyNames } from './utils/grants.js';
import { roleRef, userRef } from './utils/resources.js';

type Message = 'passAny' | 'stepScope' | 'stepService';

// Two unrelated roles of the principal's account (PassRole only ever passes same-account roles, and the
// console or CLI sends the role ARN as the resource): `*`, `arn:aws:iam::*:role/*` or
// `arn:aws:iam::<account>:role/*` cover both, `role/app-*` or a named role does not.
function probes(accountId: string): string[] {
  return [`arn:aws:iam::${accountId}:role/iamrisk-probe-a`, `arn:aws:iam::${accountId}:role/x/y/zz-probe-b`];
}

function finding(ctx: RuleContext, principal: User | Role): RuleFinding<Message>[] {
  if (ctx.authz.adminVerdict(principal.arn).isAdmin) return [];
  const grant = broadGrant(ctx, principal.arn, 'iam:PassRole', probes(principal.accountId));
  if (grant === null) return [];
  const isUser = principal.kind === 'user';
  return [
    {
      messageId: 'passAny',
      data: { kind: isUser ? 'user' : 'role', name: principal.name, policies: policyNames(grant.statements) },
      identity: { arn: principal.arn },
      resource: isUser ? userRef(principal) : roleRef(principal),
      evidence: { conditional: grant.conditional, statements: grant.statements },
      fix: {
        consoleUrl: isUser
          ? iamUserUrl(principal.arn, principal.name)
          : iamRoleUrl(principal.arn, principal.name),
        steps: ['stepScope', 'stepService'],
        suggestedPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: `arn:aws:iam::${principal.accountId}:role/<role-the-workload-needs>`,
              Condition: { StringEquals: { 'iam:PassedToService': '<service>.amazonaws.com' } },
            },
          ],
        },
      },
    },
  ];
}

/** `wildcard-passrole`: a non-administrator user or role that can pass any role to a service. */
export const wildcardPassrole = defineRule({
  id: 'wildcard-passrole',
  title: 'Identity can pass any role',
  resourceTypes: ['user', 'role'],
  severity: 'medium',
  requires: ['iam'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires when a user or role is allowed iam:PassRole on every role of its account (Resource `*`, ' +
    '`arn:aws:iam::*:role/*` or the account’s `role/*`), after boundaries, SCPs and denies. A grant ' +
    'behind an iam:PassedToService condition still fires (with `conditional` in the evidence): any role can ' +
    'still be passed to that service. Administrators are excluded: admin-user and admin-role already flag ' +
    'them, and repeating it here is noise (as Datadog does).',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html'],
  remediation: 'Limit iam:PassRole to the roles the identity must pass, and to the service that uses them.',
  messages: {
    passAny:
      'IAM {kind} {name} can pass any role of its account to an AWS service through policy {policies}.',
    stepScope:
      'Replace Resource "*" of iam:PassRole in {policies} with the ARNs of the roles {name} must pass.',
    stepService: 'Add an iam:PassedToService condition naming the service that receives the role.',
  },
  evaluate: (ctx) => [
    ...ctx.inventory.users.flatMap((u) => finding(ctx, u)),
    ...ctx.inventory.roles.flatMap((r) => finding(ctx, r)),
  ],
});
