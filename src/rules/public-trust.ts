import type { Role } from '../model/inventory.js';
import { iamRoleUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import type { IndexedStatement } from './utils/trust.js';
import {
  allowAssumeStatements,
  assumeActionsOf,
  callerRestrictions,
  denyRestrictsEveryone,
  isOpenToAnyone,
  statementJson,
  trustPolicyWith,
} from './utils/trust.js';
import { roleRef } from './utils/resources.js';

/** Trust statements that let any AWS principal start a session on the role. */
export function publicTrustStatements(role: Role): IndexedStatement[] {
  return allowAssumeStatements(role.trustPolicy).filter(
    ({ statement }) =>
      isOpenToAnyone(statement) &&
      callerRestrictions(statement.condition).length === 0 &&
      !assumeActionsOf(statement).every((a) => denyRestrictsEveryone(role.trustPolicy, a)),
  );
}

/** `public-trust`: a role whose trust policy lets anyone assume it. */
export const publicTrust = defineRule({
  id: 'public-trust',
  title: 'Role can be assumed by anyone',
  resourceTypes: ['role'],
  severity: 'high',
  requires: ['iam'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires when an Allow statement of the trust policy names every principal (`*`, `{"AWS": "*"}`, or an ' +
    'Allow with NotPrincipal) for sts:AssumeRole, AssumeRoleWithWebIdentity or AssumeRoleWithSAML, without a ' +
    'condition that restricts the caller to an organization, account, specific principal ARNs, source or ' +
    'external id (IfExists and ForAllValues forms and wildcard values do not count), and no Deny statement ' +
    'stops outsiders. Critical when the role is administrator; escalation-based raises belong to ' +
    'privilege-escalation.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html'],
  remediation: 'Restrict the trust policy to the principals that need the role.',
  messages: {
    public: 'IAM role {name} can be assumed by any AWS principal through trust statement {statement}.',
    stepRestrict:
      'Replace the `*` principal of role {name}’s trust policy with the accounts or roles that assume it.',
    stepCondition:
      'Or add an aws:PrincipalOrgID / aws:PrincipalAccount condition, as in the suggested policy.',
  },
  evaluate(ctx) {
    return ctx.inventory.roles.flatMap((role) => {
      const open = publicTrustStatements(role);
      if (open.length === 0) return [];
      const isAdmin = ctx.authz.adminVerdict(role.arn).isAdmin;
      const openIndexes = new Set(open.map((o) => o.index));
      const org = ctx.inventory.organization?.id ?? null;
      const restriction = org
        ? { 'aws:PrincipalOrgID': [org] }
        : { 'aws:PrincipalAccount': [role.accountId] };
      const first = open[0];
      return [
        {
          messageId: 'public' as const,
          data: { name: role.name, statement: first?.statement.sid ?? `#${first?.index ?? 0}` },
          identity: { arn: role.arn },
          resource: roleRef(role),
          ...(isAdmin ? { severity: 'critical' as const } : {}),
          evidence: {
            trustStatements: open.map((o) => ({
              index: o.index,
              sid: o.statement.sid,
              actions: assumeActionsOf(o.statement),
              statement: statementJson(o.statement),
            })),
            isAdmin,
            ...(isAdmin ? { severityReason: 'the role is administrator' } : {}),
          },
          fix: {
            consoleUrl: iamRoleUrl(role.arn, role.name),
            steps: ['stepRestrict', 'stepCondition'] as const,
            suggestedPolicy: trustPolicyWith(role.trustPolicy, (s, i) => {
              const json = statementJson(s);
              if (!openIndexes.has(i)) return json;
              const condition: Record<string, Record<string, unknown>> = { ...(s.condition ?? {}) };
              condition.StringEquals = { ...(condition.StringEquals ?? {}), ...restriction };
              return { ...json, Condition: condition };
            }),
          },
        },
      ];
    });
  },
});
