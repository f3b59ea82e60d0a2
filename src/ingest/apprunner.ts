/**
 * `aws apprunner describe-service` (`{Service: {ServiceName, ServiceArn, InstanceConfiguration:
 * {InstanceRoleArn?}, Status, …}}`) or a JSON list of such outputs: services and their instance role.
 * `list-services` is not enough (no role). Region and account come from ServiceArn; deleted services are left out.
 * https://docs.aws.amazon.com/apprunner/latest/api/API_Service.html
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

function toService(v: unknown): EntryResult {
  if (!isObject(v)) return { error: 'service is not an object', name: null };
  const name = optString(v.ServiceName);
  const id = resourceArn(v.ServiceArn, 'apprunner', 'service/');
  if (!name) return { error: 'service has no ServiceName', name: null };
  if (!id) return { error: `service ${name} has no valid ServiceArn`, name };
  if (v.Status === 'DELETED') return 'skip';
  const role = isObject(v.InstanceConfiguration) ? optString(v.InstanceConfiguration.InstanceRoleArn) : null;
  if (role !== null && !isRoleArn(role))
    return { error: `service ${name} has an invalid InstanceRoleArn`, name };
  return foundResource('apprunner-service', id, name, role);
}

/** Turns one `describe-service` document (or a list of them) into services. Pure. */
export function transform(raw: unknown, file: string): ServiceTransformed {
  return transformEntries(raw, file, 'apprunner-service', { wrapper: 'Service' }, toService);
}

/** Adds the services and marks their accounts as covered. */
export function load(inventory: Inventory, t: ServiceTransformed): void {
  loadServiceResources(inventory, t);
}
