import type { Role } from '../model/inventory.js';
import type { Statement } from '../model/policy.js';
import { arnAccount } from '../policy/arn.js';
import { actionMatches } from '../policy/wildcard.js';

/** A role that a service may assume, and whether only under a trust condition. */
export interface ServiceTrust {
  role: Role;
  conditional: boolean;
}

function coversAssume(s: Statement): boolean {
  if (s.action) return s.action.some((p) => actionMatches(p, 'sts:AssumeRole'));
  if (s.notAction) return !s.notAction.some((p) => actionMatches(p, 'sts:AssumeRole'));
  return false;
}

function values(block: Statement['principal'], type: string): string[] {
  if (block === undefined) return [];
  if (block === '*') return ['*'];
  return block[type] ?? [];
}

/**
 * Who each role's trust policy names, indexed so that the escalation graph never pairs every principal with
 * every role: by exact principal ARN, by account (a trust naming `123…` or `arn:aws:iam::123…:root`), open
 * trusts (`*`, `NotPrincipal`), and by service principal. The index only proposes candidates; whether a
 * principal may assume a role is decided by the policy evaluator with the trust as the resource policy.
 */
export class TrustIndex {
  private readonly named = new Map<string, Role[]>();
  private readonly open: Role[] = [];
  private readonly services = new Map<string, ServiceTrust[]>();

  constructor(roles: readonly Role[]) {
    for (const role of roles) this.add(role);
  }

  private add(role: Role): void {
    const keys = new Set<string>();
    let isOpen = false;
    const serviceGrants = new Map<string, boolean>();
    const deniedServices = new Set<string>();
    for (const s of role.trustPolicy.statements) {
      if (!coversAssume(s)) continue;
      if (s.effect === 'Deny') {
        if (s.condition === undefined)
          for (const v of values(s.principal, 'Service')) deniedServices.add(v.toLowerCase());
        continue;
      }
      if (s.notPrincipal !== undefined || s.principal === '*') {
        isOpen = true;
        continue;
      }
      for (const v of values(s.principal, 'AWS')) {
        if (v === '*') isOpen = true;
        else if (/^\d{12}$/.test(v)) keys.add(v);
        else if (/^arn:[^:]+:iam::\d{12}:root$/.test(v)) keys.add(arnAccount(v) ?? v);
        else keys.add(v);
      }
      for (const v of values(s.principal, 'Service')) {
        const svc = v.toLowerCase();
        const conditional = s.condition !== undefined && Object.keys(s.condition).length > 0;
        serviceGrants.set(svc, (serviceGrants.get(svc) ?? true) && conditional);
      }
    }
    if (isOpen) this.open.push(role);
    for (const k of keys) push(this.named, k, role);
    for (const [svc, conditional] of serviceGrants) {
      if (!deniedServices.has(svc)) push(this.services, `${role.accountId}/${svc}`, { role, conditional });
    }
  }

  /**
   * Roles whose trust might let `principalArn` assume them: named exactly, open, and (with `byAccount`,
   * for a principal whose own policies may allow sts:AssumeRole) those naming its account.
   */
  candidatesFor(principalArn: string, byAccount = true): Role[] {
    const account = arnAccount(principalArn);
    const out = new Set<Role>(this.open);
    for (const r of this.named.get(principalArn) ?? []) out.add(r);
    if (byAccount && account !== null) for (const r of this.named.get(account) ?? []) out.add(r);
    return [...out];
  }

  /** Roles of `accountId` whose trust lets `servicePrincipal` (e.g. `lambda.amazonaws.com`) assume them. */
  trustingService(accountId: string, servicePrincipal: string): ServiceTrust[] {
    return this.services.get(`${accountId}/${servicePrincipal.toLowerCase()}`) ?? [];
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
