/**
 * `aws codebuild batch-get-projects` (`{projects: [{name, arn, serviceRole, …}], projectsNotFound}`): build
 * projects and their service role. Region and account come from the project ARN.
 * https://docs.aws.amazon.com/codebuild/latest/APIReference/API_Project.html
 */
import type { Inventory } from '../model/inventory.js';
import { isObject, optString } from './fields.js';
import type { EntryResult, ServiceTransformed } from './service-resource.js';
import {
  foundResource,
  loadServiceResources,
  resourceArn,
  roleReference,
  transformEntries,
} from './service-resource.js';

function toProject(v: unknown): EntryResult {
  if (!isObject(v)) return { error: 'project is not an object', name: null };
  const name = optString(v.name);
  const id = resourceArn(v.arn, 'codebuild', 'project/');
  if (!name) return { error: 'project has no name', name: optString(v.arn) };
  if (!id) return { error: `project ${name} has no valid arn`, name };
  const given = optString(v.serviceRole);
  const role = given === null ? null : roleReference(given, id.account, id.partition);
  if (given !== null && role === null) return { error: `project ${name} has an invalid serviceRole`, name };
  return foundResource(
    'codebuild-project',
    id,
    name,
    role?.arn ?? null,
    role?.name === undefined ? undefined : { roleName: role.name },
  );
}

/** Turns one `batch-get-projects` document into projects. Pure. */
export function transform(raw: unknown, file: string): ServiceTransformed {
  return transformEntries(raw, file, 'codebuild-project', { list: 'projects' }, toProject);
}

/** Adds the projects and marks their accounts as covered. */
export function load(inventory: Inventory, t: ServiceTransformed): void {
  loadServiceResources(inventory, t);
}
