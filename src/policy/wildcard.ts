/**
 * IAM wildcard matching: `*` matches any run of characters (including `:` and `/`), `?` exactly one.
 * Compiled patterns are cached in a bounded map so that the hot path (millions of evaluations per scan)
 * never recompiles a regular expression.
 */

/** One piece of a pattern after variable substitution: `literal` text never acts as a wildcard. */
export interface PatternPart {
  text: string;
  literal: boolean;
}

const CACHE_LIMIT = 10_000;
const cache = new Map<string, RegExp>();

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function globToRegex(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*' || c === '?') {
      out += escapeRegex(text.slice(start, i)) + (c === '*' ? '[\\s\\S]*' : '[\\s\\S]');
      start = i + 1;
    }
  }
  return out + escapeRegex(text.slice(start));
}

function cached(key: string, build: () => RegExp): RegExp {
  let re = cache.get(key);
  if (re === undefined) {
    re = build();
    // Bounded: drop the oldest entry rather than grow without limit on attacker-controlled policy text.
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(key, re);
  }
  return re;
}

function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/**
 * Whether `value` matches the IAM wildcard `pattern`.
 *
 * @example matchesWildcard('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b', { caseInsensitive: false }) // true
 */
export function matchesWildcard(pattern: string, value: string, opts: { caseInsensitive: boolean }): boolean {
  if (pattern === '*') return true;
  if (!hasWildcard(pattern)) {
    return opts.caseInsensitive ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  const flags = opts.caseInsensitive ? 'i' : '';
  const re = cached(flags + '\u0000' + pattern, () => new RegExp('^' + globToRegex(pattern) + '$', flags));
  return re.test(value);
}

/**
 * Whether `value` matches a pattern made of parts, where literal parts (values substituted from policy
 * variables, `${*}`) are matched character for character and the other parts as wildcards.
 */
export function matchesParts(
  parts: readonly PatternPart[],
  value: string,
  opts: { caseInsensitive: boolean },
): boolean {
  if (parts.length === 1 && parts[0] !== undefined && !parts[0].literal) {
    return matchesWildcard(parts[0].text, value, opts);
  }
  const flags = opts.caseInsensitive ? 'i' : '';
  let key = flags;
  for (const p of parts) key += (p.literal ? '\u0001' : '\u0002') + p.text;
  const re = cached(key, () => {
    let source = '';
    for (const p of parts) source += p.literal ? escapeRegex(p.text) : globToRegex(p.text);
    return new RegExp('^' + source + '$', flags);
  });
  return re.test(value);
}

/**
 * Whether an IAM action pattern (`s3:Get*`, `*`, `iam:PassRole`) matches an action; case-insensitive as AWS
 * treats action names.
 */
export function actionMatches(pattern: string, action: string): boolean {
  return matchesWildcard(pattern, action, { caseInsensitive: true });
}
