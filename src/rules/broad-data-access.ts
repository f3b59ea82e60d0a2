import type { Role, User } from '../model/inventory.js';
import type { RuleContext } from './context.js';
import { iamRoleUrl, iamUserUrl } from './console-url.js';
import type { RuleFinding } from './define-rule.js';
import { defineRule } from './define-rule.js';
import type { BroadGrant } from './utils/grants.js';
import { broadGrant, policyNames } from './utils/grants.js';
import { roleRef, userRef } from './utils/resources.js';

type Message = 'broad' | 'stepScope';

// Two unrelated resources of each kind (different buckets, regions, names): only a grant on all objects,
// keys or secrets covers both. S3 object ARNs have no region or account.
const CHECKS: { kind: string; action: string; probes: (account: string) => string[] }[] = [
  {
    kind: 'all S3 objects',
    action: 's3:GetObject',
    probes: () => ['arn:aws:s3:::iamrisk-probe-a/key', 'arn:aws:s3:::zz-probe-b/x/y.csv'],
  },
  {
    kind: 'all KMS keys',
    action: 'kms:Decrypt',
    probes: (a) => [
      `arn:aws:kms:us-east-1:${a}:key/00000000-0000-0000-0000-000000000001`,
      `arn:aws:kms:eu-west-3:${a}:key/ffffffff-0000-0000-0000-000000000002`,
    ],
  },
  {
    kind: 'all Secrets Manager secrets',
    action: 'secretsmanager:GetSecretValue',
    probes: (a) => [
      `arn:aws:secretsmanager:us-east-1:${a}:secret:iamrisk-probe-a-AbCdEf`,
      `arn:aws:secretsmanager:eu-west-3:${a}:secret:zz/probe-b-123456`,
    ],
  },
];

function finding(ctx: RuleContext, principal: User | Role): RuleFinding<Message>[] {
  if (ctx.authz.adminVerdict(principal.arn).isAdmin) return [];
  const grants: (BroadGrant & { kind: string })[] = [];
  for (const check of CHECKS) {
    const grant = broadGrant(ctx, principal.arn, check.action, check.probes(principal.accountId));
    // Only unconditional grants: a condition (tags, VPC endpoint, account) may well scope the data.
    if (grant !== null && !grant.conditional) grants.push({ ...grant, kind: check.kind });
  }
  if (grants.length === 0) return [];
  const isUser = principal.kind === 'user';
  const statements = grants.flatMap((g) => g.statements);
  return [
    {
      messageId: 'broad',
      data: {
        kind: isUser ? 'user' : 'role',
        name: principal.name,
        what: grants.map((g) => g.kind).join(', '),
        policies: policyNames(statements),
      },
      identity: { arn: principal.arn },
      resource: isUser ? userRef(principal) : roleRef(principal),
      evidence: { grants: grants.map((g) => ({ kind: g.kind, action: g.action, statements: g.statements })) },
      fix: {
        consoleUrl: isUser
          ? iamUserUrl(principal.arn, principal.name)
          : iamRoleUrl(principal.arn, principal.name),
        steps: ['stepScope'],
      },
    },
  ];
}

/** `broad-data-access`: a non-administrator user or role that can read every object, key or secret. */
export const broadDataAccess = defineRule({
  id: 'broad-data-access',
  title: 'Identity can read data in every bucket, key or secret',
  resourceTypes: ['user', 'role'],
  severity: 'medium',
  requires: ['iam'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires when a user or role is allowed, without conditions, s3:GetObject on all objects, kms:Decrypt on ' +
    'all keys of its account, or secretsmanager:GetSecretValue on all secrets of its account; the evidence ' +
    'says which. Resource policies (bucket and key policies) are not inputs and are not considered. ' +
    'Administrators are excluded: the admin rules already flag them.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  remediation: 'Scope data reads to the buckets, keys and secrets the identity needs.',
  messages: {
    broad: 'IAM {kind} {name} can read {what} through policy {policies}.',
    stepScope:
      'Replace the wildcard Resource in {policies} with the specific buckets, keys or secrets {name} reads.',
  },
  evaluate: (ctx) => [
    ...ctx.inventory.users.flatMap((u) => finding(ctx, u)),
    ...ctx.inventory.roles.flatMap((r) => finding(ctx, r)),
  ],
});
