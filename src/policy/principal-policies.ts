import type { Group, InlinePolicy, Inventory, ManagedPolicy, Role, User } from '../model/inventory.js';
import type { NamedPolicy } from '../model/policy.js';
import { organizationScps } from './principal-policies-scps.js';
import type { PolicySet } from './types.js';

/** A user, role or group of the inventory. */
export type IamPrincipal = User | Role | Group;

/** A policy a principal references that the inventory does not hold. */
export interface MissingPolicyReference {
  principalArn: string;
  policyArn: string;
  as: 'attached' | 'boundary';
}

/** The policies of one principal, with the references that could not be resolved. */
export interface ResolvedPolicies {
  principal: IamPrincipal;
  policySet: PolicySet;
  missing: MissingPolicyReference[];
}

interface PrincipalIndex {
  byArn: Map<string, IamPrincipal>;
  /** `<account>/<name>` → group; users name their groups, not their ARNs. */
  groupsByName: Map<string, Group>;
  /** `<account>/<name>` → role, for assumed-role session ARNs. */
  rolesByName: Map<string, Role>;
  resolved: Map<string, ResolvedPolicies | null>;
}

const indexes = new WeakMap<Inventory, PrincipalIndex>();

function indexOf(inventory: Inventory): PrincipalIndex {
  let index = indexes.get(inventory);
  if (index === undefined) {
    index = { byArn: new Map(), groupsByName: new Map(), rolesByName: new Map(), resolved: new Map() };
    for (const p of [...inventory.users, ...inventory.groups, ...inventory.roles]) index.byArn.set(p.arn, p);
    for (const g of inventory.groups) index.groupsByName.set(`${g.accountId}/${g.name}`, g);
    for (const r of inventory.roles) index.rolesByName.set(`${r.accountId}/${r.name}`, r);
    indexes.set(inventory, index);
  }
  return index;
}

// arn:aws:sts::<account>:assumed-role/<role>/<session> names the role only by its name (no path).
const SESSION_ARN = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]*$/;

/** The user, role or group with this ARN (an assumed-role session ARN finds its role), or null. */
export function findPrincipal(inventory: Inventory, arn: string): IamPrincipal | null {
  const index = indexOf(inventory);
  const direct = index.byArn.get(arn);
  if (direct !== undefined) return direct;
  const session = SESSION_ARN.exec(arn);
  return session ? (index.rolesByName.get(`${session[1]}/${session[2]}`) ?? null) : null;
}

function inline(ownerArn: string, p: InlinePolicy, viaGroup?: string): NamedPolicy {
  const named: NamedPolicy = {
    id: `${ownerArn}#inline/${p.name}`,
    name: p.name,
    kind: 'inline',
    document: p.document,
  };
  if (viaGroup !== undefined) named.viaGroup = viaGroup;
  return named;
}

function managed(p: ManagedPolicy, kind: NamedPolicy['kind'], viaGroup?: string): NamedPolicy {
  const named: NamedPolicy = { id: p.arn, name: p.name, kind, document: p.document };
  if (viaGroup !== undefined) named.viaGroup = viaGroup;
  return named;
}

function ownPolicies(
  inventory: Inventory,
  owner: IamPrincipal,
  missing: MissingPolicyReference[],
  principalArn: string,
  viaGroup?: string,
): NamedPolicy[] {
  const out = owner.inlinePolicies.map((p) => inline(owner.arn, p, viaGroup));
  for (const arn of owner.attachedPolicyArns) {
    const p = inventory.policies.get(arn);
    if (p === undefined) missing.push({ principalArn, policyArn: arn, as: 'attached' });
    else out.push(managed(p, p.isAwsManaged ? 'aws-managed' : 'managed', viaGroup));
  }
  return out;
}

function resolve(inventory: Inventory, principal: IamPrincipal): ResolvedPolicies {
  const missing: MissingPolicyReference[] = [];
  const identity = ownPolicies(inventory, principal, missing, principal.arn);
  if (principal.kind === 'user') {
    const groups = indexOf(inventory).groupsByName;
    for (const name of new Set(principal.groupNames)) {
      const group = groups.get(`${principal.accountId}/${name}`);
      if (group !== undefined)
        identity.push(...ownPolicies(inventory, group, missing, principal.arn, group.arn));
    }
  }
  let boundary: NamedPolicy | null = null;
  if (principal.kind !== 'group' && principal.permissionsBoundaryArn !== null) {
    const p = inventory.policies.get(principal.permissionsBoundaryArn);
    if (p === undefined)
      missing.push({
        principalArn: principal.arn,
        policyArn: principal.permissionsBoundaryArn,
        as: 'boundary',
      });
    else boundary = managed(p, 'boundary');
  }
  // A group is not a principal: its verdict is about its own policies, which is what admin-group reports.
  // SCPs do not apply to service-linked roles (AWS Organizations User Guide, "SCP effects on permissions").
  const exempt = principal.kind === 'group' || (principal.kind === 'role' && principal.isServiceLinked);
  const scps =
    exempt || inventory.organization === null
      ? []
      : organizationScps(inventory.organization, principal.accountId);
  return { principal, policySet: { identity, boundary, scps }, missing };
}

/**
 * Resolves a principal's policies once per inventory (memoised): a user's inline and attached managed
 * policies plus those of its groups (with `viaGroup`), a role's, or a group's own; the permissions boundary;
 * and the SCP levels of its account. References to managed policies missing from the inventory are skipped
 * and reported in `missing`. Returns null for an ARN that is not a user, role or group of the inventory.
 * The inventory must not change after the first call: its index is built once.
 */
export function resolvePrincipalPolicies(
  inventory: Inventory,
  principalArn: string,
): ResolvedPolicies | null {
  const index = indexOf(inventory);
  const cached = index.resolved.get(principalArn);
  if (cached !== undefined) return cached;
  const principal = findPrincipal(inventory, principalArn);
  const result = principal === null ? null : resolve(inventory, principal);
  index.resolved.set(principalArn, result);
  return result;
}

/** The policies that apply to a principal (see resolvePrincipalPolicies), or null when it is unknown. */
export function principalPolicies(inventory: Inventory, principalArn: string): PolicySet | null {
  return resolvePrincipalPolicies(inventory, principalArn)?.policySet ?? null;
}

/** Every managed-policy reference in the inventory that could not be resolved, for a scan warning. */
export function missingPolicyReferences(inventory: Inventory): MissingPolicyReference[] {
  const out: MissingPolicyReference[] = [];
  for (const p of [...inventory.users, ...inventory.roles, ...inventory.groups]) {
    out.push(...(resolvePrincipalPolicies(inventory, p.arn)?.missing ?? []));
  }
  return out;
}
