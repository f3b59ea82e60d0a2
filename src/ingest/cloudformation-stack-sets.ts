/**
 * `aws cloudformation describe-stack-set` (`{StackSet: {StackSetName, StackSetARN, AdministrationRoleARN?, …}}`),
 * or a JSON list of such outputs: stack sets and their administration role. `list-stack-sets` is not enough
 * (its summaries have no ARN and no role). Region and account come from StackSetARN; deleted sets are left out.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackSet.html
 */
import type { Inventory } from '../model/inventory.js';
import { isObject, optString } from './fields.js';
import type { EntryResult, ServiceTransformed } from './service-resource.js';
import {
  foundResource,
  isRoleArn,
  loadServiceResources,
  resourceArn,
  transformEntries,
} from './service-resource.js';

function toStackSet(v: unknown): EntryResult {
  if (!isObject(v)) return { error: 'stack set is not an object', name: null };
  const name = optString(v.StackSetName);
  const id = resourceArn(v.StackSetARN, 'cloudformation', 'stackset/');
  if (!name) return { error: 'stack set has no StackSetName', name: optString(v.StackSetId) };
  if (!id) return { error: `stack set ${name} has no valid StackSetARN`, name };
  if (v.Status === 'DELETED') return 'skip';
  const role = optString(v.AdministrationRoleARN);
  if (role !== null && !isRoleArn(role)) {
    return { error: `stack set ${name} has an invalid AdministrationRoleARN`, name };
  }
  return foundResource('cloudformation-stack-set', id, name, role);
}

/** Turns one `describe-stack-set` document (or a list of them) into stack sets. Pure. */
export function transform(raw: unknown, file: string): ServiceTransformed {
  return transformEntries(raw, file, 'cloudformation-stack-set', { wrapper: 'StackSet' }, toStackSet);
}

/** Adds the stack sets and marks their accounts as covered. */
export function load(inventory: Inventory, t: ServiceTransformed): void {
  loadServiceResources(inventory, t);
}
