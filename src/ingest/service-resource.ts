/**
 * Shared parts of the service-resource readers (CloudFormation, CodeBuild, SageMaker, Glue, ECS, App Runner,
 * Bedrock AgentCore, EC2 launch templates): finding the records of a CLI output, locating record errors,
 * resolving role names and instance profiles and
 * loading the resources into the inventory. Each reader file holds only its own record mapping.
 */
import type { InputError } from '../model/input.js';
import type { Inventory, ServiceResource, ServiceResourceKind } from '../model/inventory.js';
import { isObject, label, oneLine, parseArn } from './fields.js';
import type { TransformedBase } from './reader.js';

/**
 * A resource's role as the file names it when that is not a role ARN, resolved on load against the IAM inputs:
 * a role *name* (Glue jobs, CodeBuild), or an instance profile by ARN or by name (EC2 launch templates).
 */
export type RoleReference = { roleName: string } | { profileArn: string } | { profileName: string };

/** The resources of one service-resource file. */
export interface ServiceTransformed extends TransformedBase {
  kind: ServiceResourceKind;
  resources: ServiceResource[];
  /** Resource ARN → its role reference, resolved against the account's roles and instance profiles on load. */
  roleRefs: Map<string, RoleReference>;
  accounts: string[];
}

/** Where the records of a CLI output sit. */
export interface EntryShape {
  /** A list key: `{Stacks: [...]}`. */
  list?: string;
  /** A single-record wrapper key: `{StackSet: {...}}`, also inside a top-level array of such outputs. */
  wrapper?: string;
  /** A key of a flat single record (`describe-notebook-instance` is the record itself). */
  flat?: string;
}

/** One record of a file and its location (`Stacks[2]`, `[0].taskDefinition`, `` for a flat document). */
export interface Entry {
  value: unknown;
  path: string;
}

/** The records of a document, or the reason the document has none. */
export function entriesOf(raw: unknown, shape: EntryShape): Entry[] | string {
  if (isObject(raw) && shape.list !== undefined && shape.list in raw) {
    const list = raw[shape.list];
    if (!Array.isArray(list)) return `${shape.list} is not a list`;
    return list.map((value, i) => ({ value, path: `${shape.list}[${i}]` }));
  }
  if (isObject(raw) && shape.wrapper !== undefined && shape.wrapper in raw) {
    return [{ value: raw[shape.wrapper], path: shape.wrapper }];
  }
  if (isObject(raw) && shape.flat !== undefined && shape.flat in raw) return [{ value: raw, path: '' }];
  if (Array.isArray(raw)) {
    return raw.map((item, i) =>
      shape.wrapper !== undefined && isObject(item) && shape.wrapper in item
        ? { value: item[shape.wrapper], path: `[${i}].${shape.wrapper}` }
        : { value: item, path: `[${i}]` },
    );
  }
  const expected = [shape.list, shape.wrapper, shape.flat].filter((k) => k !== undefined).join(' or ');
  return `no ${expected} in the document`;
}

/** An error about one record: `<file> <path> (<name>)`, in one printable line. */
export function entryError(file: string, path: string, name: string | null, reason: string): InputError {
  const who = name ? ` (${oneLine(label(name))})` : '';
  const where = path ? `${file} ${path}${who}` : `${file}${who}`;
  return { where, reason: oneLine(reason) };
}

/** What a reader's record mapping returns: a resource, `'skip'` (deleted: not an error), or an error reason. */
export type EntryResult =
  { resource: ServiceResource; roleRef?: RoleReference } | 'skip' | { error: string; name: string | null };

/** The entry of a resource whose ARN parts came from {@link resourceArn}. */
export function foundResource(
  kind: ServiceResourceKind,
  id: { arn: string; account: string; region: string },
  name: string,
  roleArn: string | null,
  roleRef?: RoleReference,
): EntryResult {
  const resource = { kind, arn: id.arn, name, accountId: id.account, region: id.region, roleArn };
  return roleRef === undefined ? { resource } : { resource, roleRef };
}

/**
 * Runs a record mapping over the records of a document and collects resources, role names and errors.
 * Pure and total: a bad record never stops the others.
 */
export function transformEntries(
  raw: unknown,
  file: string,
  kind: ServiceResourceKind,
  shape: EntryShape,
  toResource: (value: unknown) => EntryResult,
): ServiceTransformed {
  const out: ServiceTransformed = {
    kind,
    resources: [],
    roleRefs: new Map(),
    accounts: [],
    records: 0,
    errors: [],
  };
  const entries = entriesOf(raw, shape);
  if (typeof entries === 'string') {
    out.errors.push({ where: file, reason: oneLine(entries) });
    return out;
  }
  const seen = new Set<string>();
  for (const e of entries) {
    const r = toResource(e.value);
    if (r === 'skip') continue;
    if ('error' in r) {
      out.errors.push(entryError(file, e.path, r.name, r.error));
      continue;
    }
    if (seen.has(r.resource.arn)) continue;
    seen.add(r.resource.arn);
    out.resources.push(r.resource);
    if (r.roleRef !== undefined) out.roleRefs.set(r.resource.arn, r.roleRef);
  }
  out.records = out.resources.length;
  out.accounts = [...new Set(out.resources.map((r) => r.accountId))].sort();
  return out;
}

/** The parts of a resource ARN of `service` with a 12-digit account and a region, or null. */
export function resourceArn(
  v: unknown,
  service: string,
  resourcePrefix: string,
): { arn: string; partition: string; region: string; account: string; resource: string } | null {
  if (typeof v !== 'string') return null;
  const p = parseArn(v);
  if (!p || p.service !== service || !/^\d{12}$/.test(p.account) || !/^[a-z0-9-]+$/.test(p.region)) {
    return null;
  }
  return p.resource.startsWith(resourcePrefix) ? { arn: v, ...p } : null;
}

/** An IAM role ARN (any path), or null. */
export function isRoleArn(v: string): boolean {
  const p = parseArn(v);
  return p !== null && p.service === 'iam' && /^\d{12}$/.test(p.account) && /^role\/.+/s.test(p.resource);
}

/** IAM's role name pattern: https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * A role given as an ARN or a name (Glue `Role`). A name becomes `arn:<partition>:iam::<account>:role/<name>`
 * for now and is resolved to the role's real ARN (with its path) on load. Null when it is neither.
 */
export function roleReference(
  v: string,
  accountId: string,
  partition: string,
): { arn: string; name?: string } | null {
  if (v.startsWith('arn:')) return isRoleArn(v) ? { arn: v } : null;
  return ROLE_NAME.test(v) ? { arn: `arn:${partition}:iam::${accountId}:role/${v}`, name: v } : null;
}

/**
 * The role ARN a reference names in the inventory: a role name in the resource's account (unique whatever its
 * path), or the role of an instance profile (by ARN, or by name in the account). Null when none matches.
 */
function resolveRole(inventory: Inventory, accountId: string, ref: RoleReference): string | null {
  if ('roleName' in ref) {
    return inventory.roles.find((x) => x.accountId === accountId && x.name === ref.roleName)?.arn ?? null;
  }
  const profile = inventory.instanceProfiles.find((p) =>
    'profileArn' in ref ? p.arn === ref.profileArn : p.accountId === accountId && p.name === ref.profileName,
  );
  return profile?.roleArns[0] ?? null;
}

/**
 * Adds the resources (once per ARN), resolves their role references ({@link resolveRole}; an unresolved one
 * keeps the role the file gave), and marks the kind's accounts as covered. Run after the IAM inputs are loaded
 * so that references resolve whatever the file order.
 */
export function loadServiceResources(inventory: Inventory, t: ServiceTransformed): void {
  const list = (inventory.serviceResources ??= []);
  const seen = new Set(list.map((r) => r.arn));
  for (const r of t.resources) {
    if (seen.has(r.arn)) continue;
    seen.add(r.arn);
    const ref = t.roleRefs.get(r.arn);
    list.push(
      ref === undefined ? r : { ...r, roleArn: resolveRole(inventory, r.accountId, ref) ?? r.roleArn },
    );
  }
  const coverage = (inventory.coverage.serviceResourceAccounts ??= {});
  const accounts = (coverage[t.kind] ??= new Set());
  for (const a of t.accounts) accounts.add(a);
}
