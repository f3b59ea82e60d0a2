/**
 * `aws cloudformation describe-stacks` (`{Stacks: [{StackId, StackName, RoleARN?, StackStatus, …}]}`): stacks
 * and their service role. Region and account come from the StackId ARN. Deleted stacks are left out.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html
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

function toStack(v: unknown): EntryResult {
  if (!isObject(v)) return { error: 'stack is not an object', name: null };
  const name = optString(v.StackName);
  const id = resourceArn(v.StackId, 'cloudformation', 'stack/');
  if (!name) return { error: 'stack has no StackName', name: optString(v.StackId) };
  if (!id) return { error: `stack ${name} has no valid StackId`, name };
  // A deleted stack cannot be updated; describe-stacks by id still returns it.
  if (v.StackStatus === 'DELETE_COMPLETE') return 'skip';
  const role = optString(v.RoleARN);
  if (role !== null && !isRoleArn(role)) return { error: `stack ${name} has an invalid RoleARN`, name };
  return foundResource('cloudformation-stack', id, name, role);
}

/** Turns one `describe-stacks` document into stacks. Pure. */
export function transform(raw: unknown, file: string): ServiceTransformed {
  return transformEntries(raw, file, 'cloudformation-stack', { list: 'Stacks' }, toStack);
}

/** Adds the stacks and marks their accounts as covered. */
export function load(inventory: Inventory, t: ServiceTransformed): void {
  loadServiceResources(inventory, t);
}
