import type { NamedPolicy } from '../model/policy.js';
import { ActionSet } from './action-set.js';
import { actionCatalog } from './catalog.js';
import { evaluateConditions } from './conditions/index.js';
import { compileStatement, coversAllResources } from './effective-compile.js';
import type { RequestContext } from './types.js';

/** A statement that grants or restricts, with the actions it applies to. */
export interface StatementRef {
  policyId: string;
  policyName: string;
  statementIndex: number;
  sid: string | null;
  viaGroup?: string;
  actions: ActionSet;
  /** Its condition depends on keys unknown at scan time. */
  conditional: boolean;
  /** It applies to every resource (otherwise to some). */
  onAllResources: boolean;
}

/** One policy layer (identity, the boundary, one SCP level) reduced to action sets under a context. */
export interface LayerSets {
  /** Allowed on every resource, unconditionally. */
  allowAll: ActionSet;
  /** Allowed on every resource, possibly only under unknown conditions. */
  allowAllConditional: ActionSet;
  /** Allowed on at least one resource, possibly conditionally. */
  allowSome: ActionSet;
  /** Denied on every resource, unconditionally. */
  denyAll: ActionSet;
  /** Denied on every resource when unknown conditions hold. */
  denyAllConditional: ActionSet;
  /** Allow statements on every resource (the admin evidence). */
  grants: StatementRef[];
  /** Deny statements that are narrower than "every resource" or conditional. */
  restrictions: StatementRef[];
}

/** A layer that allows nothing and denies nothing. */
export function emptyLayer(): LayerSets {
  const none = ActionSet.empty(actionCatalog());
  return {
    allowAll: none,
    allowAllConditional: none,
    allowSome: none,
    denyAll: none,
    denyAllConditional: none,
    grants: [],
    restrictions: [],
  };
}

function addPolicy(acc: LayerSets, policy: NamedPolicy, ctx: RequestContext, partition: string): LayerSets {
  let { allowAll, allowAllConditional, allowSome, denyAll, denyAllConditional } = acc;
  const grants = [...acc.grants];
  const restrictions = [...acc.restrictions];
  policy.document.statements.forEach((s, statementIndex) => {
    const c = compileStatement(s);
    if (c.scope.kind === 'none' || c.actions.isEmpty()) return;
    const cond = s.condition === undefined ? 'true' : evaluateConditions(s.condition, ctx).result;
    if (cond === 'false') return;
    const onAll = coversAllResources(c.scope, partition, c.effect);
    const ref: StatementRef = {
      policyId: policy.id,
      policyName: policy.name,
      statementIndex,
      sid: s.sid,
      actions: c.actions,
      conditional: cond === 'unknown',
      onAllResources: onAll,
    };
    if (policy.viaGroup !== undefined) ref.viaGroup = policy.viaGroup;
    if (c.effect === 'Allow') {
      allowSome = allowSome.union(c.actions);
      if (!onAll) return;
      allowAllConditional = allowAllConditional.union(c.actions);
      if (cond === 'true') allowAll = allowAll.union(c.actions);
      grants.push(ref);
    } else if (onAll && cond === 'true') {
      denyAll = denyAll.union(c.actions);
    } else {
      if (onAll) denyAllConditional = denyAllConditional.union(c.actions);
      restrictions.push(ref);
    }
  });
  return { allowAll, allowAllConditional, allowSome, denyAll, denyAllConditional, grants, restrictions };
}

// Documents without any Condition give the same sets for every principal of a partition: cache them.
const unconditional = new WeakMap<NamedPolicy['document'], Map<string, LayerSets>>();

function policyLayer(policy: NamedPolicy, ctx: RequestContext, partition: string): LayerSets {
  const doc = policy.document;
  if (doc.statements.some((s) => s.condition !== undefined))
    return addPolicy(emptyLayer(), policy, ctx, partition);
  let byPartition = unconditional.get(doc);
  if (byPartition === undefined) {
    byPartition = new Map();
    unconditional.set(doc, byPartition);
  }
  // The cache key also carries the policy's identity: the refs name the policy (and group) they came from.
  const key = `${partition}\u0000${policy.id}\u0000${policy.viaGroup ?? ''}`;
  let sets = byPartition.get(key);
  if (sets === undefined) {
    sets = addPolicy(emptyLayer(), policy, ctx, partition);
    byPartition.set(key, sets);
  }
  return sets;
}

/** Reduces a list of policies (one layer: identity, boundary, or one SCP level) to its action sets. */
export function layerSets(
  policies: readonly NamedPolicy[],
  ctx: RequestContext,
  partition: string,
): LayerSets {
  if (policies.length === 1 && policies[0] !== undefined) return policyLayer(policies[0], ctx, partition);
  let acc = emptyLayer();
  for (const p of policies) {
    const one = policyLayer(p, ctx, partition);
    acc = {
      allowAll: acc.allowAll.union(one.allowAll),
      allowAllConditional: acc.allowAllConditional.union(one.allowAllConditional),
      allowSome: acc.allowSome.union(one.allowSome),
      denyAll: acc.denyAll.union(one.denyAll),
      denyAllConditional: acc.denyAllConditional.union(one.denyAllConditional),
      grants: acc.grants.concat(one.grants),
      restrictions: acc.restrictions.concat(one.restrictions),
    };
  }
  return acc;
}
