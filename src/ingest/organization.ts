import type { Inventory, Organization, OrgPolicy } from '../model/inventory.js';
import type { JsonObject } from './fields.js';
import { ErrorSink, isObject, optString } from './fields.js';
import { readPolicyDocument } from './policy-document.js';
import type { TransformedBase } from './reader.js';

/** The organization of one organization file. */
export interface OrganizationTransformed extends TransformedBase {
  organization: Organization | null;
  file: string;
}

/** Policy types that bear on authorization; tag, backup and AI opt-out policies do not and are skipped. */
const AUTHZ_TYPES = new Set(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);

/**
 * Turns one organization document (`Organization`, `Roots`, `OrganizationalUnits`, `Accounts`, `Policies`
 * as PRODUCT.md §2 describes) into the model. Pure.
 */
export function transform(raw: unknown, file: string): OrganizationTransformed {
  const sink = new ErrorSink(file);
  const out: OrganizationTransformed = { organization: null, file, records: 0, errors: sink.errors };
  if (!isObject(raw)) {
    sink.fileError('not an organization document (expected a JSON object)');
    return out;
  }
  const org = isObject(raw.Organization) ? raw.Organization : null;
  const id = org ? optString(org.Id) : null;
  if (!org || !id) {
    sink.fileError('organization document has no Organization.Id');
    return out;
  }
  const lists = {} as Record<'Roots' | 'OrganizationalUnits' | 'Accounts' | 'Policies', unknown[]>;
  for (const key of ['Roots', 'OrganizationalUnits', 'Accounts', 'Policies'] as const) {
    const v = raw[key];
    if (v !== undefined && !Array.isArray(v)) sink.fileError(`${key} is not a list`);
    lists[key] = Array.isArray(v) ? v : [];
  }
  const organization: Organization = {
    id,
    arn: optString(org.Arn),
    managementAccountId: optString(org.MasterAccountId) ?? optString(org.ManagementAccountId),
    roots: [],
    organizationalUnits: [],
    accounts: [],
    policies: [],
  };
  each(lists.Roots, 'Roots', sink, (r) => {
    organization.roots.push({ id: r.id, arn: optString(r.raw.Arn), name: optString(r.raw.Name) });
  });
  each(lists.OrganizationalUnits, 'OrganizationalUnits', sink, (r) => {
    const parentId = optString(r.raw.ParentId);
    if (!parentId) return `organizational unit ${r.id} has no ParentId`;
    organization.organizationalUnits.push({
      id: r.id,
      arn: optString(r.raw.Arn),
      name: optString(r.raw.Name),
      parentId,
    });
  });
  each(lists.Accounts, 'Accounts', sink, (r) => {
    if (!/^\d{12}$/.test(r.id)) return `account ${r.id} has an Id that is not 12 digits`;
    organization.accounts.push({
      id: r.id,
      arn: optString(r.raw.Arn),
      name: optString(r.raw.Name),
      email: optString(r.raw.Email),
      status: optString(r.raw.Status) ?? optString(r.raw.State),
      parentId: optString(r.raw.ParentId),
    });
  });
  lists.Policies.forEach((p, index) => {
    const summary = isObject(p) && isObject(p.PolicySummary) ? p.PolicySummary : null;
    const name = summary ? optString(summary.Name) : null;
    const fail = (reason: string): void => sink.recordError('Policies', index, name, reason);
    if (!isObject(p) || !summary) return fail('policy has no PolicySummary');
    const policy = transformPolicy(p, summary);
    if (typeof policy === 'string') fail(policy);
    else if (policy) organization.policies.push(policy);
  });
  out.organization = organization;
  out.records =
    organization.roots.length +
    organization.organizationalUnits.length +
    organization.accounts.length +
    organization.policies.length;
  return out;
}

/** Runs `fn` on each entry with an `Id`; a string returned by `fn` is the record's error. */
function each(
  list: unknown[],
  name: string,
  sink: ErrorSink,
  fn: (r: { id: string; raw: JsonObject }) => string | void,
): void {
  list.forEach((raw, index) => {
    const id = isObject(raw) ? optString(raw.Id) : null;
    if (!isObject(raw) || !id) return sink.recordError(name, index, null, 'entry has no Id');
    const reason = fn({ id, raw });
    if (reason) sink.recordError(name, index, optString(raw.Name) ?? id, reason);
  });
}

/** One SCP or RCP; `null` for other policy types, a string for an error. */
function transformPolicy(p: JsonObject, s: JsonObject): OrgPolicy | string | null {
  const id = optString(s.Id);
  const name = optString(s.Name) ?? id;
  const type = optString(s.Type);
  const arn = optString(s.Arn);
  if (!id) return 'policy has no PolicySummary.Id';
  if (!arn) return `policy ${name} has no PolicySummary.Arn`;
  if (!type) return `policy ${name} has no PolicySummary.Type`;
  if (!AUTHZ_TYPES.has(type)) return null;
  const doc = readPolicyDocument(p.Content, `${type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP'} ${name}`);
  if (!doc.ok) return doc.reason;
  const targets = Array.isArray(p.Targets) ? p.Targets : [];
  const targetIds = targets
    .map((t) => (isObject(t) ? optString(t.TargetId) : null))
    .filter((t): t is string => !!t);
  return {
    id,
    arn,
    name: name ?? id,
    type: type as OrgPolicy['type'],
    awsManaged: s.AwsManaged === true,
    document: doc.document,
    targetIds: [...new Set(targetIds)],
  };
}

/**
 * Sets the inventory's organization. A second file about the same organization adds the entries it lacks
 * (by id); a file about another organization is refused with an error (one scan reads one organization).
 */
export function load(inventory: Inventory, t: OrganizationTransformed): void {
  const next = t.organization;
  if (!next) return;
  inventory.coverage.organization = true;
  const cur = inventory.organization;
  if (!cur) {
    inventory.organization = next;
    return;
  }
  if (cur.id !== next.id) {
    t.errors.push({
      where: t.file,
      reason: `organization ${next.id} ignored: this scan already read organization ${cur.id}`,
    });
    return;
  }
  cur.arn ??= next.arn;
  cur.managementAccountId ??= next.managementAccountId;
  addNew(cur.roots, next.roots);
  addNew(cur.organizationalUnits, next.organizationalUnits);
  addNew(cur.accounts, next.accounts);
  addNew(cur.policies, next.policies);
}

function addNew<T extends { id: string }>(into: T[], items: T[]): void {
  const ids = new Set(into.map((x) => x.id));
  for (const x of items) if (!ids.has(x.id)) into.push(x);
}
