import type { NamedPolicy, Statement } from '../model/policy.js';
import { arnAccount, matchPrincipal, resourcePatternMatch } from './arn.js';
import type { PrincipalMatch } from './arn.js';
import { evaluateConditions } from './conditions/evaluate-block.js';
import { and3, or3 } from './conditions/tri-state.js';
import type { Tri } from './conditions/tri-state.js';
import type { AuthzRequest, Decision, PolicySet, RequestContext, StatementExplain } from './types.js';
import { resolveVariables } from './variables.js';
import { actionMatches } from './wildcard.js';

type Layer = 'identity' | 'boundary' | 'scp' | 'resource';

/** What one policy layer says about a request. */
interface LayerResult {
  allow: Tri;
  deny: Tri;
  allows: StatementExplain[];
  denies: StatementExplain[];
  /** Resource policies only: allows that need neither identity policy nor boundary (same account). */
  allowUnbounded: Tri;
  /** Resource policies only: allows that stand in for the identity policy but not for the boundary. */
  allowBounded: Tri;
}

/**
 * The pure evaluation core: AWS policy evaluation logic for one request against the policies that apply.
 * An explicit deny anywhere wins; then every SCP level, the permission boundary (if any) and the identity
 * policies must allow, except that a same-account resource policy can grant on its own (see
 * docs/policy-evaluator.md). Three-valued: when the outcome depends on condition keys unknown at scan time,
 * an allow is reported `conditional`, and a deny that might apply does not deny but marks the decision
 * conditional. `explains` lists every statement whose action (and, for resource policies, principal)
 * matched; `decisive` the statements that decided.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function evaluateRequest(req: AuthzRequest, set: PolicySet): Decision {
  const explains: StatementExplain[] = [];
  const scps = set.scps.map((level) => evaluateLayer(level, req, explains, false));
  const boundary = set.boundary ? evaluateLayer([set.boundary], req, explains, false) : null;
  const identity = evaluateLayer(set.identity, req, explains, false);
  const resource = set.resource ? evaluateLayer([set.resource], req, explains, true) : null;

  const layers: [Layer, LayerResult][] = [
    ...scps.map((l): [Layer, LayerResult] => ['scp', l]),
    ...(resource ? [['resource', resource] as [Layer, LayerResult]] : []),
    ...(boundary ? [['boundary', boundary] as [Layer, LayerResult]] : []),
    ['identity', identity],
  ];
  const certainDenies = layers.filter(([, l]) => l.deny === 'true');
  if (certainDenies.length > 0) {
    const decisive = certainDenies.flatMap(([, l]) => l.denies.filter((s) => s.conditionResult === 'true'));
    return {
      decision: 'explicitly-denied',
      conditional: false,
      deniedBy: certainDenies[0]![0],
      decisive,
      explains,
    };
  }
  const mightDeny = layers.some(([, l]) => l.deny === 'unknown');

  const scpAllow = scps.reduce<Tri>((acc, l) => and3(acc, l.allow), 'true');
  const boundaryAllow = boundary ? boundary.allow : 'true';
  const principalAccount = arnAccount(req.principalArn);
  const isCrossAccount =
    req.resourceAccountId != null && principalAccount !== null && req.resourceAccountId !== principalAccount;

  let allow: Tri;
  let deniedBy: Layer;
  if (isCrossAccount) {
    // Cross-account: the principal's side (SCPs, boundary, identity) and the resource policy must both allow.
    const resourceAllow = resource ? resource.allow : 'false';
    allow = and3(and3(scpAllow, boundaryAllow), and3(identity.allow, resourceAllow));
    deniedBy = firstFalse([
      ['scp', scpAllow],
      ['boundary', boundaryAllow],
      ['identity', identity.allow],
      ['resource', resourceAllow],
    ]);
  } else {
    // Same account: a resource policy naming the principal grants without an identity policy; naming a
    // role still leaves the boundary to limit it (IAM User Guide, "Permissions boundaries", resource-based
    // policies). An account-level grant delegates to the identity policies.
    const unbounded = resource ? resource.allowUnbounded : 'false';
    const bounded = resource ? resource.allowBounded : 'false';
    const principalSide = and3(boundaryAllow, or3(identity.allow, bounded));
    allow = and3(scpAllow, or3(unbounded, principalSide));
    deniedBy =
      scpAllow === 'false'
        ? 'scp'
        : boundaryAllow === 'false' && unbounded === 'false'
          ? 'boundary'
          : 'identity';
  }
  if (allow === 'false') {
    return { decision: 'implicitly-denied', conditional: false, deniedBy, decisive: [], explains };
  }
  const decisive = [
    ...scps,
    ...(boundary ? [boundary] : []),
    identity,
    ...(resource ? [resource] : []),
  ].flatMap((l) => l.allows);
  return {
    decision: 'allowed',
    conditional: allow === 'unknown' || mightDeny,
    deniedBy: null,
    decisive,
    explains,
  };
}

function firstFalse(checks: [Layer, Tri][]): Layer {
  for (const [layer, value] of checks) if (value === 'false') return layer;
  return 'identity';
}

function evaluateLayer(
  policies: readonly NamedPolicy[],
  req: AuthzRequest,
  explains: StatementExplain[],
  isResourcePolicy: boolean,
): LayerResult {
  const out: LayerResult = {
    allow: 'false',
    deny: 'false',
    allows: [],
    denies: [],
    allowUnbounded: 'false',
    allowBounded: 'false',
  };
  const isRoleRequester = req.principalArn.includes(':role/');
  for (const policy of policies) {
    const statements = policy.document.statements;
    for (let i = 0; i < statements.length; i++) {
      const st = statements[i] as Statement;
      if (!statementActionMatches(st, req.action)) continue;
      let principal: PrincipalMatch = 'anyone';
      if (isResourcePolicy) {
        principal = statementPrincipal(st, req.principalArn);
        if (principal === 'none') continue;
      }
      const explain = explainStatement(policy, i, st, req);
      explains.push(explain);
      const applies: Tri = explain.resourceMatched ? explain.conditionResult : 'false';
      if (applies === 'false') continue;
      if (st.effect === 'Deny') {
        out.deny = or3(out.deny, applies);
        out.denies.push(explain);
        continue;
      }
      out.allow = or3(out.allow, applies);
      out.allows.push(explain);
      if (principal === 'role' || ((principal === 'exact' || principal === 'anyone') && isRoleRequester)) {
        out.allowBounded = or3(out.allowBounded, applies);
      } else if (principal === 'exact' || principal === 'anyone') {
        out.allowUnbounded = or3(out.allowUnbounded, applies);
      }
    }
  }
  return out;
}

function statementActionMatches(st: Statement, action: string): boolean {
  if (st.action) return st.action.some((p) => actionMatches(p, action));
  if (st.notAction) return !st.notAction.some((p) => actionMatches(p, action));
  return false;
}

// NotPrincipal applies to everyone it does not name.
function statementPrincipal(st: Statement, principalArn: string): PrincipalMatch {
  if (st.principal !== undefined) return matchPrincipal(st.principal, principalArn);
  if (st.notPrincipal !== undefined)
    return matchPrincipal(st.notPrincipal, principalArn) === 'none' ? 'anyone' : 'none';
  return 'none';
}

function explainStatement(
  policy: NamedPolicy,
  index: number,
  st: Statement,
  req: AuthzRequest,
): StatementExplain {
  const unknownKeys: string[] = [];
  const resource = statementResource(st, req, unknownKeys);
  const condition: Tri = resource === 'false' ? 'false' : evaluateWithKeys(st, req.context, unknownKeys);
  return {
    policyId: policy.id,
    statementIndex: index,
    sid: st.sid,
    effect: st.effect,
    actionMatched: true,
    resourceMatched: resource !== 'false',
    // A resource pattern whose variable is unknown folds into the statement's condition result.
    conditionResult: and3(resource, condition),
    unknownKeys,
  };
}

function evaluateWithKeys(st: Statement, ctx: RequestContext, unknownKeys: string[]): Tri {
  const outcome = evaluateConditions(st.condition, ctx);
  if (outcome.result === 'unknown') unknownKeys.push(...outcome.unknownKeys);
  return outcome.result;
}

// Resource: any pattern matches. NotResource: no pattern matches. A statement with neither (SCP or
// resource-policy shorthand) covers every resource.
function statementResource(st: Statement, req: AuthzRequest, unknownKeys: string[]): Tri {
  const patterns = st.resource ?? st.notResource;
  if (patterns === undefined) return 'true';
  const isNot = st.resource === undefined;
  let any: Tri = 'false';
  for (const p of patterns) {
    const m = resourcePatternMatch(p, req.resource, req.context);
    if (m === 'unresolvable') {
      if (isNot) return 'false';
      continue;
    }
    if (m === 'unknown') {
      const r = resolveVariables(p, req.context);
      if (r.kind === 'unknown') unknownKeys.push(...r.keys);
    }
    any = or3(any, m);
    if (any === 'true' && !isNot) break;
  }
  if (!isNot) return any;
  return any === 'true' ? 'false' : any === 'false' ? 'true' : 'unknown';
}
