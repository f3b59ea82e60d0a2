import type { Role } from '../model/inventory.js';
import { iamRoleUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import { adminEvidence } from './utils/admin-evidence.js';
import {
  allowAssumeStatements,
  awsPrincipals,
  callerRestrictions,
  coversAction,
  denyRestrictsEveryone,
  isOpenToAnyone,
  principalAccount,
} from './utils/trust.js';
import { roleRef } from './utils/resources.js';

interface ForeignTrust {
  index: number;
  sid: string | null;
  principal: string;
  account: string | null;
}

// An open (`*`) statement stays foreign unless a condition pins callers to the role's own account; an
// organization or external-id condition still lets other accounts in.
function pinnedToOwnAccount(role: Role, condition: Parameters<typeof callerRestrictions>[0]): boolean {
  return callerRestrictions(condition).some(
    (r) =>
      (r.scope === 'account' || r.scope === 'principal-arn') &&
      r.accounts.length > 0 &&
      r.accounts.every((a) => a === role.accountId),
  );
}

function foreignTrusts(role: Role): ForeignTrust[] {
  if (denyRestrictsEveryone(role.trustPolicy, 'sts:AssumeRole')) return [];
  const out: ForeignTrust[] = [];
  for (const { index, statement } of allowAssumeStatements(role.trustPolicy)) {
    if (!coversAction(statement, 'sts:AssumeRole')) continue;
    if (isOpenToAnyone(statement)) {
      if (!pinnedToOwnAccount(role, statement.condition))
        out.push({ index, sid: statement.sid, principal: '*', account: null });
      continue;
    }
    for (const principal of awsPrincipals(statement)) {
      const account = principalAccount(principal);
      if (account !== null && account !== role.accountId)
        out.push({ index, sid: statement.sid, principal, account });
    }
  }
  return out;
}

/** `external-admin-access`: an administrator role that a principal of another account can assume. */
export const externalAdminAccess = defineRule({
  id: 'external-admin-access',
  title: 'Administrator role can be assumed from another account',
  resourceTypes: ['role'],
  severity: 'critical',
  requires: ['iam'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires for an administrator role whose trust policy allows sts:AssumeRole to a principal of any other ' +
    'account — organization accounts and trusted partners included, and an external id does not help — or ' +
    'to `*` unless a condition pins callers to the role’s own account. Service and federated principals are ' +
    'out of scope. Escalating (non-administrator) roles are privilege-escalation’s concern for now.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html',
  ],
  remediation: 'Do not let other accounts assume administrator roles; give them a scoped role instead.',
  messages: {
    external: 'Administrator IAM role {name} can be assumed by principals of other accounts ({principals}).',
    stepScope: 'Create a scoped role for {principals} and remove them from the trust policy of {name}.',
    stepOrAdmin: 'Or reduce role {name} to the permissions the other account needs.',
  },
  evaluate(ctx) {
    return ctx.inventory.roles.flatMap((role) => {
      const verdict = ctx.authz.adminVerdict(role.arn);
      if (!verdict.isAdmin) return [];
      const trusts = foreignTrusts(role);
      if (trusts.length === 0) return [];
      const principals = [...new Set(trusts.map((t) => t.principal))].sort();
      return [
        {
          messageId: 'external' as const,
          data: { name: role.name, principals: principals.join(', ') },
          identity: { arn: role.arn },
          resource: roleRef(role),
          evidence: { trusts, admin: adminEvidence(verdict) },
          fix: { consoleUrl: iamRoleUrl(role.arn, role.name), steps: ['stepScope', 'stepOrAdmin'] as const },
        },
      ];
    });
  },
});
