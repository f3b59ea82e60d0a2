import type { ActionSet } from './action-set.js';
import { layerSets } from './effective-document.js';
import type { LayerSets, StatementRef } from './effective-document.js';
import type { AdminVerdict, PolicySet, RequestContext } from './types.js';

export type { StatementRef } from './effective-document.js';

/**
 * A principal's effective permissions, computed set-wise over the whole action catalog (no per-action
 * simulation). Every set already accounts for the boundary, each SCP level and unconditional denies that
 * cover every resource. Narrower or conditional denies are not subtracted: they are listed in
 * `restrictingDenies` and summarised in `restricted`, so `allowedOnAll.subtract(restricted)` is what is
 * allowed everywhere without any exception.
 */
export interface EffectivePermissions {
  /** Allowed on every resource without any unknown condition (grants and conditional full denies). */
  allowedOnAll: ActionSet;
  /** Allowed on every resource, possibly only when unknown conditions hold (a superset of allowedOnAll). */
  allowedOnAllConditional: ActionSet;
  /**
   * Allowed on at least some resource, possibly conditionally (a superset of allowedOnAllConditional). An
   * upper bound: layers are intersected per action, not per resource.
   */
  allowedSomewhere: ActionSet;
  /** Actions some deny statement restricts on some resources or under some conditions. */
  restricted: ActionSet;
  /** Identity allow statements that apply to every resource. */
  grantingStatements: StatementRef[];
  /** Deny statements (identity, boundary or SCP) that restrict on some resources or conditionally. */
  restrictingDenies: StatementRef[];
}

function intersectLayers(layers: LayerSets[], pick: (l: LayerSets) => ActionSet): ActionSet {
  let set = pick(layers[0]!);
  for (let i = 1; i < layers.length; i++) set = set.intersect(pick(layers[i]!));
  return set;
}

/**
 * Computes effective permissions for one policy set under a principal's context (unknown keys make grants
 * conditional). `partition` is the principal's ARN partition (`aws`, `aws-cn`, …), used to decide whether
 * `arn:<partition>:*` covers every resource.
 */
export function computeEffective(
  set: PolicySet,
  ctx: RequestContext,
  partition = 'aws',
): EffectivePermissions {
  const identity = layerSets(set.identity, ctx, partition);
  // Every layer must allow (identity ∩ boundary ∩ each SCP level); a deny anywhere denies.
  const layers: LayerSets[] = [identity];
  if (set.boundary !== null) layers.push(layerSets([set.boundary], ctx, partition));
  for (const level of set.scps) layers.push(layerSets(level, ctx, partition));

  let denyAll = identity.denyAll;
  let denyAllConditional = identity.denyAllConditional;
  let restrictingDenies = identity.restrictions;
  for (let i = 1; i < layers.length; i++) {
    const l = layers[i]!;
    denyAll = denyAll.union(l.denyAll);
    denyAllConditional = denyAllConditional.union(l.denyAllConditional);
    restrictingDenies = restrictingDenies.concat(l.restrictions);
  }
  let restricted = denyAllConditional;
  for (const r of restrictingDenies) restricted = restricted.union(r.actions);

  const allowedOnAllConditional = intersectLayers(layers, (l) => l.allowAllConditional).subtract(denyAll);
  return {
    allowedOnAll: intersectLayers(layers, (l) => l.allowAll)
      .subtract(denyAll)
      .subtract(denyAllConditional),
    allowedOnAllConditional,
    allowedSomewhere: intersectLayers(layers, (l) => l.allowSome).subtract(denyAll),
    restricted: restricted.subtract(denyAll),
    grantingStatements: identity.grants,
    restrictingDenies: restrictingDenies.filter((r) => !r.actions.isSubsetOf(denyAll)),
  };
}

/**
 * The administrator verdict from effective permissions: admin iff every catalog action is allowed on every
 * resource after the boundary, SCPs and unconditional full denies; conditional when that holds only under
 * unknown conditions (an MFA-conditioned grant, a deny unless MFA). Deny statements scoped to some
 * resources or conditional do not remove the status — AdministratorAccess plus a deny on one bucket is still
 * an administrator for a security tool — they are listed in `restrictingDenies` instead.
 */
export function adminVerdictOf(e: EffectivePermissions): AdminVerdict {
  if (!e.allowedOnAllConditional.isFull()) {
    return { isAdmin: false, conditional: false, grantingStatements: [], restrictingDenies: [] };
  }
  const alone = e.grantingStatements.filter((g) => g.actions.isFull());
  const granting = (alone.length > 0 ? alone : e.grantingStatements).map((g) => {
    const out: AdminVerdict['grantingStatements'][number] = {
      policyId: g.policyId,
      policyName: g.policyName,
      sid: g.sid,
    };
    if (g.viaGroup !== undefined) out.viaGroup = g.viaGroup;
    return out;
  });
  const seen = new Set<string>();
  const restricting: AdminVerdict['restrictingDenies'] = [];
  for (const r of e.restrictingDenies) {
    const key = `${r.policyId}\u0000${r.statementIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    restricting.push({ policyId: r.policyId, sid: r.sid });
  }
  return {
    isAdmin: true,
    conditional: !e.allowedOnAll.isFull(),
    grantingStatements: granting,
    restrictingDenies: restricting,
  };
}
