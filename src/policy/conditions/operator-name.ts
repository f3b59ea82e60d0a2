import { CONDITION_OPERATORS } from './index.js';
import type { ConditionOperator } from './operator.js';

/** A condition operator name split into its parts: `ForAnyValue:StringLikeIfExists`. */
export interface ParsedOperator {
  /** The base operator, or `null` for the Null check. */
  operator: ConditionOperator | null;
  set: 'ForAllValues' | 'ForAnyValue' | null;
  ifExists: boolean;
}

let byName: Map<string, ConditionOperator> | null = null;

// Operator names are matched case-insensitively, as iam-simulate does; AWS rejects misspelt operators when a
// policy is saved, so stored policies only ever carry the canonical spelling.
function registry(): Map<string, ConditionOperator> {
  if (byName === null) byName = new Map(CONDITION_OPERATORS.map((op) => [op.name.toLowerCase(), op]));
  return byName;
}

const parsedCache = new Map<string, ParsedOperator | null>();

/**
 * Parses an operator name; null when it is not an IAM condition operator (which makes the condition false
 * and is reported by `simulate`).
 *
 * @example parseOperatorName('ForAllValues:StringEqualsIfExists') // { set: 'ForAllValues', ifExists: true, ... }
 */
export function parseOperatorName(name: string): ParsedOperator | null {
  const hit = parsedCache.get(name);
  if (hit !== undefined) return hit;
  const parsed = parse(name);
  if (parsedCache.size < 1000) parsedCache.set(name, parsed);
  return parsed;
}

function parse(name: string): ParsedOperator | null {
  let rest = name.toLowerCase();
  let set: ParsedOperator['set'] = null;
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    const prefix = rest.slice(0, colon);
    if (prefix === 'forallvalues') set = 'ForAllValues';
    else if (prefix === 'foranyvalue') set = 'ForAnyValue';
    else return null;
    rest = rest.slice(colon + 1);
  }
  if (rest === 'null') return set === null ? { operator: null, set: null, ifExists: false } : null;
  let ifExists = false;
  if (rest.endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'ifexists'.length);
  }
  const operator = registry().get(rest);
  return operator === undefined ? null : { operator, set, ifExists };
}
