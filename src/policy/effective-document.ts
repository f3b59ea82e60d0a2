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
  /** Unconditional deny statements on every resource (what makes `denyAll`). */
  fullDenies: StatementRef[];
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
    fullDenies: [],
  };
}

type Tri = 'true' | 'false' | 'unknown';

function addPolicy(
  acc: LayerSets,
  policy: NamedPolicy,
  conditions: readonly Tri[],
  partition: string,
): LayerSets {
  let { allowAll, allowAllConditional, allowSome, denyAll, denyAllConditional } = acc;
  const grants = [...acc.grants];
  const restrictions = [...acc.restrictions];
  const fullDenies = [...acc.fullDenies];
  policy.document.statements.forEach((s, statementIndex) => {
    const c = compileStatement(s);
    const cond = conditions[statementIndex] ?? 'true';
    if (c.scope.kind === 'none' || c.actions.isEmpty() || cond === 'false') return;
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
      fullDenies.push(ref);
    } else {
      if (onAll) denyAllConditional = denyAllConditional.union(c.actions);
      restrictions.push(ref);
    }
  });
  return {
    allowAll,
    allowAllConditional,
    allowSome,
    denyAll,
    denyAllConditional,
    grants,
    restrictions,
    fullDenies,
  };
}

// A document's sets depend on the principal only through its statements' condition outcomes (and the
// partition), so they are cached per document under that key: thousands of principals sharing a managed
// policy reduce it once per distinct outcome, even when it has conditions.
const layerCache = new WeakMap<NamedPolicy['document'], Map<string, LayerSets>>();

function policyLayer(policy: NamedPolicy, ctx: RequestContext, partition: string): LayerSets {
  const doc = policy.document;
  const conditions: Tri[] = doc.statements.map((s) =>
    s.condition === undefined ? 'true' : evaluateConditions(s.condition, ctx).result,
  );
  let cache = layerCache.get(doc);
  if (cache === undefined) {
    cache = new Map();
    layerCache.set(doc, cache);
  }
  // The key also carries the policy's identity: the refs name the policy (and group) they came from.
  const key = `${partition}\u0000${policy.id}\u0000${policy.viaGroup ?? ''}\u0000${conditions.join(',')}`;
  let sets = cache.get(key);
  if (sets === undefined) {
    sets = addPolicy(emptyLayer(), policy, conditions, partition);
    cache.set(key, sets);
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
  if (policies.length === 0) return emptyLayer();
  const parts = policies.map((p) => policyLayer(p, ctx, partition));
  const universe = actionCatalog();
  const unionOf = (pick: (l: LayerSets) => ActionSet) => ActionSet.unionAll(universe, parts.map(pick));
  return {
    allowAll: unionOf((l) => l.allowAll),
    allowAllConditional: unionOf((l) => l.allowAllConditional),
    allowSome: unionOf((l) => l.allowSome),
    denyAll: unionOf((l) => l.denyAll),
    denyAllConditional: unionOf((l) => l.denyAllConditional),
    grants: parts.flatMap((l) => l.grants),
    restrictions: parts.flatMap((l) => l.restrictions),
    fullDenies: parts.flatMap((l) => l.fullDenies),
  };
}
