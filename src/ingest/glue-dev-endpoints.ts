/**
 * `aws glue get-dev-endpoints` (`{DevEndpoints: [{EndpointName, RoleArn, AvailabilityZone?, …}]}`) or
 * `get-dev-endpoint` (`{DevEndpoint: {...}}`): development endpoints and their role. The output has no
 * endpoint ARN: the account comes from RoleArn (Glue only takes a role of the endpoint's own account) and the
 * region from AvailabilityZone; an endpoint outside a VPC has no zone, and its region is null.
 * https://docs.aws.amazon.com/glue/latest/webapi/API_DevEndpoint.html
 */
import type { Inventory } from '../model/inventory.js';
import { regionOfZone } from './ec2.js';
import { isObject, optString, parseArn } from './fields.js';
import type { EntryResult, ServiceTransformed } from './service-resource.js';
import { isRoleArn, loadServiceResources, transformEntries } from './service-resource.js';

function toEndpoint(v: unknown): EntryResult {
  if (!isObject(v)) return { error: 'dev endpoint is not an object', name: null };
  const name = optString(v.EndpointName);
  if (!name) return { error: 'dev endpoint has no EndpointName', name: null };
  const role = optString(v.RoleArn);
  const parts = role !== null && isRoleArn(role) ? parseArn(role) : null;
  if (role === null || parts === null) return { error: `dev endpoint ${name} has no valid RoleArn`, name };
  const zone = optString(v.AvailabilityZone);
  const region = zone === null ? null : regionOfZone(zone);
  return {
    resource: {
      kind: 'glue-dev-endpoint',
      // The documented ARN format: arn:aws:glue:<region>:<account>:devEndpoint/<name>.
      arn: `arn:${parts.partition}:glue:${region ?? ''}:${parts.account}:devEndpoint/${name}`,
      name,
      accountId: parts.account,
      region,
      roleArn: role,
    },
  };
}

/** Turns one `get-dev-endpoints` document into dev endpoints. Pure. */
export function transform(raw: unknown, file: string): ServiceTransformed {
  return transformEntries(
    raw,
    file,
    'glue-dev-endpoint',
    { list: 'DevEndpoints', wrapper: 'DevEndpoint' },
    toEndpoint,
  );
}

/** Adds the dev endpoints and marks their accounts as covered. */
export function load(inventory: Inventory, t: ServiceTransformed): void {
  loadServiceResources(inventory, t);
}
