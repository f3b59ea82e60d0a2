/**
 * A least-privilege policy built from observed usage (issue 5, item 5): the actions used in the window,
 * grouped by service; resources narrowed to the ARNs the events showed where every call showed one; plus
 * the permissions CloudTrail never logs but the events prove were needed (iam:PassRole for a passed role).
 * A "what would break" check runs every used (action, resource) through our evaluator against the new
 * policy: the answer must be an empty list.
 */
import { evaluateRequest } from '../policy/evaluate.js';
import { parsePolicyDocument } from '../policy/parse.js';
import { needsNoPermission } from './event-actions.js';
import type { PrincipalUsage } from './rollup.js';

/** An IAM policy document in AWS's JSON form. */
export interface PolicyJson {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string | string[] }[];
}

/** The suggested policy and its check. */
export interface LeastPrivilegePolicy {
  policy: PolicyJson;
  /** Actions the policy allows (sorted). */
  actions: string[];
  /** `action on resource` pairs used in the window that the policy would deny; must be empty. */
  wouldBreak: string[];
}

/** Options of {@link leastPrivilegePolicy}. */
export interface LeastPrivilegeOptions {
  /** Role ARNs of an instance profile (RunInstances names the profile, PassRole needs its role). */
  rolesOfInstanceProfile?: (profileArn: string) => readonly string[] | null;
}

const PROFILE = /^arn:(aws[a-z-]*):iam::(\d{12}):instance-profile\//;

function passRoleTargets(resources: readonly string[], opts: LeastPrivilegeOptions): string[] | null {
  const out = new Set<string>();
  for (const arn of resources) {
    const m = PROFILE.exec(arn);
    if (m === null) {
      out.add(arn);
      continue;
    }
    const roles = opts.rolesOfInstanceProfile?.(arn) ?? null;
    // The profile is unknown to the inventory: its role cannot be named, so allow the account's roles.
    if (roles === null || roles.length === 0) out.add(`arn:${m[1]}:iam::${m[2]}:role/*`);
    else for (const r of roles) out.add(r);
  }
  return out.size === 0 ? null : [...out].sort();
}

function sidOf(service: string, n: number): string {
  const base = service.replace(/[^A-Za-z0-9]/g, '');
  const name = base.charAt(0).toUpperCase() + base.slice(1);
  return n === 0 ? `${name}Used` : `${name}Used${n + 1}`;
}

/**
 * The policy that allows exactly what `usage` shows was used in the window (errors count as use, denied
 * calls do not), with resources narrowed where the events show them.
 *
 * @example leastPrivilegePolicy(index.principals.get(roleArn)!).policy.Statement[0].Action // ['s3:GetObject']
 */
export function leastPrivilegePolicy(
  usage: PrincipalUsage,
  opts: LeastPrivilegeOptions = {},
): LeastPrivilegePolicy {
  const groups = new Map<string, { service: string; actions: string[]; resources: string[] | null }>();
  const needed: { action: string; resources: readonly string[] | null }[] = [];
  for (const action of [...usage.used.keys()].sort()) {
    if (needsNoPermission(action)) continue;
    let resources = usage.resources.get(action) ?? null;
    if (action.toLowerCase() === 'iam:passrole' && resources !== null)
      resources = passRoleTargets(resources, opts);
    needed.push({ action, resources: usage.resources.get(action) ?? null });
    const service = action.slice(0, action.indexOf(':'));
    const key = `${service}\n${resources === null ? '*' : resources.join('\n')}`;
    const g = groups.get(key) ?? {
      service,
      actions: [],
      resources: resources === null ? null : [...resources],
    };
    g.actions.push(action);
    groups.set(key, g);
  }
  const perService = new Map<string, number>();
  const statements: PolicyJson['Statement'] = [...groups.values()]
    .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0))
    .map((g) => {
      const n = perService.get(g.service) ?? 0;
      perService.set(g.service, n + 1);
      return {
        Sid: sidOf(g.service, n),
        Effect: 'Allow' as const,
        Action: g.actions,
        Resource: g.resources === null ? '*' : g.resources.length === 1 ? g.resources[0]! : g.resources,
      };
    });
  const policy: PolicyJson = { Version: '2012-10-17', Statement: statements };
  return {
    policy,
    actions: needed.map((n) => n.action),
    wouldBreak: wouldBreak(usage, policy, needed, opts),
  };
}

function wouldBreak(
  usage: PrincipalUsage,
  policy: PolicyJson,
  needed: { action: string; resources: readonly string[] | null }[],
  opts: LeastPrivilegeOptions,
): string[] {
  const parsed = parsePolicyDocument(policy);
  if (parsed.kind === 'error') return needed.map((n) => `${n.action} (the policy does not parse)`);
  const set = {
    identity: [
      { id: 'least-privilege', name: 'least-privilege', kind: 'inline' as const, document: parsed.value },
    ],
    boundary: null,
    scps: [],
  };
  const broken: string[] = [];
  for (const n of needed) {
    let resources: readonly string[] = n.resources ?? ['*'];
    if (n.action.toLowerCase() === 'iam:passrole' && n.resources !== null) {
      resources = passRoleTargets(n.resources, opts) ?? ['*'];
    }
    for (const resource of resources) {
      const d = evaluateRequest(
        {
          principalArn: usage.arn,
          action: n.action,
          resource,
          context: { values: {}, missingKeys: 'absent' },
        },
        set,
      );
      if (d.decision !== 'allowed') broken.push(`${n.action} on ${resource}`);
    }
  }
  return broken;
}
