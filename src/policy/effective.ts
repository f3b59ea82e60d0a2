import { ActionSet } from './action-set.js';
import { actionCatalog } from './catalog.js';
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
  /** Allowed on every resource by every layer before any deny, possibly conditionally. */
  allowedBeforeDenies: ActionSet;
  /** Allowed on every resource by every layer before any deny, unconditionally. */
  allowedBeforeDeniesUnconditional: ActionSet;
  /** Denied on every resource, unconditionally (already removed from the allowed sets). */
  deniedOnAll: ActionSet;
  /** Denied on every resource when unknown conditions hold. */
  deniedOnAllConditional: ActionSet;
  /** The unconditional deny statements on every resource behind `deniedOnAll`. */
  fullDenies: StatementRef[];
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
  let fullDenies = identity.fullDenies;
  for (let i = 1; i < layers.length; i++) {
    const l = layers[i]!;
    denyAll = denyAll.union(l.denyAll);
    denyAllConditional = denyAllConditional.union(l.denyAllConditional);
    restrictingDenies = restrictingDenies.concat(l.restrictions);
    fullDenies = fullDenies.concat(l.fullDenies);
  }
  let restricted = denyAllConditional;
  for (const r of restrictingDenies) restricted = restricted.union(r.actions);

  const allowedBeforeDenies = intersectLayers(layers, (l) => l.allowAllConditional);
  const allowedBeforeDeniesUnconditional = intersectLayers(layers, (l) => l.allowAll);
  const allowedOnAllConditional = allowedBeforeDenies.subtract(denyAll);
  return {
    allowedBeforeDenies,
    allowedBeforeDeniesUnconditional,
    deniedOnAll: denyAll,
    deniedOnAllConditional: denyAllConditional,
    fullDenies,
    allowedOnAll: allowedBeforeDeniesUnconditional.subtract(denyAll).subtract(denyAllConditional),
    allowedOnAllConditional,
    allowedSomewhere: intersectLayers(layers, (l) => l.allowSome).subtract(denyAll),
    restricted: restricted.subtract(denyAll),
    grantingStatements: identity.grants,
    restrictingDenies: restrictingDenies.filter((r) => !r.actions.isSubsetOf(denyAll)),
  };
}

/**
 * The actions an administrator uses to manage IAM permissions: grant any policy to any principal, create
 * principals and credentials, pass and assume roles. Whoever keeps all of them on every resource can give
 * itself anything its identity policies lack.
 */
export const IAM_CONTROL_ACTIONS: readonly string[] = [
  'iam:AttachUserPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachGroupPolicy',
  'iam:PutUserPolicy',
  'iam:PutRolePolicy',
  'iam:PutGroupPolicy',
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:DeleteUserPolicy',
  'iam:DeleteRolePolicy',
  'iam:DetachUserPolicy',
  'iam:DetachRolePolicy',
  'iam:DeleteUserPermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:CreateRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:CreateUser',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:AddUserToGroup',
  'iam:PassRole',
  'sts:AssumeRole',
];

let iamControl: ActionSet | null = null;

function iamControlSet(): ActionSet {
  iamControl ??= ActionSet.fromNames(actionCatalog(), IAM_CONTROL_ACTIONS);
  return iamControl;
}

/**
 * The administrator verdict from effective permissions. Admin iff, after the boundary and every SCP level,
 * the allow statements cover every catalog action on every resource, and no deny takes away control of IAM
 * (the actions above). Guardrail denies — an SCP that forbids leaving the organization or stopping
 * CloudTrail, a deny on one bucket — are everywhere in real organizations; they do not make an administrator
 * harmless, so they are listed in `restrictingDenies` instead of hiding it. A deny that removes IAM control
 * (e.g. an SCP denying `iam:*` to everyone but a break-glass role) does end the status: such a principal is a
 * power user, like one with PowerUserAccess. Conditional when the grant, or a deny of IAM control, depends
 * on unknown conditions (an MFA-conditioned grant, a deny unless MFA).
 */
export function adminVerdictOf(e: EffectivePermissions): AdminVerdict {
  const control = iamControlSet();
  if (!e.allowedBeforeDenies.isFull() || e.deniedOnAll.intersect(control).size() > 0) {
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
  for (const r of [...e.fullDenies, ...e.restrictingDenies]) {
    const key = `${r.policyId}\u0000${r.statementIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    restricting.push({ policyId: r.policyId, sid: r.sid });
  }
  return {
    isAdmin: true,
    conditional:
      !e.allowedBeforeDeniesUnconditional.isFull() || e.deniedOnAllConditional.intersect(control).size() > 0,
    grantingStatements: granting,
    restrictingDenies: restricting,
  };
}
