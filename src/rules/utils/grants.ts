import type { RuleContext } from '../context.js';

/** An allow statement that grants an action, for evidence. */
export interface GrantingStatement {
  policyId: string;
  policyName: string;
  sid: string | null;
  statementIndex: number;
  resource: string[] | null;
  notResource: string[] | null;
  viaGroup?: string;
}

/** A grant of one action on every probed resource. */
export interface BroadGrant {
  action: string;
  conditional: boolean;
  statements: GrantingStatement[];
}

/**
 * Whether a principal may perform `action` on every one of `probes` — synthetic ARNs chosen so that only a
 * grant on (nearly) all resources of the kind covers them all — with the allow statements that decide it.
 * Boundaries, SCPs and explicit denies apply, through the shared authorization service.
 */
export function broadGrant(
  ctx: RuleContext,
  principalArn: string,
  action: string,
  probes: string[],
): BroadGrant | null {
  const policies = ctx.authz.policySet(principalArn)?.identity ?? [];
  let conditional = false;
  const statements = new Map<string, GrantingStatement>();
  for (const probe of probes) {
    const d = ctx.authz.isAllowed(principalArn, action, probe);
    if (d.decision !== 'allowed') return null;
    conditional ||= d.conditional;
    for (const s of d.decisive) {
      if (s.effect !== 'Allow') continue;
      // Only identity statements grant; the SCP and boundary allows that also decided merely permit.
      const policy = policies.find((p) => p.id === s.policyId);
      if (policy === undefined) continue;
      const statement = policy.document.statements[s.statementIndex];
      statements.set(`${s.policyId}\u0000${s.statementIndex}`, {
        policyId: s.policyId,
        policyName: policy.name,
        sid: s.sid,
        statementIndex: s.statementIndex,
        resource: statement?.resource ?? null,
        notResource: statement?.notResource ?? null,
        ...(policy.viaGroup === undefined ? {} : { viaGroup: policy.viaGroup }),
      });
    }
  }
  return { action, conditional, statements: [...statements.values()] };
}

/** The names of the policies behind some grants, for messages. */
export function policyNames(statements: GrantingStatement[]): string {
  return [...new Set(statements.map((s) => s.policyName))].join(', ') || 'its policies';
}
