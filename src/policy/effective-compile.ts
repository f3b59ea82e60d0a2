import type { Statement } from '../model/policy.js';
import type { ActionSet } from './action-set.js';
import { expandActionPatterns } from './catalog.js';

/**
 * Which resources a statement applies to, decided once from its Resource / NotResource patterns:
 * - `all`: every resource (`*`);
 * - `partition`: every ARN of one partition (`arn:aws:*`, `arn:aws:*:*:*:*`), or of all (`arn:*`: `*`);
 * - `some`: specific resources, or every resource except some (a specific NotResource);
 * - `none`: no resource (`NotResource: "*"`).
 * A statement with neither element (SCP shorthand) covers every resource, as the evaluator treats it.
 */
export type ResourceScope =
  { kind: 'all' } | { kind: 'partition'; partition: string } | { kind: 'some' } | { kind: 'none' };

/** A statement reduced to what set-wise evaluation needs; the condition is evaluated per principal. */
export interface CompiledStatement {
  effect: 'Allow' | 'Deny';
  actions: ActionSet;
  scope: ResourceScope;
}

const ALL: ResourceScope = { kind: 'all' };
const SOME: ResourceScope = { kind: 'some' };
const NONE: ResourceScope = { kind: 'none' };
const ONLY_STARS = /^\*+$/;
// After `arn:<partition>:`, up to four fields made only of `*` match every well-formed ARN
// (`service:region:account:resource`, the resource part may hold more colons, which `*` spans).
const WILDCARD_TAIL = /^\*+(?::\*+){0,3}$/;

function patternScope(pattern: string): ResourceScope {
  if (ONLY_STARS.test(pattern)) return ALL;
  if (!pattern.startsWith('arn:')) return SOME;
  const rest = pattern.slice(4);
  if (ONLY_STARS.test(rest)) return { kind: 'partition', partition: '*' };
  const colon = rest.indexOf(':');
  if (colon <= 0) return SOME;
  const partition = rest.slice(0, colon);
  const tail = rest.slice(colon + 1);
  if (!WILDCARD_TAIL.test(tail)) return SOME;
  if (ONLY_STARS.test(partition)) return { kind: 'partition', partition: '*' };
  return /[*?$]/.test(partition) ? SOME : { kind: 'partition', partition };
}

function broadest(a: ResourceScope, b: ResourceScope): ResourceScope {
  const rank = (s: ResourceScope): number =>
    s.kind === 'all' ? 3 : s.kind === 'partition' ? 2 : s.kind === 'some' ? 1 : 0;
  if (a.kind === 'partition' && b.kind === 'partition' && a.partition !== b.partition) {
    return { kind: 'partition', partition: '*' };
  }
  return rank(b) > rank(a) ? b : a;
}

function resourceScope(s: Statement): ResourceScope {
  if (s.resource !== undefined) {
    let scope: ResourceScope = NONE;
    for (const p of s.resource) scope = broadest(scope, patternScope(p));
    return scope;
  }
  if (s.notResource !== undefined) {
    // NotResource "*" excludes everything; any narrower NotResource leaves "all but some".
    return s.notResource.some((p) => ONLY_STARS.test(p)) ? NONE : s.notResource.length === 0 ? ALL : SOME;
  }
  return ALL;
}

/**
 * Whether a statement's scope covers every resource a principal of `partition` can name.
 * For an Allow, partition-wide ARN wildcards count as covering: `Action: "*", Resource: "arn:aws:*"` is an
 * administrator for a security tool, even though AWS matches the literal resource `*` of actions without
 * resource-level permissions only with `Resource: "*"`. For a Deny only `*` counts, so that a deny never
 * removes more than AWS would: `Deny … Resource: "arn:aws:*"` leaves `s3:ListAllMyBuckets` allowed and is a
 * restriction instead.
 */
export function coversAllResources(
  scope: ResourceScope,
  partition: string,
  effect: 'Allow' | 'Deny',
): boolean {
  if (scope.kind === 'all') return true;
  return (
    effect === 'Allow' &&
    scope.kind === 'partition' &&
    (scope.partition === '*' || scope.partition === partition)
  );
}

const compiled = new WeakMap<Statement, CompiledStatement>();

/** Compiles a statement once (cached by object identity): its action set (NotAction complemented) and scope. */
export function compileStatement(s: Statement): CompiledStatement {
  let c = compiled.get(s);
  if (c === undefined) {
    const actions =
      s.action !== undefined
        ? expandActionPatterns(s.action)
        : s.notAction !== undefined
          ? expandActionPatterns(s.notAction).complement()
          : expandActionPatterns([]);
    c = { effect: s.effect, actions, scope: resourceScope(s) };
    compiled.set(s, c);
  }
  return c;
}
