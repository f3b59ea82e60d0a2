import type { Inventory } from '../model/inventory.js';
import type { IamPrincipal } from './principal-policies.js';
import type { ContextValue, RequestContext } from './types.js';

/** The global time keys, all taken from the scan's as-of time. */
export function timeContext(asOf: Date): Record<string, ContextValue> {
  const iso = asOf.toISOString();
  return {
    'aws:CurrentTime': iso,
    'aws:EpochTime': String(Math.floor(asOf.getTime() / 1000)),
    // A session issued "now" is the best scan-time stand-in for any session of the principal.
    'aws:TokenIssueTime': iso,
  };
}

const orgAccounts = new WeakMap<NonNullable<Inventory['organization']>, Set<string>>();

function organizationIdFor(inventory: Inventory, accountId: string): string | null {
  const org = inventory.organization;
  if (org === null) return null;
  let accounts = orgAccounts.get(org);
  if (accounts === undefined) {
    accounts = new Set(org.accounts.map((a) => a.id));
    if (org.managementAccountId !== null) accounts.add(org.managementAccountId);
    orgAccounts.set(org, accounts);
  }
  return accounts.has(accountId) ? org.id : null;
}

/**
 * The request context of a principal at scan time: the keys IAM sets from the principal itself
 * (AWS global condition context keys) plus the time keys; every other key is unknown, so a grant that
 * depends on it is conditional. For a role, `aws:userid` is `<role-id>:<session>` and so unknown. A group is
 * evaluated for "any member": only the account, the user principal type and the time are known.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
export function principalContext(inventory: Inventory, principal: IamPrincipal, asOf: Date): RequestContext {
  const values: Record<string, ContextValue> = {
    ...timeContext(asOf),
    'aws:PrincipalAccount': principal.accountId,
    'aws:PrincipalIsAWSService': 'false',
    'aws:PrincipalType': principal.kind === 'role' ? 'AssumedRole' : 'User',
  };
  const orgId = organizationIdFor(inventory, principal.accountId);
  if (orgId !== null) values['aws:PrincipalOrgID'] = orgId;
  if (principal.kind !== 'group') {
    values['aws:PrincipalArn'] = principal.arn;
    for (const [key, value] of Object.entries(principal.tags)) values[`aws:PrincipalTag/${key}`] = value;
  }
  if (principal.kind === 'user') {
    values['aws:username'] = principal.name;
    if (principal.id !== null) values['aws:userid'] = principal.id;
  }
  return { values, missingKeys: 'unknown' };
}
