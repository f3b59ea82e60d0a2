import { awsManagedByArn } from './aws-managed-policies.js';
import type { DemoAccount, DemoRole, InlinePolicyJson, PolicyJson } from './types.js';

/** How a `get-account-authorization-details` export spells documents and dates. */
export type GaadForm = 'cli' | 'api';

type Json = Record<string, unknown>;

const AWS_POLICY_CREATED = new Date('2015-02-06T18:39:46Z');

/** The CLI prints dates as `2024-01-02T03:04:05+00:00`; the raw API response uses `…Z`. */
function date(d: Date, form: GaadForm): string {
  const iso = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return form === 'cli' ? iso.replace(/Z$/, '+00:00') : iso;
}

/** The raw API returns policy documents URL-encoded (RFC 3986, as IAM does); the CLI decodes them. */
function document(doc: PolicyJson, form: GaadForm): unknown {
  return form === 'cli' ? doc : encodeURIComponent(JSON.stringify(doc));
}

function inline(list: InlinePolicyJson[], form: GaadForm): Json[] {
  return list.map((p) => ({ PolicyName: p.name, PolicyDocument: document(p.doc, form) }));
}

function attached(arns: string[]): Json[] {
  return arns.map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn }));
}

function tags(t: Record<string, string>): Json[] {
  return Object.entries(t).map(([Key, Value]) => ({ Key, Value }));
}

function boundary(arn: string | null): Json {
  return arn
    ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn } }
    : {};
}

function roleSummary(r: DemoRole, form: GaadForm): Json {
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.id,
    Arn: r.arn,
    CreateDate: date(r.created, form),
    AssumeRolePolicyDocument: document(r.trust, form),
  };
}

// A stable fake policy id per AWS managed policy, the same in every account (IAM ids are global).
function awsPolicyId(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  let id = 'ANPA';
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  for (let i = 0; i < 17; i++) {
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
    id += alphabet[h % 32];
  }
  return id;
}

function policyEntries(account: DemoAccount, form: GaadForm): Json[] {
  const attachments = new Map<string, number>();
  const boundaries = new Map<string, number>();
  const bump = (m: Map<string, number>, arn: string) => m.set(arn, (m.get(arn) ?? 0) + 1);
  for (const p of [...account.users, ...account.roles, ...account.groups])
    for (const arn of p.managed) bump(attachments, arn);
  for (const p of [...account.users, ...account.roles]) if (p.boundary) bump(boundaries, p.boundary);
  const out: Json[] = [];
  for (const p of account.policies) {
    const versions = [...p.oldVersions, p.doc];
    out.push({
      PolicyName: p.name,
      PolicyId: p.id,
      Arn: p.arn,
      Path: p.path,
      DefaultVersionId: `v${versions.length}`,
      AttachmentCount: attachments.get(p.arn) ?? 0,
      PermissionsBoundaryUsageCount: boundaries.get(p.arn) ?? 0,
      IsAttachable: true,
      CreateDate: date(p.created, form),
      UpdateDate: date(p.updated, form),
      PolicyVersionList: versions
        .map((d, i) => ({
          Document: document(d, form),
          VersionId: `v${i + 1}`,
          IsDefaultVersion: i === versions.length - 1,
          CreateDate: date(i === versions.length - 1 ? p.updated : p.created, form),
        }))
        .reverse(),
    });
  }
  // GAAD lists the AWS managed policies that are in use in the account.
  const awsArns = [...new Set([...attachments.keys(), ...boundaries.keys()])]
    .filter((a) => a.startsWith('arn:aws:iam::aws:'))
    .sort();
  for (const arn of awsArns) {
    const p = awsManagedByArn(arn);
    if (!p) continue;
    out.push({
      PolicyName: p.name,
      PolicyId: awsPolicyId(p.name),
      Arn: arn,
      Path: p.path,
      DefaultVersionId: 'v1',
      AttachmentCount: attachments.get(arn) ?? 0,
      PermissionsBoundaryUsageCount: boundaries.get(arn) ?? 0,
      IsAttachable: true,
      CreateDate: date(AWS_POLICY_CREATED, form),
      UpdateDate: date(AWS_POLICY_CREATED, form),
      PolicyVersionList: [
        {
          Document: document(p.doc, form),
          VersionId: 'v1',
          IsDefaultVersion: true,
          CreateDate: date(AWS_POLICY_CREATED, form),
        },
      ],
    });
  }
  return out;
}

/** The four lists of `get-account-authorization-details` for one account. */
export function authorizationDetails(
  account: DemoAccount,
  form: GaadForm,
): { UserDetailList: Json[]; GroupDetailList: Json[]; RoleDetailList: Json[]; Policies: Json[] } {
  return {
    UserDetailList: account.users.map((u) => ({
      Path: u.path,
      UserName: u.name,
      UserId: u.id,
      Arn: u.arn,
      CreateDate: date(u.created, form),
      UserPolicyList: inline(u.inline, form),
      GroupList: u.groups,
      AttachedManagedPolicies: attached(u.managed),
      ...boundary(u.boundary),
      Tags: tags(u.tags),
    })),
    GroupDetailList: account.groups.map((g) => ({
      Path: g.path,
      GroupName: g.name,
      GroupId: g.id,
      Arn: g.arn,
      CreateDate: date(g.created, form),
      GroupPolicyList: inline(g.inline, form),
      AttachedManagedPolicies: attached(g.managed),
    })),
    RoleDetailList: account.roles.map((r) => ({
      ...roleSummary(r, form),
      ...(r.description ? { Description: r.description } : {}),
      InstanceProfileList: r.instanceProfile
        ? [
            {
              Path: r.path,
              InstanceProfileName: r.instanceProfile.name,
              InstanceProfileId: r.instanceProfile.id,
              Arn: r.instanceProfile.arn,
              CreateDate: date(r.created, form),
              Roles: [roleSummary(r, form)],
            },
          ]
        : [],
      RolePolicyList: inline(r.inline, form),
      AttachedManagedPolicies: attached(r.managed),
      ...boundary(r.boundary),
      Tags: tags(r.tags),
      RoleLastUsed: r.lastUsed
        ? { LastUsedDate: date(r.lastUsed.date, form), Region: r.lastUsed.region }
        : {},
    })),
    Policies: policyEntries(account, form),
  };
}

/**
 * Splits an export into two pages as `--no-paginate` / the API returns them: the first with `IsTruncated: true`
 * and a `Marker`, the second with the rest.
 */
export function splitPages(details: ReturnType<typeof authorizationDetails>, marker: string): [Json, Json] {
  const half = <T>(list: T[]): [T[], T[]] => [
    list.slice(0, Math.ceil(list.length / 2)),
    list.slice(Math.ceil(list.length / 2)),
  ];
  const [u1, u2] = half(details.UserDetailList);
  const [g1, g2] = half(details.GroupDetailList);
  const [r1, r2] = half(details.RoleDetailList);
  const [p1, p2] = half(details.Policies);
  return [
    {
      UserDetailList: u1,
      GroupDetailList: g1,
      RoleDetailList: r1,
      Policies: p1,
      IsTruncated: true,
      Marker: marker,
    },
    { UserDetailList: u2, GroupDetailList: g2, RoleDetailList: r2, Policies: p2, IsTruncated: false },
  ];
}
