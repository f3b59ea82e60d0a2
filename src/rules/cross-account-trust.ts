import type { Role } from '../model/inventory.js';
import type { RuleContext } from './context.js';
import { iamRoleUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import {
  allowAssumeStatements,
  awsPrincipals,
  principalAccount,
  requiresExternalId,
  statementJson,
  trustPolicyWith,
} from './utils/trust.js';
import { roleRef } from './utils/resources.js';

interface ExternalTrust {
  index: number;
  sid: string | null;
  principal: string;
  account: string;
}

function externalTrusts(ctx: RuleContext, role: Role): ExternalTrust[] {
  const known = new Set([...ctx.scannedAccounts, ...ctx.organizationAccounts, ...ctx.config.trustedAccounts]);
  known.add(role.accountId);
  const out: ExternalTrust[] = [];
  for (const { index, statement } of allowAssumeStatements(role.trustPolicy)) {
    if (requiresExternalId(statement)) continue;
    for (const principal of awsPrincipals(statement)) {
      const account = principalAccount(principal);
      // Unique ids (AROA…, left when a trusted principal is deleted) name no account: not judged.
      if (account !== null && !known.has(account))
        out.push({ index, sid: statement.sid, principal, account });
    }
  }
  return out;
}

/** `cross-account-trust`: a role trusting an account outside the scanned accounts, org and trusted list. */
export const crossAccountTrust = defineRule({
  id: 'cross-account-trust',
  title: 'Role trusts an external account without an external id',
  resourceTypes: ['role'],
  severity: 'medium',
  requires: ['iam'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires when an Allow statement of the trust policy names an AWS principal (account id, root, user or ' +
    'role ARN) of an account that is neither scanned, nor in the organization, nor in `trustedAccounts`, ' +
    'and the statement has no sts:ExternalId condition. Service and federated principals are not ' +
    'cross-account; `*` and NotPrincipal are public-trust’s concern. High when the role is administrator.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  ],
  remediation:
    'Require an external id from third parties, or add the account to trustedAccounts once vetted.',
  messages: {
    external: 'IAM role {name} can be assumed from external account(s) {accounts} without an external id.',
    stepExternalId:
      'Agree on a secret external id with the owner of {accounts} and require it (suggested policy).',
    stepTrusted:
      'If {accounts} is yours or a vetted partner, add it to trustedAccounts in iamrisk.config.json.',
  },
  evaluate(ctx) {
    return ctx.inventory.roles.flatMap((role) => {
      const trusts = externalTrusts(ctx, role);
      if (trusts.length === 0) return [];
      const accounts = [...new Set(trusts.map((t) => t.account))].sort();
      const isAdmin = ctx.authz.adminVerdict(role.arn).isAdmin;
      const indexes = new Set(trusts.map((t) => t.index));
      return [
        {
          messageId: 'external' as const,
          data: { name: role.name, accounts: accounts.join(', ') },
          identity: { arn: role.arn },
          resource: roleRef(role),
          ...(isAdmin ? { severity: 'high' as const } : {}),
          evidence: {
            externalAccounts: accounts,
            trusts,
            organizationDataPresent: ctx.inventory.organization !== null,
            isAdmin,
            ...(isAdmin ? { severityReason: 'the role is administrator' } : {}),
          },
          fix: {
            consoleUrl: iamRoleUrl(role.arn, role.name),
            steps: ['stepExternalId', 'stepTrusted'] as const,
            suggestedPolicy: trustPolicyWith(role.trustPolicy, (s, i) => {
              const json = statementJson(s);
              if (!indexes.has(i)) return json;
              const condition: Record<string, Record<string, unknown>> = { ...(s.condition ?? {}) };
              condition.StringEquals = {
                ...(condition.StringEquals ?? {}),
                'sts:ExternalId': ['<secret-external-id>'],
              };
              return { ...json, Condition: condition };
            }),
          },
        },
      ];
    });
  },
});
