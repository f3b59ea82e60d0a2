import type { ConditionBlock } from '../../model/policy.js';
import { lookupContextKey } from '../context.js';
import type { ContextValue, RequestContext } from '../types.js';
import { hasVariables, resolveVariables } from '../variables.js';
import type { ConditionOperator, PolicyValue } from './operator.js';
import { parseOperatorName } from './operator-name.js';
import type { ParsedOperator } from './operator-name.js';
import type { Tri } from './tri-state.js';

/** The outcome of a Condition block: `unknownKeys` lists the keys that made it `unknown`. */
export interface ConditionOutcome {
  result: Tri;
  unknownKeys: string[];
}

const TRUE: ConditionOutcome = { result: 'true', unknownKeys: [] };
const FALSE: ConditionOutcome = { result: 'false', unknownKeys: [] };

/**
 * Three-valued evaluation of a whole Condition block: every operator and every key must hold (AND); within
 * one key, any policy value may match (OR), or for negated operators none may. Implements the set
 * qualifiers `ForAllValues:` / `ForAnyValue:`, the `...IfExists` suffix and the `Null` check. An unknown
 * operator makes the block false, never a silent allow. A key missing from the context is either absent
 * (AWS semantics) or unknown (`ctx.missingKeys`), which yields `unknown` with the key listed.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export function evaluateConditions(block: ConditionBlock | undefined, ctx: RequestContext): ConditionOutcome {
  if (block === undefined) return TRUE;
  let unknownKeys: string[] | null = null;
  for (const opName in block) {
    const keys = block[opName];
    if (keys === undefined) continue;
    const parsed = parseOperatorName(opName);
    if (parsed === null) return FALSE;
    for (const key in keys) {
      const values = keys[key] ?? [];
      const pending: string[] = [];
      const r = evaluateKey(parsed, key, values, ctx, pending);
      if (r === 'false') return FALSE;
      if (r === 'unknown') (unknownKeys ??= []).push(...pending);
    }
  }
  return unknownKeys === null ? TRUE : { result: 'unknown', unknownKeys: [...new Set(unknownKeys)] };
}

function evaluateKey(
  p: ParsedOperator,
  key: string,
  values: string[],
  ctx: RequestContext,
  unknown: string[],
): Tri {
  const found = lookupContextKey(ctx, key);
  if (found.kind === 'unknown') {
    unknown.push(key);
    return 'unknown';
  }
  if (p.operator === null) {
    // Null: "true" holds when the key is absent, "false" when it is present.
    const want = found.kind === 'absent' ? 'true' : 'false';
    return values.some((v) => v.toLowerCase() === want) ? 'true' : 'false';
  }
  if (found.kind === 'absent') return absentResult(p);
  const policyValues = resolvePolicyValues(p.operator, values, ctx, unknown);
  if (policyValues === null) return 'unknown';
  return presentResult(p, p.operator, found.value, policyValues) ? 'true' : 'false';
}

// Absent key: ForAllValues holds vacuously, ForAnyValue fails; otherwise IfExists and negated operators hold
// and the rest fail ("If the key ... is not present ... the condition is false. If the policy condition
// requires that the key is not matched, such as StringNotLike ..., the condition is true").
function absentResult(p: ParsedOperator): Tri {
  if (p.set === 'ForAllValues') return 'true';
  if (p.set === 'ForAnyValue') return p.ifExists ? 'true' : 'false';
  return p.ifExists || (p.operator?.negated ?? false) ? 'true' : 'false';
}

function presentResult(
  p: ParsedOperator,
  op: ConditionOperator,
  value: ContextValue,
  pvs: PolicyValue[],
): boolean {
  if (p.set === null) {
    // A single-valued operator against a multi-valued key never matches: a set qualifier is required.
    if (typeof value !== 'string') return false;
    return valuePasses(op, value, pvs);
  }
  const list = typeof value === 'string' ? [value] : value;
  if (p.set === 'ForAllValues') return list.every((r) => valuePasses(op, r, pvs));
  return list.some((r) => valuePasses(op, r, pvs));
}

// A positive operator passes when some policy value relates; a negated one when every policy value is
// comparable and none relates. Incomparable values (null) and unresolvable variables fail both.
function valuePasses(op: ConditionOperator, r: string, pvs: PolicyValue[]): boolean {
  if (op.negated) {
    if (pvs.length === 0) return false;
    for (const pv of pvs) if (pv === UNRESOLVABLE || op.test(r, pv) !== false) return false;
    return true;
  }
  for (const pv of pvs) if (pv !== UNRESOLVABLE && op.test(r, pv) === true) return true;
  return false;
}

const UNRESOLVABLE: PolicyValue = { text: '', parts: null };
const constantValues = new WeakMap<string[], PolicyValue[]>();

// Policy values with variables are resolved per request; constant lists are built once per values array.
// Returns null (with the keys pushed) when a variable depends on an unknown key.
function resolvePolicyValues(
  op: ConditionOperator,
  values: string[],
  ctx: RequestContext,
  unknown: string[],
): PolicyValue[] | null {
  const cached = constantValues.get(values);
  if (cached !== undefined) return cached;
  const isConstant = !values.some(hasVariables);
  if (isConstant || !op.variables) {
    const list = values.map((text) => ({ text, parts: null }));
    // Only variable-free lists are cached: they read the same under every operator.
    if (isConstant) constantValues.set(values, list);
    return list;
  }
  const out: PolicyValue[] = [];
  let isUnknown = false;
  for (const v of values) {
    if (!hasVariables(v)) {
      out.push({ text: v, parts: null });
      continue;
    }
    const resolved = resolveVariables(v, ctx);
    if (resolved.kind === 'resolved') out.push({ text: resolved.text, parts: resolved.parts });
    else if (resolved.kind === 'unresolvable') out.push(UNRESOLVABLE);
    else {
      unknown.push(...resolved.keys);
      isUnknown = true;
    }
  }
  return isUnknown ? null : out;
}
