import type { GetAccountAuthorizationDetailsCommandOutput, IAMClient } from '@aws-sdk/client-iam';
import { paginateGetAccountAuthorizationDetails } from '@aws-sdk/client-iam';
import { decodePolicyDocuments, toCliJson } from './aws-json.js';

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/** The authorization details document of one account, as `aws iam get-account-authorization-details` prints it. */
export interface AuthorizationDetails {
  UserDetailList: unknown[];
  GroupDetailList: unknown[];
  RoleDetailList: unknown[];
  Policies: unknown[];
}

/** Get: every page of `GetAccountAuthorizationDetails` (users, groups, roles, local and AWS managed policies). */
export async function getAuthorizationDetails(
  iam: IAMClient,
  pageSize?: number,
): Promise<GetAccountAuthorizationDetailsCommandOutput[]> {
  const pages: GetAccountAuthorizationDetailsCommandOutput[] = [];
  for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize }, {}))
    pages.push(page);
  return pages;
}

/** Transform: merges the pages into one document and decodes the URL-encoded policy documents (CLI form). */
export function transformAuthorizationDetails(pages: readonly object[]): AuthorizationDetails {
  const out: AuthorizationDetails = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  for (const page of pages) {
    const json = decodePolicyDocuments(toCliJson(page)) as Record<string, unknown>;
    for (const key of LISTS) {
      const list = json[key];
      if (Array.isArray(list)) out[key].push(...(key === 'Policies' ? list.map(withPolicyName) : list));
    }
  }
  return out;
}

/** The number of principals and policies in a document, for the manifest. */
export function countAuthorizationDetails(d: AuthorizationDetails): number {
  return LISTS.reduce((n, key) => n + d[key].length, 0);
}

/**
 * A managed policy entry with its `PolicyName`. AWS always sends it; an emulator (moto) omits it. The name
 * is by definition the last segment of the policy ARN
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html), so it is derived, never invented.
 */
function withPolicyName(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null) return entry;
  const e = entry as Record<string, unknown>;
  if (typeof e.PolicyName === 'string' || typeof e.Arn !== 'string') return entry;
  const m = /^arn:[^:]+:iam::(?:\d{12}|aws):policy\/(?:[^/]+\/)*([\w+=,.@-]{1,128})$/.exec(e.Arn);
  return m ? { ...e, PolicyName: m[1] } : entry;
}
