import { lookupContextKey } from './context.js';
import type { RequestContext } from './types.js';
import type { PatternPart } from './wildcard.js';

/**
 * A policy string after policy-variable substitution:
 * - `resolved`: `parts` keep substituted values literal (they never act as wildcards); `text` joins them;
 * - `unresolvable`: a variable's key is absent (or multi-valued) and has no default, so the string matches
 *   nothing (AWS: the element "does not match" when a variable cannot be resolved);
 * - `unknown`: a variable's key is unknown at scan time.
 */
export type ResolvedText =
  | { kind: 'resolved'; parts: PatternPart[]; text: string }
  | { kind: 'unresolvable'; keys: string[] }
  | { kind: 'unknown'; keys: string[] };

// ${*}, ${?} and ${$} stand for the literal characters (IAM User Guide, "Policy variables", special characters).
const SPECIAL: Record<string, string> = { '*': '*', '?': '?', $: '$' };

/** Whether a string contains a policy variable and so needs `resolveVariables`. */
export function hasVariables(text: string): boolean {
  return text.includes('${');
}

/**
 * Substitutes policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${key, 'default'}`,
 * `${*}` `${?}` `${$}`) from the request context. Key names are case-insensitive.
 *
 * @example resolveVariables('home/${aws:username}/*', ctx) // { kind: 'resolved', text: 'home/alice/*', ... }
 */
export function resolveVariables(text: string, ctx: RequestContext): ResolvedText {
  const parts: PatternPart[] = [];
  const unknownKeys: string[] = [];
  const missingKeys: string[] = [];
  let start = 0;
  let i = text.indexOf('${');
  while (i !== -1) {
    const end = text.indexOf('}', i + 2);
    if (end === -1) break;
    if (i > start) parts.push({ text: text.slice(start, i), literal: false });
    const value = resolveOne(text.slice(i + 2, end), ctx);
    if (value.kind === 'value') parts.push({ text: value.text, literal: true });
    else if (value.kind === 'unknown') unknownKeys.push(value.key);
    else missingKeys.push(value.key);
    start = end + 1;
    i = text.indexOf('${', start);
  }
  if (start < text.length) parts.push({ text: text.slice(start), literal: false });
  if (missingKeys.length > 0) return { kind: 'unresolvable', keys: missingKeys };
  if (unknownKeys.length > 0) return { kind: 'unknown', keys: unknownKeys };
  let joined = '';
  for (const p of parts) joined += p.text;
  return { kind: 'resolved', parts, text: joined };
}

type OneValue =
  { kind: 'value'; text: string } | { kind: 'unknown'; key: string } | { kind: 'missing'; key: string };

function resolveOne(inner: string, ctx: RequestContext): OneValue {
  const special = SPECIAL[inner];
  if (special !== undefined) return { kind: 'value', text: special };
  // Default values: `${key, 'default'}` (a comma, a space, and the default in single quotes).
  let key = inner.trim();
  let fallback: string | null = null;
  const comma = inner.indexOf(',');
  if (comma !== -1) {
    const rest = inner.slice(comma + 1).trim();
    if (rest.length >= 2 && rest.startsWith("'") && rest.endsWith("'")) {
      key = inner.slice(0, comma).trim();
      fallback = rest.slice(1, -1);
    }
  }
  const found = lookupContextKey(ctx, key);
  if (found.kind === 'unknown') return { kind: 'unknown', key };
  // Variables take single-valued keys only; a multi-valued key does not substitute.
  if (found.kind === 'present' && typeof found.value === 'string')
    return { kind: 'value', text: found.value };
  if (fallback !== null) return { kind: 'value', text: fallback };
  return { kind: 'missing', key };
}
