/**
 * Resource patterns of mutes: `*` matches any run of characters, everything else is literal, and matching
 * ignores case (IAM names are unique regardless of case). The same semantics run in SQL (LIKE with `!` as
 * the escape character, over a lowercased ARN) and in JavaScript.
 */

/** Turns a pattern into the LIKE pattern stored with the mute. */
export function patternToLike(pattern: string): string {
  return pattern
    .toLowerCase()
    .replace(/[!%_]/g, (c) => `!${c}`)
    .replace(/\*/g, '%');
}

/** A test for ARNs matching `pattern`, compiled once (for checking many ARNs against one mute). */
export function patternMatcher(pattern: string): (arn: string) => boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${source}$`, 'is');
  return (arn) => re.test(arn);
}

/** Whether `arn` matches `pattern`. */
export function matchesPattern(pattern: string, arn: string): boolean {
  return patternMatcher(pattern)(arn);
}
