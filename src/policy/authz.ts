import type { Inventory } from '../model/inventory.js';
import type { NamedPolicy } from '../model/policy.js';
import { arnAccount, splitArn } from './arn.js';
import { adminVerdictOf, computeEffective } from './effective.js';
import type { EffectivePermissions } from './effective.js';
import { evaluateRequest } from './evaluate.js';
import { principalContext, timeContext } from './authz-context.js';
import { resolvePrincipalPolicies } from './principal-policies.js';
import type { AdminVerdict, Authz, ContextValue, Decision, PolicySet, RequestContext } from './types.js';

/** The Authz service plus the effective permission sets it computes (for least privilege and insights). */
export interface EffectiveAuthz extends Authz {
  /** Effective permissions of a user, role or group (group: its own policies), or null when unknown. */
  effective(principalArn: string): EffectivePermissions | null;
  /** The principal's context (known keys filled in, every other key unknown), or null when unknown. */
  context(principalArn: string): RequestContext | null;
}

const NOT_ADMIN: AdminVerdict = {
  isAdmin: false,
  conditional: false,
  grantingStatements: [],
  restrictingDenies: [],
};

const NOT_A_PRINCIPAL: Decision = {
  decision: 'implicitly-denied',
  conditional: false,
  deniedBy: 'identity',
  decisive: [],
  explains: [],
};

interface Entry {
  policySet: PolicySet;
  context: RequestContext;
  partition: string;
  verdict?: AdminVerdict;
}

// Effective sets are ~17 kB per principal (six catalog-wide bitsets); keeping them for every principal of a
// 10,000-principal scan would hold ~170 MB. Verdicts (small) are kept for all, effective sets for the most
// recent principals only: rules walk principals one after another, so recomputation is rare.
const EFFECTIVE_CACHE_LIMIT = 2_048;

/**
 * Builds the authorization service for one scan. Policy sets, principal contexts, effective permissions and
 * admin verdicts are computed on first use and cached per principal; policy documents are compiled once and
 * shared across principals, so 10,000 principals on a few hundred managed policies take well under a second.
 * Unknown principals get a non-admin verdict and an implicit deny, never an exception.
 */
export function createAuthz(inventory: Inventory, opts: { asOf: Date }): EffectiveAuthz {
  const entries = new Map<string, Entry | null>();
  const effectiveCache = new Map<string, EffectivePermissions>();
  const documentContext: RequestContext = { values: timeContext(opts.asOf), missingKeys: 'unknown' };

  function entry(principalArn: string): Entry | null {
    let e = entries.get(principalArn);
    if (e === undefined) {
      const resolved = resolvePrincipalPolicies(inventory, principalArn);
      e =
        resolved === null
          ? null
          : {
              policySet: resolved.policySet,
              context: principalContext(inventory, resolved.principal, opts.asOf),
              partition: splitArn(resolved.principal.arn)?.[1] ?? 'aws',
            };
      entries.set(principalArn, e);
    }
    return e;
  }

  function effective(principalArn: string): EffectivePermissions | null {
    const e = entry(principalArn);
    if (e === null) return null;
    let result = effectiveCache.get(principalArn);
    if (result === undefined) {
      result = computeEffective(e.policySet, e.context, e.partition);
      if (effectiveCache.size >= EFFECTIVE_CACHE_LIMIT) {
        const oldest = effectiveCache.keys().next().value;
        if (oldest !== undefined) effectiveCache.delete(oldest);
      }
      effectiveCache.set(principalArn, result);
    }
    return result;
  }

  return {
    adminVerdict(principalArn) {
      const e = entry(principalArn);
      if (e === null) return NOT_ADMIN;
      e.verdict ??= adminVerdictOf(effective(principalArn)!);
      return e.verdict;
    },
    documentIsAdmin(policy: NamedPolicy) {
      const set: PolicySet = { identity: [policy], boundary: null, scps: [] };
      const partition = splitArn(policy.id)?.[1] ?? 'aws';
      return adminVerdictOf(computeEffective(set, documentContext, partition));
    },
    isAllowed(principalArn: string, action: string, resource: string, extra?: Record<string, ContextValue>) {
      const e = entry(principalArn);
      if (e === null) return NOT_A_PRINCIPAL;
      const context: RequestContext =
        extra === undefined
          ? e.context
          : { values: { ...e.context.values, ...extra }, missingKeys: 'unknown' };
      return evaluateRequest(
        { principalArn, action, resource, resourceAccountId: arnAccount(resource), context },
        e.policySet,
      );
    },
    policySet(principalArn) {
      return entry(principalArn)?.policySet ?? null;
    },
    effective,
    context(principalArn) {
      return entry(principalArn)?.context ?? null;
    },
  };
}
