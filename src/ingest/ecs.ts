/**
 * `aws ecs describe-task-definition` (`{taskDefinition: {taskDefinitionArn, family, revision, taskRoleArn?,
 * executionRoleArn?, status, …}, tags}`), a JSON list of such outputs, or `{taskDefinitions: [...]}`: task
 * definitions and their task role. The task role is the one the containers' code gets credentials for; the
 * execution role is used by the ECS agent (image pulls, logs) and is not handed to the code, so it is not the
 * resource's role. Inactive revisions cannot run new tasks and are left out.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html
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

const GONE = new Set(['INACTIVE', 'DELETE_IN_PROGRESS']);

function toTaskDefinition(v: unknown): EntryResult {
  if (!isObject(v)) return { error: 'task definition is not an object', name: null };
  const id = resourceArn(v.taskDefinitionArn, 'ecs', 'task-definition/');
  if (!id) return { error: 'task definition has no valid taskDefinitionArn', name: optString(v.family) };
  const name = id.resource.slice('task-definition/'.length);
  if (typeof v.status === 'string' && GONE.has(v.status)) return 'skip';
  const role = optString(v.taskRoleArn);
  if (role !== null && !isRoleArn(role))
    return { error: `task definition ${name} has an invalid taskRoleArn`, name };
  return foundResource('ecs-task-definition', id, name, role);
}

/** Turns one task-definition document into task definitions. Pure. */
export function transform(raw: unknown, file: string): ServiceTransformed {
  return transformEntries(
    raw,
    file,
    'ecs-task-definition',
    { list: 'taskDefinitions', wrapper: 'taskDefinition' },
    toTaskDefinition,
  );
}

/** Adds the task definitions and marks their accounts as covered. */
export function load(inventory: Inventory, t: ServiceTransformed): void {
  loadServiceResources(inventory, t);
}
