import { createHash } from 'node:crypto';
import type { Inventory, Role } from '../model/inventory.js';

/** Kinds of stored relationship, always pointing from the resource that declares them. */
export type RelationshipKind =
  | 'member-of'
  | 'attached-policy'
  | 'permissions-boundary'
  | 'trusts'
  | 'has-role'
  | 'uses-instance-profile'
  | 'execution-role';

/** An edge from a resource to another resource (or, for `trusts`, a principal string such as a service). */
export interface Relationship {
  kind: RelationshipKind;
  to: string;
}

/** One resource of the inventory as the store keeps it: its configuration JSON and its outgoing edges. */
export interface ResourceRecord {
  arn: string;
  type: 'user' | 'role' | 'group' | 'policy' | 'instance-profile' | 'ec2-instance' | 'lambda-function';
  name: string;
  accountId: string | null;
  config: unknown;
  relationships: Relationship[];
  /** SHA-256 of the configuration and edges: an unchanged resource reuses its stored version. */
  hash: string;
}

type Unhashed = Omit<ResourceRecord, 'hash'>;

/** Turns an inventory into resource records, one per ARN (the first wins when an export repeats one). */
export function snapshotResources(inventory: Inventory): ResourceRecord[] {
  const groupArn = new Map(inventory.groups.map((g) => [`${g.accountId}\u0000${g.name}`, g.arn]));
  const out: Unhashed[] = [];
  for (const u of inventory.users) {
    out.push({
      arn: u.arn,
      type: 'user',
      name: u.name,
      accountId: u.accountId,
      config: u,
      relationships: [
        ...u.groupNames.map((n) => ({
          kind: 'member-of' as const,
          // A group missing from the export still gets its well-formed ARN (path unknown: assume "/").
          to: groupArn.get(`${u.accountId}\u0000${n}`) ?? `arn:aws:iam::${u.accountId}:group/${n}`,
        })),
        ...attached(u.attachedPolicyArns, u.permissionsBoundaryArn),
      ],
    });
  }
  for (const g of inventory.groups) {
    const relationships = attached(g.attachedPolicyArns, null);
    out.push({ arn: g.arn, type: 'group', name: g.name, accountId: g.accountId, config: g, relationships });
  }
  for (const r of inventory.roles) {
    out.push({
      arn: r.arn,
      type: 'role',
      name: r.name,
      accountId: r.accountId,
      config: r,
      relationships: [...attached(r.attachedPolicyArns, r.permissionsBoundaryArn), ...trusts(r)],
    });
  }
  for (const p of inventory.policies.values()) {
    out.push({
      arn: p.arn,
      type: 'policy',
      name: p.name,
      accountId: p.accountId,
      config: p,
      relationships: [],
    });
  }
  for (const ip of inventory.instanceProfiles) {
    out.push({
      arn: ip.arn,
      type: 'instance-profile',
      name: ip.name,
      accountId: ip.accountId,
      config: ip,
      relationships: ip.roleArns.map((to) => ({ kind: 'has-role' as const, to })),
    });
  }
  for (const i of inventory.instances) {
    out.push({
      arn: i.arn,
      type: 'ec2-instance',
      name: i.name ?? i.instanceId,
      accountId: i.accountId,
      config: i,
      relationships: i.instanceProfileArn
        ? [{ kind: 'uses-instance-profile', to: i.instanceProfileArn }]
        : [],
    });
  }
  for (const f of inventory.functions) {
    out.push({
      arn: f.arn,
      type: 'lambda-function',
      name: f.name,
      accountId: f.accountId,
      config: f,
      relationships: [{ kind: 'execution-role', to: f.roleArn }],
    });
  }
  const seen = new Set<string>();
  return out
    .filter((r) => (seen.has(r.arn) ? false : (seen.add(r.arn), true)))
    .map((r) => ({ ...r, relationships: unique(r.relationships), hash: hashOf(r) }));
}

function attached(policyArns: string[], boundaryArn: string | null): Relationship[] {
  const out: Relationship[] = policyArns.map((to) => ({ kind: 'attached-policy', to }));
  if (boundaryArn) out.push({ kind: 'permissions-boundary', to: boundaryArn });
  return out;
}

/** Principals an Allow statement of the trust policy names (AWS ARNs or account ids, services, providers, `*`). */
function trusts(role: Role): Relationship[] {
  const out: Relationship[] = [];
  for (const s of role.trustPolicy.statements) {
    if (s.effect !== 'Allow' || !s.principal) continue;
    if (s.principal === '*') out.push({ kind: 'trusts', to: '*' });
    else
      for (const values of Object.values(s.principal))
        for (const to of values) out.push({ kind: 'trusts', to });
  }
  return out;
}

function unique(rels: Relationship[]): Relationship[] {
  const seen = new Set<string>();
  return rels.filter((r) => {
    const key = `${r.kind}\u0000${r.to}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function hashOf(r: Unhashed): string {
  return createHash('sha256')
    .update(JSON.stringify([r.type, r.name, r.accountId, r.config, r.relationships]))
    .digest('hex');
}
