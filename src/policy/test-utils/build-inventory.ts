import type {
  Group,
  Inventory,
  ManagedPolicy,
  OrgPolicy,
  Organization,
  Role,
  User,
} from '../../model/inventory.js';
import { emptyInventory } from '../../model/inventory.js';
import type { PolicyDocument } from '../../model/policy.js';
import { parsePolicyDocument } from '../parse.js';

/** Test-only: compact descriptions of principals and policies, turned into model objects. */
export const ACCOUNT = '100000000001';

/** Parses a policy document written as AWS JSON; fails the test loudly when it is malformed. */
export function doc(raw: unknown): PolicyDocument {
  const r = parsePolicyDocument(raw);
  if (r.kind === 'error') throw new Error(`bad test policy: ${JSON.stringify(r.errors)}`);
  return r.value;
}

/** A normalised document as is, or raw AWS policy JSON parsed (so that specs can come from JSON files). */
export function asDocument(d: PolicyDocument | unknown): PolicyDocument {
  const maybe = d as Partial<PolicyDocument> | null;
  return maybe !== null && typeof maybe === 'object' && Array.isArray(maybe.statements)
    ? (maybe as PolicyDocument)
    : doc(d);
}

/** A statement list as a document. */
export function statements(...s: Record<string, unknown>[]): PolicyDocument {
  return doc({ Version: '2012-10-17', Statement: s });
}

/** A policy document: normalised, or raw AWS JSON. */
type AnyDocument = PolicyDocument | Record<string, unknown>;

interface PrincipalSpec {
  name: string;
  account?: string;
  inline?: Record<string, AnyDocument>;
  attached?: string[];
  tags?: Record<string, string>;
}

/** What a test inventory holds. */
export interface InventorySpec {
  /** Managed policies by ARN; `arn:aws:iam::aws:policy/…` ones are AWS managed. */
  policies?: Record<string, AnyDocument>;
  users?: (PrincipalSpec & { groups?: string[]; boundary?: string; id?: string })[];
  groups?: PrincipalSpec[];
  roles?: (PrincipalSpec & { boundary?: string; serviceLinked?: boolean })[];
  /** Its SCP documents may be raw AWS JSON too. */
  organization?:
    | Organization
    | (Omit<Organization, 'policies'> & {
        policies: (Omit<OrgPolicy, 'document'> & { document: AnyDocument })[];
      });
}

function managedPolicy(arn: string, document: AnyDocument): ManagedPolicy {
  const isAwsManaged = arn.startsWith('arn:aws:iam::aws:policy/');
  return {
    arn,
    name: arn.slice(arn.lastIndexOf('/') + 1),
    id: null,
    path: '/',
    accountId: isAwsManaged ? null : (arn.split(':')[4] ?? null),
    isAwsManaged,
    defaultVersionId: 'v1',
    document: asDocument(document),
    attachmentCount: null,
    permissionsBoundaryUsageCount: null,
    isAttachable: true,
    createDate: null,
    updateDate: null,
  };
}

function base(kind: 'user' | 'group' | 'role', p: PrincipalSpec) {
  const accountId = p.account ?? ACCOUNT;
  const path = kind === 'role' && 'serviceLinked' in p && p.serviceLinked ? '/aws-service-role/' : '/';
  return {
    arn: `arn:aws:iam::${accountId}:${kind}${path}${p.name}`,
    name: p.name,
    id: null,
    path,
    accountId,
    createDate: null,
    inlinePolicies: Object.entries(p.inline ?? {}).map(([name, document]) => ({
      name,
      document: asDocument(document),
    })),
    attachedPolicyArns: p.attached ?? [],
    tags: p.tags ?? {},
  };
}

/** Builds an inventory from a compact spec (used until/besides GAAD-based fixtures). */
export function buildInventory(spec: InventorySpec): Inventory {
  const inv = emptyInventory();
  for (const [arn, d] of Object.entries(spec.policies ?? {})) inv.policies.set(arn, managedPolicy(arn, d));
  inv.users = (spec.users ?? []).map((u): User => ({
    ...base('user', u),
    id: u.id ?? null,
    kind: 'user',
    groupNames: u.groups ?? [],
    permissionsBoundaryArn: u.boundary ?? null,
  }));
  inv.groups = (spec.groups ?? []).map((g): Group => ({ ...base('group', g), kind: 'group' }));
  inv.roles = (spec.roles ?? []).map((r): Role => ({
    ...base('role', r),
    kind: 'role',
    trustPolicy: statements({
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
    }),
    permissionsBoundaryArn: r.boundary ?? null,
    description: null,
    maxSessionDuration: null,
    lastUsed: null,
    instanceProfileArns: [],
    isServiceLinked: r.serviceLinked ?? false,
  }));
  const org = spec.organization;
  inv.organization = org
    ? { ...org, policies: org.policies.map((p) => ({ ...p, document: asDocument(p.document) })) }
    : null;
  return inv;
}

/** An SCP attached to the given targets. */
export function scp(name: string, document: PolicyDocument, targetIds: string[]): OrgPolicy {
  return {
    id: `p-${name}`,
    arn: `arn:aws:organizations::100000000000:policy/o-11111111/service_control_policy/p-${name}`,
    name,
    type: 'SERVICE_CONTROL_POLICY',
    awsManaged: false,
    document,
    targetIds,
  };
}

/** Organization o-11111111: management account 100000000000, root r-root, OU ou-a under it, ACCOUNT in ou-a. */
export function organization(policies: OrgPolicy[]): Organization {
  return {
    id: 'o-11111111',
    arn: null,
    managementAccountId: '100000000000',
    roots: [{ id: 'r-root', arn: null, name: 'Root' }],
    organizationalUnits: [{ id: 'ou-a', arn: null, name: 'A', parentId: 'r-root' }],
    accounts: [
      { id: '100000000000', arn: null, name: 'mgmt', email: null, status: 'ACTIVE', parentId: 'r-root' },
      { id: ACCOUNT, arn: null, name: 'workload', email: null, status: 'ACTIVE', parentId: 'ou-a' },
    ],
    policies,
  };
}

/** `FullAWSAccess`, the SCP AWS attaches to every node by default. */
export const FULL_AWS_ACCESS = statements({ Effect: 'Allow', Action: '*', Resource: '*' });

/** ARN of a principal in ACCOUNT. */
export function arnOf(kind: 'user' | 'group' | 'role', name: string, account = ACCOUNT): string {
  return `arn:aws:iam::${account}:${kind}/${name}`;
}
