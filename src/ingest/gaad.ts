import type { Group, InstanceProfile, Inventory, ManagedPolicy, Role, User } from '../model/inventory.js';
import { ErrorSink, isObject } from './fields.js';
import { transformGroup, transformPolicy, transformRole, transformUser } from './gaad-records.js';
import type { TransformedBase } from './reader.js';

/** The model records of one `get-account-authorization-details` file (one page). */
export interface GaadTransformed extends TransformedBase {
  users: User[];
  groups: Group[];
  roles: Role[];
  policies: ManagedPolicy[];
  instanceProfiles: InstanceProfile[];
  /** Accounts whose IAM data this file holds (from each ARN). */
  accounts: string[];
}

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/**
 * Turns one `aws iam get-account-authorization-details` document (CLI form with decoded policy documents,
 * or the raw API form with URL-encoded ones; a whole export or one page) into model records. Pure.
 */
export function transform(raw: unknown, file: string): GaadTransformed {
  const sink = new ErrorSink(file);
  const out: GaadTransformed = {
    users: [],
    groups: [],
    roles: [],
    policies: [],
    instanceProfiles: [],
    accounts: [],
    records: 0,
    errors: sink.errors,
  };
  if (!isObject(raw)) {
    sink.fileError('not an authorization details export (expected a JSON object)');
    return out;
  }
  const lists: Partial<Record<(typeof LISTS)[number], unknown[]>> = {};
  for (const key of LISTS) {
    const v = raw[key];
    if (v === undefined) continue;
    if (!Array.isArray(v)) sink.fileError(`${key} is not a list`);
    else lists[key] = v;
  }
  (lists.UserDetailList ?? []).forEach((r, index) => {
    const u = transformUser(r, { list: 'UserDetailList', index, sink });
    if (u) out.users.push(u);
  });
  (lists.GroupDetailList ?? []).forEach((r, index) => {
    const g = transformGroup(r, { list: 'GroupDetailList', index, sink });
    if (g) out.groups.push(g);
  });
  (lists.RoleDetailList ?? []).forEach((r, index) => {
    const t = transformRole(r, { list: 'RoleDetailList', index, sink });
    if (t) {
      out.roles.push(t.role);
      out.instanceProfiles.push(...t.profiles);
    }
  });
  (lists.Policies ?? []).forEach((r, index) => {
    const p = transformPolicy(r, { list: 'Policies', index, sink });
    if (p) out.policies.push(p);
  });
  out.records = out.users.length + out.groups.length + out.roles.length + out.policies.length;
  const accounts = new Set<string>();
  for (const p of [...out.users, ...out.groups, ...out.roles]) accounts.add(p.accountId);
  for (const p of out.policies) if (p.accountId) accounts.add(p.accountId);
  out.accounts = [...accounts].sort();
  return out;
}

/**
 * Merges one transformed file into the inventory. Pages and repeated exports merge: a principal or instance
 * profile seen again (same ARN) gains the lists it did not have; a managed policy is kept once, first seen wins.
 */
export function load(inventory: Inventory, t: GaadTransformed): void {
  mergeByArn(inventory.users, t.users, (a, b) => {
    mergePrincipal(a, b);
    a.groupNames = union(a.groupNames, b.groupNames);
    a.permissionsBoundaryArn ??= b.permissionsBoundaryArn;
  });
  mergeByArn(inventory.groups, t.groups, mergePrincipal);
  mergeByArn(inventory.roles, t.roles, (a, b) => {
    mergePrincipal(a, b);
    a.instanceProfileArns = union(a.instanceProfileArns, b.instanceProfileArns);
    a.permissionsBoundaryArn ??= b.permissionsBoundaryArn;
    a.lastUsed ??= b.lastUsed;
  });
  mergeByArn(inventory.instanceProfiles, t.instanceProfiles, (a, b) => {
    a.roleArns = union(a.roleArns, b.roleArns);
  });
  for (const p of t.policies) if (!inventory.policies.has(p.arn)) inventory.policies.set(p.arn, p);
  for (const a of t.accounts) inventory.coverage.iamAccounts.add(a);
}

function mergePrincipal(a: User | Group | Role, b: User | Group | Role): void {
  const names = new Set(a.inlinePolicies.map((p) => p.name));
  a.inlinePolicies = [...a.inlinePolicies, ...b.inlinePolicies.filter((p) => !names.has(p.name))];
  a.attachedPolicyArns = union(a.attachedPolicyArns, b.attachedPolicyArns);
  for (const [k, v] of Object.entries(b.tags)) if (!(k in a.tags)) a.tags[k] = v;
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Appends records whose ARN is new, merges the others into the first one seen. */
function mergeByArn<T extends { arn: string }>(into: T[], items: T[], merge: (a: T, b: T) => void): void {
  const index = new Map(into.map((x) => [x.arn, x]));
  for (const item of items) {
    const seen = index.get(item.arn);
    if (seen) merge(seen, item);
    else {
      into.push(item);
      index.set(item.arn, item);
    }
  }
}
