import type { NamedPolicy } from '../model/policy.js';
import type { Organization } from '../model/inventory.js';

// Org trees are at most 5 OUs deep under a root; the bound only guards against cyclic parent data.
const MAX_DEPTH = 16;

interface OrgIndex {
  parents: Map<string, string>;
  roots: Set<string>;
  scpsByTarget: Map<string, NamedPolicy[]>;
  accounts: Map<string, Organization['accounts'][number]>;
}

const indexes = new WeakMap<Organization, OrgIndex>();

function indexOf(org: Organization): OrgIndex {
  let index = indexes.get(org);
  if (index === undefined) {
    const parents = new Map<string, string>();
    for (const ou of org.organizationalUnits) parents.set(ou.id, ou.parentId);
    const scpsByTarget = new Map<string, NamedPolicy[]>();
    for (const p of org.policies) {
      if (p.type !== 'SERVICE_CONTROL_POLICY') continue;
      const named: NamedPolicy = { id: p.arn || p.id, name: p.name, kind: 'scp', document: p.document };
      for (const target of new Set(p.targetIds)) {
        const list = scpsByTarget.get(target) ?? [];
        list.push(named);
        scpsByTarget.set(target, list);
      }
    }
    const accounts = new Map(org.accounts.map((a) => [a.id, a] as const));
    index = { parents, roots: new Set(org.roots.map((r) => r.id)), scpsByTarget, accounts };
    indexes.set(org, index);
  }
  return index;
}

/** Node ids from the root down to the account: root, OUs top-down, account. */
function pathToAccount(index: OrgIndex, accountId: string, parentId: string | null): string[] {
  const up: string[] = [accountId];
  const seen = new Set<string>(up);
  let node = parentId;
  // An account listed without a parent sits under the root when there is only one root.
  if (node === null && index.roots.size === 1) node = [...index.roots][0] ?? null;
  while (node !== null && up.length < MAX_DEPTH && !seen.has(node)) {
    up.push(node);
    seen.add(node);
    if (index.roots.has(node)) break;
    node = index.parents.get(node) ?? null;
  }
  return up.reverse();
}

/**
 * The SCP levels that apply to an account: for each node from the root through its OUs to the account, the
 * service control policies attached there (every level must allow). The management account is not subject
 * to SCPs, and an account the organization does not list gets none. A level with no SCP in the data is left
 * out rather than made to deny everything: AWS never lets a node have zero SCPs while SCPs are enabled, so
 * an empty level means the export is incomplete, and guessing "deny all" would hide real administrators.
 */
export function organizationScps(org: Organization, accountId: string): NamedPolicy[][] {
  if (org.managementAccountId === accountId) return [];
  const index = indexOf(org);
  const account = index.accounts.get(accountId);
  if (account === undefined || index.scpsByTarget.size === 0) return [];
  const levels: NamedPolicy[][] = [];
  for (const node of pathToAccount(index, accountId, account.parentId)) {
    const scps = index.scpsByTarget.get(node);
    if (scps !== undefined && scps.length > 0) levels.push(scps);
  }
  return levels;
}
