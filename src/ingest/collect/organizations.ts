import type { OrganizationsClient, PolicyType } from '@aws-sdk/client-organizations';
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
  paginateListTargetsForPolicy,
} from '@aws-sdk/client-organizations';
import { toCliJson } from './aws-json.js';

/** The organization document of PRODUCT.md §2 (what the organization reader takes). */
export interface OrganizationDocument {
  Organization: unknown;
  Roots: unknown[];
  OrganizationalUnits: unknown[];
  Accounts: unknown[];
  Policies: unknown[];
}

/** The policy types that bear on authorization: SCPs and RCPs. */
export const AUTHZ_POLICY_TYPES: PolicyType[] = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

/**
 * Get: the organization, its roots, and the OU tree walked from each root with every account placed under
 * its parent (`ParentId` added, as the document format asks). Policies come from {@link getPolicies}.
 */
export async function getOrganizationTree(
  orgs: OrganizationsClient,
  pageSize?: number,
): Promise<Omit<OrganizationDocument, 'Policies'>> {
  const { Organization } = await orgs.send(new DescribeOrganizationCommand({}));
  const roots: { Id?: string }[] = [];
  for await (const page of paginateListRoots({ client: orgs, pageSize }, {}))
    roots.push(...(page.Roots ?? []));
  const ous: Record<string, unknown>[] = [];
  const accounts: Record<string, unknown>[] = [];
  const queue = roots.map((r) => r.Id).filter((id): id is string => typeof id === 'string');
  const seen = new Set<string>(queue);
  while (queue.length > 0) {
    const parentId = queue.shift()!;
    for await (const page of paginateListOrganizationalUnitsForParent(
      { client: orgs, pageSize },
      { ParentId: parentId },
    )) {
      for (const ou of page.OrganizationalUnits ?? []) {
        ous.push({ ...ou, ParentId: parentId });
        if (ou.Id && !seen.has(ou.Id)) {
          seen.add(ou.Id);
          queue.push(ou.Id);
        }
      }
    }
    for await (const page of paginateListAccountsForParent(
      { client: orgs, pageSize },
      { ParentId: parentId },
    )) {
      for (const a of page.Accounts ?? []) accounts.push({ ...a, ParentId: parentId });
    }
  }
  return {
    Organization: toCliJson(Organization ?? {}),
    Roots: roots.map(toCliJson),
    OrganizationalUnits: ous.map(toCliJson),
    Accounts: accounts.map(toCliJson),
  };
}

/** Get: every policy of one type with its content (`DescribePolicy`) and its targets (`ListTargetsForPolicy`). */
export async function getPolicies(
  orgs: OrganizationsClient,
  type: PolicyType,
  pageSize?: number,
): Promise<unknown[]> {
  const policies: unknown[] = [];
  for await (const page of paginateListPolicies({ client: orgs, pageSize }, { Filter: type })) {
    for (const summary of page.Policies ?? []) {
      if (!summary.Id) continue;
      const { Policy } = await orgs.send(new DescribePolicyCommand({ PolicyId: summary.Id }));
      const targets: unknown[] = [];
      for await (const t of paginateListTargetsForPolicy(
        { client: orgs, pageSize },
        { PolicyId: summary.Id },
      )) {
        targets.push(...(t.Targets ?? []));
      }
      policies.push(toCliJson({ ...Policy, Targets: targets }));
    }
  }
  return policies;
}

/** The active member accounts' ids (12 digits only: they become paths and role ARNs). */
export function activeAccountIds(doc: Pick<OrganizationDocument, 'Accounts'>): string[] {
  const ids = new Set<string>();
  for (const a of doc.Accounts as { Id?: unknown; Status?: unknown; State?: unknown }[]) {
    const status = a.State ?? a.Status;
    if (typeof a.Id === 'string' && /^\d{12}$/.test(a.Id) && (status === undefined || status === 'ACTIVE'))
      ids.add(a.Id);
  }
  return [...ids].sort();
}
