import type { ContextValue, RequestContext } from './types.js';

/** What the context says about one condition key. */
export type ContextLookup =
  { kind: 'present'; value: ContextValue } | { kind: 'absent' } | { kind: 'unknown' };

const ABSENT: ContextLookup = { kind: 'absent' };
const UNKNOWN: ContextLookup = { kind: 'unknown' };

// Condition key names are case-insensitive (AWS IAM User Guide, "Condition element": "Condition key names
// are not case-sensitive"). The lower-cased index is built once per values object and reused.
const indexes = new WeakMap<Record<string, ContextValue>, Map<string, ContextValue>>();

function indexOf(values: Record<string, ContextValue>): Map<string, ContextValue> {
  let index = indexes.get(values);
  if (index === undefined) {
    index = new Map();
    for (const key of Object.keys(values)) {
      const value = values[key];
      if (value !== undefined) index.set(key.toLowerCase(), value);
    }
    indexes.set(values, index);
  }
  return index;
}

/**
 * Looks a condition key up, case-insensitively. A key that is not in the context is `absent` or `unknown`
 * according to `ctx.missingKeys`. The context must not be mutated after its first lookup.
 */
export function lookupContextKey(ctx: RequestContext, key: string): ContextLookup {
  const value = indexOf(ctx.values).get(key.toLowerCase());
  if (value !== undefined) return { kind: 'present', value };
  return ctx.missingKeys === 'unknown' ? UNKNOWN : ABSENT;
}

/** Builds a context; a convenience for callers and tests. */
export function createContext(
  values: Record<string, ContextValue> = {},
  missingKeys: RequestContext['missingKeys'] = 'absent',
): RequestContext {
  return { values, missingKeys };
}
