import type { PrincipalBlock } from '../model/policy.js';
import type { RequestContext } from './types.js';
import { hasVariables, resolveVariables } from './variables.js';
import { matchesParts, matchesWildcard } from './wildcard.js';

const CASE_SENSITIVE = { caseInsensitive: false };

/**
 * Whether a `Resource` / `NotResource` pattern matches a resource ARN. Case-sensitive; `*` and `?` are
 * wildcards and `*` spans `:` and `/`. Three-valued because a policy variable (`${aws:username}`) may
 * depend on a key that is unknown at scan time.
 *
 * @example resourceMatches('arn:aws:s3:::home/${aws:username}/*', 'arn:aws:s3:::home/alice/x', ctx) // 'true'
 */
export function resourceMatches(
  pattern: string,
  resource: string,
  ctx: RequestContext,
): 'true' | 'false' | 'unknown' {
  const m = resourcePatternMatch(pattern, resource, ctx);
  return m === 'unresolvable' ? 'false' : m;
}

/**
 * Like `resourceMatches`, but tells apart a pattern whose policy variable cannot be resolved: such a pattern
 * makes a `NotResource` element fail as well ("If AWS cannot resolve a variable, this might cause the
 * entire statement to be invalid", IAM User Guide, "Policy variables").
 */
export function resourcePatternMatch(
  pattern: string,
  resource: string,
  ctx: RequestContext,
): 'true' | 'false' | 'unknown' | 'unresolvable' {
  if (!hasVariables(pattern)) return matchesWildcard(pattern, resource, CASE_SENSITIVE) ? 'true' : 'false';
  const resolved = resolveVariables(pattern, ctx);
  if (resolved.kind === 'unknown') return 'unknown';
  if (resolved.kind === 'unresolvable') return 'unresolvable';
  return matchesParts(resolved.parts, resource, CASE_SENSITIVE) ? 'true' : 'false';
}

/** The six colon-separated fields of an ARN (the last may itself contain colons), or null if not an ARN. */
export function splitArn(arn: string): [string, string, string, string, string, string] | null {
  const fields: string[] = [];
  let start = 0;
  for (let n = 0; n < 5; n++) {
    const colon = arn.indexOf(':', start);
    if (colon === -1) return null;
    fields.push(arn.slice(start, colon));
    start = colon + 1;
  }
  fields.push(arn.slice(start));
  if (fields[0] !== 'arn') return null;
  return fields as [string, string, string, string, string, string];
}

/** The account id of an ARN (field 5), or null when the string is not an ARN or has no account. */
export function arnAccount(arn: string): string | null {
  const fields = splitArn(arn);
  return fields && fields[4] !== '' ? fields[4] : null;
}

/**
 * ARN condition matching (ArnEquals / ArnLike): each of the six colon-delimited fields is matched on its
 * own, case-sensitively, with `*` and `?` wildcards (IAM User Guide, "Amazon Resource Name (ARN) condition
 * operators"). Returns null when either side is not an ARN, which fails the condition either way.
 */
export function arnFieldsMatch(pattern: string, value: string): boolean | null {
  const p = splitArn(pattern);
  const v = splitArn(value);
  if (p === null || v === null) return null;
  for (let i = 1; i < 6; i++) {
    if (!matchesWildcard(p[i] as string, v[i] as string, CASE_SENSITIVE)) return false;
  }
  return true;
}

/**
 * How a resource-policy `Principal` names the requester, which decides what else must allow:
 * `exact`: its own ARN; `role`: the role of an assumed-role session; `account`: the account root or id
 * (delegates to the account's identity policies); `anyone`: `*`; `none`: not named.
 */
export type PrincipalMatch = 'none' | 'exact' | 'role' | 'account' | 'anyone';

/**
 * Whether a resource-policy statement's `Principal` block names the requesting principal. Only the `AWS`
 * principal type applies to IAM principals; ARNs compare exactly.
 */
export function matchPrincipal(block: PrincipalBlock, principalArn: string): PrincipalMatch {
  if (block === '*') return 'anyone';
  const values = block.AWS;
  if (values === undefined) return 'none';
  const account = arnAccount(principalArn);
  const roleArn = sessionRoleArn(principalArn);
  let best: PrincipalMatch = 'none';
  for (const v of values) {
    if (v === '*') return 'anyone';
    if (v === principalArn) return 'exact';
    if (roleArn !== null && v === roleArn) best = 'role';
    else if (best === 'none' && account !== null && (v === account || v === `arn:aws:iam::${account}:root`)) {
      best = 'account';
    }
  }
  return best;
}

// arn:aws:sts::111:assumed-role/Role/session -> arn:aws:iam::111:role/Role (a session ARN carries no path).
function sessionRoleArn(principalArn: string): string | null {
  const f = splitArn(principalArn);
  if (f === null || f[2] !== 'sts' || !f[5].startsWith('assumed-role/')) return null;
  const role = f[5].split('/')[1];
  return role ? `arn:${f[1]}:iam::${f[4]}:role/${role}` : null;
}
