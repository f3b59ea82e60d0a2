import type { Group, InlinePolicy, InstanceProfile, ManagedPolicy, Role, User } from '../model/inventory.js';
import type { ErrorSink, JsonObject } from './fields.js';
import {
  accountOfArn,
  isObject,
  optDate,
  optNumber,
  optString,
  parseArn,
  stringList,
  tagMap,
} from './fields.js';
import { readPolicyDocument } from './policy-document.js';

/** A located record: which list, which index, for error messages. */
interface At {
  list: string;
  index: number;
  sink: ErrorSink;
}

type Common = Omit<User, 'kind' | 'groupNames' | 'permissionsBoundaryArn'>;

/** Fields shared by users, groups and roles; `null` (with an error) when the ARN or the name is unusable. */
function common(
  r: JsonObject,
  nameKey: string,
  idKey: string,
  inlineKey: string,
  what: string,
  at: At,
): Common | null {
  const name = optString(r[nameKey]);
  const arn = optString(r.Arn);
  const fail = (reason: string): null => (at.sink.recordError(at.list, at.index, name ?? arn, reason), null);
  if (!name) return fail(`${what} has no ${nameKey}`);
  if (!arn) return fail(`${what} ${name} has no Arn`);
  const parts = parseArn(arn);
  const accountId = accountOfArn(arn);
  if (!parts || parts.service !== 'iam' || !accountId) return fail(`${what} ${name} has a malformed Arn`);
  return {
    arn,
    name,
    id: optString(r[idKey]),
    path: optString(r.Path) ?? '/',
    accountId,
    createDate: optDate(r.CreateDate),
    inlinePolicies: inlinePolicies(r[inlineKey], name, `${what} ${name}`, inlineKey, at),
    attachedPolicyArns: attached(r.AttachedManagedPolicies),
    tags: tagMap(r.Tags),
  };
}

function inlinePolicies(v: unknown, ownerName: string, owner: string, key: string, at: At): InlinePolicy[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    at.sink.recordError(at.list, at.index, ownerName, `${key} of ${owner} is not a list`);
    return [];
  }
  const out: InlinePolicy[] = [];
  for (const p of v) {
    const name = isObject(p) ? optString(p.PolicyName) : null;
    if (!isObject(p) || !name) {
      at.sink.recordError(at.list, at.index, ownerName, `an inline policy of ${owner} has no PolicyName`);
      continue;
    }
    const doc = readPolicyDocument(p.PolicyDocument, `${owner} inline policy ${name}`);
    if (doc.ok) out.push({ name, document: doc.document });
    else at.sink.recordError(at.list, at.index, ownerName, doc.reason);
  }
  return out;
}

function attached(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const arns = v
    .map((a) => (isObject(a) ? optString(a.PolicyArn) : null))
    .filter((a): a is string => a !== null);
  return [...new Set(arns)];
}

function boundaryArn(r: JsonObject): string | null {
  return isObject(r.PermissionsBoundary) ? optString(r.PermissionsBoundary.PermissionsBoundaryArn) : null;
}

/** One `UserDetailList` entry. */
export function transformUser(r: unknown, at: At): User | null {
  if (!isObject(r))
    return (at.sink.recordError(at.list, at.index, null, 'user entry is not an object'), null);
  const c = common(r, 'UserName', 'UserId', 'UserPolicyList', 'user', at);
  if (!c) return null;
  return {
    ...c,
    kind: 'user',
    groupNames: [...new Set(stringList(r.GroupList))],
    permissionsBoundaryArn: boundaryArn(r),
  };
}

/** One `GroupDetailList` entry. */
export function transformGroup(r: unknown, at: At): Group | null {
  if (!isObject(r))
    return (at.sink.recordError(at.list, at.index, null, 'group entry is not an object'), null);
  const c = common(r, 'GroupName', 'GroupId', 'GroupPolicyList', 'group', at);
  return c ? { ...c, kind: 'group' } : null;
}

/** One `RoleDetailList` entry, with the instance profiles it lists. */
export function transformRole(r: unknown, at: At): { role: Role; profiles: InstanceProfile[] } | null {
  if (!isObject(r))
    return (at.sink.recordError(at.list, at.index, null, 'role entry is not an object'), null);
  const c = common(r, 'RoleName', 'RoleId', 'RolePolicyList', 'role', at);
  if (!c) return null;
  const trust = readPolicyDocument(r.AssumeRolePolicyDocument, `role ${c.name} trust policy`);
  if (!trust.ok) {
    // Without its trust policy we cannot say who may assume the role: report it and drop the role rather than
    // show it as assumable by nobody.
    at.sink.recordError(at.list, at.index, c.name, trust.reason);
    return null;
  }
  const profiles = instanceProfiles(r.InstanceProfileList, c.arn, c.accountId);
  const role: Role = {
    ...c,
    kind: 'role',
    trustPolicy: trust.document,
    permissionsBoundaryArn: boundaryArn(r),
    description: optString(r.Description),
    maxSessionDuration: optNumber(r.MaxSessionDuration),
    lastUsed: lastUsed(r.RoleLastUsed),
    instanceProfileArns: profiles.map((p) => p.arn),
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
    isServiceLinked: c.path.startsWith('/aws-service-role/'),
  };
  return { role, profiles };
}

/** `RoleLastUsed`: `{}` means never used in IAM's tracking period; absent means unknown. */
function lastUsed(v: unknown): Role['lastUsed'] {
  if (!isObject(v)) return null;
  return { date: optDate(v.LastUsedDate), region: optString(v.Region) };
}

function instanceProfiles(v: unknown, roleArn: string, accountId: string): InstanceProfile[] {
  if (!Array.isArray(v)) return [];
  const out: InstanceProfile[] = [];
  for (const p of v) {
    if (!isObject(p)) continue;
    const arn = optString(p.Arn);
    const name = optString(p.InstanceProfileName);
    if (!arn || !name) continue;
    const roles = Array.isArray(p.Roles) ? p.Roles : [];
    const roleArns = roles
      .map((x) => (isObject(x) ? optString(x.Arn) : null))
      .filter((x): x is string => !!x);
    if (!roleArns.includes(roleArn)) roleArns.push(roleArn);
    out.push({
      arn,
      name,
      id: optString(p.InstanceProfileId),
      accountId: accountOfArn(arn) ?? accountId,
      roleArns,
    });
  }
  return out;
}

/** One `Policies` entry at its default version (`IsDefaultVersion: true`). */
export function transformPolicy(r: unknown, at: At): ManagedPolicy | null {
  if (!isObject(r))
    return (at.sink.recordError(at.list, at.index, null, 'policy entry is not an object'), null);
  const name = optString(r.PolicyName);
  const arn = optString(r.Arn);
  const fail = (reason: string): null => (at.sink.recordError(at.list, at.index, name ?? arn, reason), null);
  if (!name) return fail('managed policy has no PolicyName');
  if (!arn) return fail(`managed policy ${name} has no Arn`);
  const parts = parseArn(arn);
  if (!parts || parts.service !== 'iam' || !parts.resource.startsWith('policy/')) {
    return fail(`managed policy ${name} has a malformed Arn`);
  }
  const isAwsManaged = parts.account === 'aws';
  const accountId = isAwsManaged ? null : accountOfArn(arn);
  if (!isAwsManaged && !accountId) return fail(`managed policy ${name} has a malformed Arn`);
  const versions = Array.isArray(r.PolicyVersionList) ? r.PolicyVersionList : [];
  const def = versions.find((v) => isObject(v) && v.IsDefaultVersion === true);
  if (!isObject(def)) return fail(`managed policy ${name} has no default version in PolicyVersionList`);
  const doc = readPolicyDocument(def.Document, `managed policy ${name}`);
  if (!doc.ok) return fail(doc.reason);
  // Older versions matter: whoever may call iam:SetDefaultPolicyVersion can switch back to one of them.
  const nonDefaultVersions: NonNullable<ManagedPolicy['nonDefaultVersions']> = [];
  versions.forEach((v, i) => {
    if (!isObject(v) || v === def) return;
    const versionId = optString(v.VersionId) ?? `#${i}`;
    const older = readPolicyDocument(v.Document, `managed policy ${name} version ${versionId}`);
    if (older.ok) nonDefaultVersions.push({ versionId, document: older.document });
    else at.sink.recordError(at.list, at.index, name, older.reason);
  });
  return {
    arn,
    name,
    id: optString(r.PolicyId),
    path: optString(r.Path) ?? '/',
    accountId,
    isAwsManaged,
    defaultVersionId: optString(def.VersionId) ?? optString(r.DefaultVersionId),
    document: doc.document,
    attachmentCount: optNumber(r.AttachmentCount),
    permissionsBoundaryUsageCount: optNumber(r.PermissionsBoundaryUsageCount),
    isAttachable: r.IsAttachable !== false,
    createDate: optDate(r.CreateDate),
    updateDate: optDate(r.UpdateDate),
    ...(nonDefaultVersions.length > 0 ? { nonDefaultVersions } : {}),
  };
}
