/**
 * Small builders of AWS-shaped export snippets for rule tests: `get-account-authorization-details`,
 * the credential report CSV, `describe-instances` and `list-functions`. Accounts follow the fixture scheme
 * (organization o-11111111 holds 100000000001…); 999999999999 is outside every scanned set.
 */

/** One input file as the ingest layer takes it. */
export interface RawInput {
  file: string;
  /** Parsed JSON, or text (CSV). */
  raw: unknown;
}

export const ACCOUNT = '100000000001';
export const OTHER_ORG_ACCOUNT = '100000000002';
export const EXTERNAL_ACCOUNT = '999999999999';
export const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

type Json = Record<string, unknown>;

/** A policy document from statements. */
export function doc(...statements: Json[]): Json {
  return { Version: '2012-10-17', Statement: statements };
}

/** An Allow statement. */
export function allow(action: string | string[], resource: string | string[] = '*', extra: Json = {}): Json {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

/** A Deny statement. */
export function deny(action: string | string[], resource: string | string[] = '*', extra: Json = {}): Json {
  return { Effect: 'Deny', Action: action, Resource: resource, ...extra };
}

/** A trust statement allowing `principal` to assume the role. */
export function trust(
  principal: unknown,
  extra: Json = {},
  action: string | string[] = 'sts:AssumeRole',
): Json {
  return { Effect: 'Allow', Principal: principal, Action: action, ...extra };
}

interface PrincipalOpts {
  account?: string;
  inline?: Record<string, Json>;
  attached?: string[];
  createDate?: string;
  path?: string;
}

function common(kind: 'user' | 'group' | 'role', name: string, o: PrincipalOpts) {
  const path = o.path ?? '/';
  return {
    Path: path,
    Arn: `arn:aws:iam::${o.account ?? ACCOUNT}:${kind}${path}${name}`,
    CreateDate: o.createDate ?? '2020-01-01T00:00:00Z',
    AttachedManagedPolicies: (o.attached ?? []).map((arn) => ({
      PolicyArn: arn,
      PolicyName: arn.split('/').pop(),
    })),
  };
}

const inlineList = (inline: Record<string, Json> | undefined) =>
  Object.entries(inline ?? {}).map(([PolicyName, PolicyDocument]) => ({ PolicyName, PolicyDocument }));

/** A UserDetailList entry. */
export function user(name: string, o: PrincipalOpts & { groups?: string[]; boundary?: string } = {}): Json {
  return {
    UserName: name,
    UserId: `AIDA${name.toUpperCase()}`,
    ...common('user', name, o),
    GroupList: o.groups ?? [],
    UserPolicyList: inlineList(o.inline),
    ...(o.boundary
      ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: o.boundary } }
      : {}),
    Tags: [],
  };
}

/** A GroupDetailList entry. */
export function group(name: string, o: PrincipalOpts = {}): Json {
  return {
    GroupName: name,
    GroupId: `AGPA${name.toUpperCase()}`,
    ...common('group', name, o),
    GroupPolicyList: inlineList(o.inline),
  };
}

/** A RoleDetailList entry; `lastUsed`: a date, `null` for never used, omitted for an export without it. */
export function role(
  name: string,
  o: PrincipalOpts & {
    trust?: Json[];
    lastUsed?: string | null;
    instanceProfile?: string;
    boundary?: string;
  } = {},
): Json {
  const base = common('role', name, o);
  const account = o.account ?? ACCOUNT;
  return {
    RoleName: name,
    RoleId: `AROA${name.toUpperCase()}`,
    ...base,
    AssumeRolePolicyDocument: doc(...(o.trust ?? [trust({ Service: 'ec2.amazonaws.com' })])),
    InstanceProfileList: o.instanceProfile
      ? [
          {
            InstanceProfileName: o.instanceProfile,
            InstanceProfileId: `AIPA${o.instanceProfile.toUpperCase()}`,
            Path: '/',
            Arn: `arn:aws:iam::${account}:instance-profile/${o.instanceProfile}`,
            Roles: [],
          },
        ]
      : [],
    RolePolicyList: inlineList(o.inline),
    ...(o.boundary
      ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: o.boundary } }
      : {}),
    Tags: [],
    ...(o.lastUsed === undefined
      ? {}
      : { RoleLastUsed: o.lastUsed === null ? {} : { LastUsedDate: o.lastUsed, Region: 'us-east-1' } }),
  };
}

/** A Policies entry (customer managed unless the ARN says `aws`). */
export function managedPolicy(
  arn: string,
  document: Json,
  o: { attachmentCount?: number | null; boundaryCount?: number; olderVersions?: Json[] } = {},
): Json {
  return {
    PolicyName: arn.split('/').pop(),
    PolicyId: `ANPA${(arn.split('/').pop() ?? '').toUpperCase()}`,
    Arn: arn,
    Path: '/',
    DefaultVersionId: 'v1',
    ...(o.attachmentCount === null ? {} : { AttachmentCount: o.attachmentCount ?? 1 }),
    PermissionsBoundaryUsageCount: o.boundaryCount ?? 0,
    IsAttachable: true,
    CreateDate: '2020-01-01T00:00:00Z',
    UpdateDate: '2020-01-01T00:00:00Z',
    PolicyVersionList: [
      { Document: document, VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2020-01-01T00:00:00Z' },
      ...(o.olderVersions ?? []).map((d, i) => ({
        Document: d,
        VersionId: `v${i + 2}`,
        IsDefaultVersion: false,
        CreateDate: '2019-01-01T00:00:00Z',
      })),
    ],
  };
}

/** AWS's AdministratorAccess managed policy. */
export const administratorAccess = managedPolicy(ADMIN_ARN, doc(allow('*')));

/** A whole `get-account-authorization-details` file. */
export function gaad(
  parts: { users?: Json[]; groups?: Json[]; roles?: Json[]; policies?: Json[] },
  file = 'gaad.json',
): RawInput {
  return {
    file,
    raw: {
      UserDetailList: parts.users ?? [],
      GroupDetailList: parts.groups ?? [],
      RoleDetailList: parts.roles ?? [],
      Policies: parts.policies ?? [],
    },
  };
}
