import type { Statement } from '../model/policy.js';
import { iamRoleUrl } from './console-url.js';
import { defineRule } from './define-rule.js';
import type { CiProvider } from './utils/oidc.js';
import { ciProvider, subScope } from './utils/oidc.js';
import {
  allowAssumeStatements,
  coversAction,
  federatedPrincipals,
  statementJson,
  trustPolicyWith,
} from './utils/trust.js';
import { roleRef } from './utils/resources.js';

const POSITIVE = /^(foranyvalue:)?string(equals|equalsignorecase|like)$/;

/** The `sub` values of each restricting condition block; none means `sub` is not restricted at all. */
function subConditions(s: Statement, provider: CiProvider): string[][] {
  const key = `${provider.host}:sub`;
  const out: string[][] = [];
  for (const [op, keys] of Object.entries(s.condition ?? {})) {
    if (!POSITIVE.test(op.toLowerCase())) continue;
    for (const [k, values] of Object.entries(keys)) if (k.toLowerCase() === key) out.push(values);
  }
  return out;
}

// Blocks are ANDed, values within a block ORed: one fully restricting block is enough.
function unrestrictedReason(
  s: Statement,
  provider: CiProvider,
): { reason: string; subValues: string[] } | null {
  const blocks = subConditions(s, provider);
  if (blocks.length === 0) return { reason: 'no condition on the sub claim', subValues: [] };
  if (
    blocks.some(
      (values) => values.length > 0 && values.every((v) => subScope(provider, v) !== 'unrestricted'),
    )
  ) {
    return null;
  }
  const open = blocks.flat().filter((v) => subScope(provider, v) === 'unrestricted');
  return { reason: 'the sub condition matches any repository owner', subValues: open };
}

const EXAMPLE_SUB: Record<CiProvider['kind'], string> = {
  'github-actions': 'repo:<org>/<repo>:ref:refs/heads/main',
  gitlab: 'project_path:<group>/<project>:ref_type:branch:ref:main',
  'terraform-cloud': 'organization:<org>:project:<project>:workspace:<workspace>:run_phase:apply',
};

// The statement with its open sub patterns replaced by one example naming a specific repository.
function withSubCondition(s: Statement, provider: CiProvider): Record<string, unknown> {
  const key = `${provider.host}:sub`;
  const condition: Record<string, Record<string, unknown>> = {};
  for (const [op, keys] of Object.entries(s.condition ?? {})) {
    const kept = Object.fromEntries(Object.entries(keys).filter(([k]) => k.toLowerCase() !== key));
    if (Object.keys(kept).length > 0) condition[op] = kept;
  }
  condition.StringEquals = { ...(condition.StringEquals ?? {}), [key]: [EXAMPLE_SUB[provider.kind]] };
  return { ...statementJson(s), Condition: condition };
}

/** `oidc-trust-unrestricted`: a role that CI tokens of any repository can assume. */
export const oidcTrustUnrestricted = defineRule({
  id: 'oidc-trust-unrestricted',
  title: 'Role trusts a CI identity provider for any repository',
  resourceTypes: ['role'],
  severity: 'critical',
  requires: ['iam'],
  version: 1,
  maturity: 'stable',
  description:
    'Fires when an Allow statement trusts a GitHub Actions (token.actions.githubusercontent.com), GitLab ' +
    '(gitlab.com or a self-hosted gitlab.* host) or Terraform Cloud (app.terraform.io) OIDC provider for ' +
    'sts:AssumeRoleWithWebIdentity and no StringEquals/StringLike condition on `<provider>:sub` pins the ' +
    'repository owner: anyone can create a repository and mint such a token. `aud`-only conditions do not ' +
    'count. Org-wide patterns (`repo:my-org/*`, `project_path:my-group/*`, `organization:my-org:*`) are ' +
    'accepted as a restriction (only that owner’s pipelines get in); `*`, `repo:*` and prefixes without the ' +
    'separator (`repo:my-org*`, which also matches `my-org-evil`) are not.',
  references: [
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
  ],
  remediation: 'Restrict the sub claim to the repositories (and branches or environments) that deploy.',
  messages: {
    open: 'IAM role {name} can be assumed with a {provider} token from any repository: {reason}.',
    stepSub:
      'Add a StringEquals (or StringLike) condition on {host}:sub naming your repositories to role {name}.',
    stepAud: 'Keep the aud condition; it identifies the token’s audience, not who minted it.',
  },
  evaluate(ctx) {
    return ctx.inventory.roles.flatMap((role) => {
      const hits = allowAssumeStatements(role.trustPolicy).flatMap(({ index, statement }) => {
        if (!coversAction(statement, 'sts:AssumeRoleWithWebIdentity')) return [];
        return federatedPrincipals(statement).flatMap((federated) => {
          const provider = ciProvider(federated);
          const open = provider && unrestrictedReason(statement, provider);
          return provider && open ? [{ index, sid: statement.sid, federated, provider, ...open }] : [];
        });
      });
      const first = hits[0];
      if (first === undefined) return [];
      const providerAt = new Map(hits.map((h) => [h.index, h.provider]));
      return [
        {
          messageId: 'open' as const,
          data: {
            name: role.name,
            provider: first.provider.kind,
            reason: first.reason,
            host: first.provider.host,
          },
          identity: { arn: role.arn },
          resource: roleRef(role),
          evidence: {
            trusts: hits.map((h) => ({
              index: h.index,
              sid: h.sid,
              federated: h.federated,
              provider: h.provider.kind,
              reason: h.reason,
              unrestrictedSubValues: h.subValues,
            })),
          },
          fix: {
            consoleUrl: iamRoleUrl(role.arn, role.name),
            steps: ['stepSub', 'stepAud'] as const,
            suggestedPolicy: trustPolicyWith(role.trustPolicy, (s, i) => {
              const provider = providerAt.get(i);
              return provider ? withSubCondition(s, provider) : statementJson(s);
            }),
          },
        },
      ];
    });
  },
});
