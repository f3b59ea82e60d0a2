import type { CredentialReportRow, Group, Inventory, ManagedPolicy, Role, User } from '../model/inventory.js';
import type { NamedPolicy, PolicyDocument } from '../model/policy.js';
import { splitArn } from '../policy/arn.js';
import { principalContext } from '../policy/authz-context.js';
import { adminVerdictOf, computeEffective } from '../policy/effective.js';
import type { EffectivePermissions } from '../policy/effective.js';
import { evaluateRequest } from '../policy/evaluate.js';
import { findPrincipal, principalPolicies } from '../policy/principal-policies.js';
import type { Authz, ContextValue, Decision, PolicySet, RequestContext } from '../policy/types.js';
import { computeNodes } from './compute-nodes.js';
import { TrustIndex } from './trust-index.js';
import type { ComputeNode } from './types.js';

/** Whether a step is possible, and whether only under conditions unknown at scan time. */
export interface Grant {
  allowed: boolean;
  conditional: boolean;
}

export const DENIED: Grant = { allowed: false, conditional: false };
const CERTAIN: Grant = { allowed: true, conditional: false };

/** Both grants must hold: allowed when both are, conditional when either is. */
export function both(a: Grant, b: Grant): Grant {
  if (!a.allowed || !b.allowed) return DENIED;
  return { allowed: true, conditional: a.conditional || b.conditional };
}

/** AWS's AdministratorAccess: what a technique that writes or attaches a policy can give. */
export const ADMIN_POLICY_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** The policy a self-modification adds: every action on every resource. */
export const ALLOW_ALL: NamedPolicy = {
  id: 'iamrisk:privesc/policy-added-by-the-technique',
  name: 'policy added by the technique',
  kind: 'inline',
  document: {
    version: '2012-10-17',
    statements: [{ sid: null, effect: 'Allow', action: ['*'], resource: ['*'] }],
  },
};

/** An Authz that may also expose its cached effective permissions (EffectiveAuthz does). */
type AuthzLike = Authz & { effective?: (arn: string) => EffectivePermissions | null };

function toGrant(d: Decision): Grant {
  return d.decision === 'allowed' ? { allowed: true, conditional: d.conditional } : DENIED;
}

function partitionOf(arn: string): string {
  return splitArn(arn)?.[1] ?? 'aws';
}

/**
 * The shared, read-only environment techniques query: principals by account, the trust index, compute
 * resources, and authorization questions answered by `policy/` (the only authorization source). Every answer
 * is cached per principal; cheap set-wise checks (`mayDo`) come before any per-resource evaluation.
 */
export class PrivescEnv {
  readonly users: User[];
  readonly roles: Role[];
  readonly trust: TrustIndex;
  private readonly usersByAccount = new Map<string, User[]>();
  private readonly rolesByAccount = new Map<string, Role[]>();
  private readonly groupsByKey = new Map<string, Group>();
  private readonly computeByAccount = new Map<string, ComputeNode[]>();
  private readonly reportRows = new Map<string, CredentialReportRow>();
  private readonly effectiveCache = new Map<string, EffectivePermissions | null>();
  private readonly contextCache = new Map<string, RequestContext | null>();
  private readonly adminWithCache = new Map<string, Grant>();
  private readonly adminCache = new Map<string, Grant>();

  constructor(
    readonly inventory: Inventory,
    readonly authz: AuthzLike,
    readonly asOf: Date,
  ) {
    this.users = inventory.users;
    this.roles = inventory.roles;
    for (const u of inventory.users) push(this.usersByAccount, u.accountId, u);
    for (const r of inventory.roles) push(this.rolesByAccount, r.accountId, r);
    for (const g of inventory.groups) this.groupsByKey.set(`${g.accountId}/${g.name}`, g);
    for (const c of computeNodes(inventory)) push(this.computeByAccount, c.accountId, c);
    for (const row of inventory.credentialReport) this.reportRows.set(row.arn, row);
    this.trust = new TrustIndex(inventory.roles);
  }

  usersIn(accountId: string): User[] {
    return this.usersByAccount.get(accountId) ?? [];
  }

  rolesIn(accountId: string): Role[] {
    return this.rolesByAccount.get(accountId) ?? [];
  }

  computeIn(accountId: string): ComputeNode[] {
    return this.computeByAccount.get(accountId) ?? [];
  }

  /** Every compute node of every account. */
  allCompute(): ComputeNode[] {
    return [...this.computeByAccount.values()].flat();
  }

  /** The groups a user belongs to (those present in the inventory). */
  groupsOf(user: User): Group[] {
    return user.groupNames.flatMap((n) => this.groupsByKey.get(`${user.accountId}/${n}`) ?? []);
  }

  groupsIn(accountId: string): Group[] {
    return this.inventory.groups.filter((g) => g.accountId === accountId);
  }

  /** The credential report row of a user, when a report was read. */
  reportRow(userArn: string): CredentialReportRow | undefined {
    return this.reportRows.get(userArn);
  }

  /** A user or role of the inventory by ARN. */
  principal(arn: string): User | Role | null {
    const p = findPrincipal(this.inventory, arn);
    return p === null || p.kind === 'group' ? null : p;
  }

  /** Customer-managed policies attached to a user (directly or through its groups) or a role. */
  attachedCustomerPolicies(p: User | Role): ManagedPolicy[] {
    const arns = new Set(p.attachedPolicyArns);
    if (p.kind === 'user')
      for (const g of this.groupsOf(p)) for (const a of g.attachedPolicyArns) arns.add(a);
    return [...arns].flatMap((a) => {
      const m = this.inventory.policies.get(a);
      return m !== undefined && !m.isAwsManaged ? [m] : [];
    });
  }

  private context(arn: string): RequestContext | null {
    let c = this.contextCache.get(arn);
    if (c === undefined) {
      const p = findPrincipal(this.inventory, arn);
      c = p === null ? null : principalContext(this.inventory, p, this.asOf);
      this.contextCache.set(arn, c);
    }
    return c;
  }

  private effective(arn: string): EffectivePermissions | null {
    let e = this.effectiveCache.get(arn);
    if (e === undefined) {
      if (this.authz.effective) e = this.authz.effective(arn);
      else {
        const set = principalPolicies(this.inventory, arn);
        const ctx = this.context(arn);
        e = set === null || ctx === null ? null : computeEffective(set, ctx, partitionOf(arn));
      }
      this.effectiveCache.set(arn, e);
    }
    return e;
  }

  /**
   * Set-wise prefilter: every action is allowed on at least some resource (possibly conditionally). False
   * means no resource check can succeed, so callers skip the per-resource evaluation.
   */
  mayDo(arn: string, actions: readonly string[]): boolean {
    const e = this.effective(arn);
    return e !== null && actions.every((a) => e.allowedSomewhere.has(a));
  }

  /** May `arn` perform `action` on `resource` (with scenario keys such as `iam:PassedToService`)? */
  can(arn: string, action: string, resource: string, extra?: Record<string, ContextValue>): Grant {
    if (!this.mayDo(arn, [action])) return DENIED;
    return toGrant(this.authz.isAllowed(arn, action, resource, extra));
  }

  /**
   * May `arn` perform a creating action whose resource name the caller chooses? `probe` is a resource of the
   * right type in the caller's account. When the probe is implicitly denied but the action is allowed on some
   * resource (a name prefix, another region), the answer is conditional rather than a certain no.
   */
  canCreate(arn: string, action: string, probe: string, extra?: Record<string, ContextValue>): Grant {
    if (!this.mayDo(arn, [action])) return DENIED;
    const d = this.authz.isAllowed(arn, action, probe, extra);
    if (d.decision === 'allowed') return { allowed: true, conditional: d.conditional };
    return d.decision === 'implicitly-denied' ? { allowed: true, conditional: true } : DENIED;
  }

  /**
   * May `arn` assume `role` under `trustPolicy` (the role's own by default)? Evaluated as AWS does: the trust
   * policy is the role's resource policy, so a trust naming the caller itself allows without an identity
   * grant in the same account, while a trust naming the account needs one; SCPs, boundaries and explicit
   * denies always apply.
   */
  canAssume(arn: string, role: Role, trustPolicy: PolicyDocument = role.trustPolicy): Grant {
    const set = principalPolicies(this.inventory, arn);
    const context = this.context(arn);
    if (set === null || context === null || arn === role.arn) return DENIED;
    const withTrust: PolicySet = {
      ...set,
      resource: {
        id: `${role.arn}#trust`,
        name: `${role.name} trust policy`,
        kind: 'trust',
        document: trustPolicy,
      },
    };
    return toGrant(
      evaluateRequest(
        {
          principalArn: arn,
          action: 'sts:AssumeRole',
          resource: role.arn,
          resourceAccountId: role.accountId,
          context,
        },
        withTrust,
      ),
    );
  }

  /** Whether a user or role is administrator today (conditional when only under unknown conditions). */
  isAdmin(arn: string): Grant {
    let g = this.adminCache.get(arn);
    if (g === undefined) {
      const v = this.authz.adminVerdict(arn);
      g = v.isAdmin ? { allowed: true, conditional: v.conditional } : DENIED;
      this.adminCache.set(arn, g);
    }
    return g;
  }

  /**
   * Whether `arn` would be administrator with `added` policies among its identity policies (replacing the
   * policy `replacing`, when given). Its boundary, SCPs and explicit denies still apply, so a boundary caps
   * what a self-modification gains.
   */
  adminWith(arn: string, added: NamedPolicy[] = [ALLOW_ALL], replacing?: string): Grant {
    const key = `${arn}\u0000${added.map((p) => p.id).join('\u0000')}\u0000${replacing ?? ''}`;
    let g = this.adminWithCache.get(key);
    if (g === undefined) {
      const set = principalPolicies(this.inventory, arn);
      const ctx = this.context(arn);
      if (set === null || ctx === null) g = DENIED;
      else {
        const identity = set.identity.filter((p) => p.id !== replacing).concat(added);
        const v = adminVerdictOf(computeEffective({ ...set, identity }, ctx, partitionOf(arn)));
        g = v.isAdmin ? { allowed: true, conditional: v.conditional } : DENIED;
      }
      this.adminWithCache.set(key, g);
    }
    return g;
  }

  /** Whether a new role in `arn`'s account, with every permission and no boundary, is administrator (SCPs). */
  newRoleIsAdmin(arn: string): Grant {
    const set = principalPolicies(this.inventory, arn);
    const ctx = this.context(arn);
    if (set === null || ctx === null) return DENIED;
    const v = adminVerdictOf(
      computeEffective({ identity: [ALLOW_ALL], boundary: null, scps: set.scps }, ctx, partitionOf(arn)),
    );
    return v.isAdmin ? { allowed: true, conditional: v.conditional } : DENIED;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

export { CERTAIN };
