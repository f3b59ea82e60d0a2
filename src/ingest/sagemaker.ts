/**
 * SageMaker notebook instances and their role. `describe-notebook-instance` output (a flat object with
 * NotebookInstanceArn, NotebookInstanceName, RoleArn, …), a JSON list of such outputs, or
 * `{NotebookInstances: [...]}` whose entries carry RoleArn. `list-notebook-instances` alone is recognised but
 * its entries are errors: it has no RoleArn, so nothing can be said about the notebook's role.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html
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

function toNotebook(v: unknown): EntryResult {
  if (!isObject(v)) return { error: 'notebook instance is not an object', name: null };
  const name = optString(v.NotebookInstanceName);
  const id = resourceArn(v.NotebookInstanceArn, 'sagemaker', 'notebook-instance/');
  if (!name) return { error: 'notebook instance has no NotebookInstanceName', name: null };
  if (!id) return { error: `notebook instance ${name} has no valid NotebookInstanceArn`, name };
  if (!('RoleArn' in v)) {
    return {
      error: `notebook instance ${name} has no RoleArn (list-notebook-instances omits it: use describe-notebook-instance)`,
      name,
    };
  }
  const role = optString(v.RoleArn);
  if (role === null || !isRoleArn(role))
    return { error: `notebook instance ${name} has no valid RoleArn`, name };
  return foundResource('sagemaker-notebook', id, name, role);
}

/** Turns one notebook-instance document into notebooks. Pure. */
export function transform(raw: unknown, file: string): ServiceTransformed {
  return transformEntries(
    raw,
    file,
    'sagemaker-notebook',
    { list: 'NotebookInstances', flat: 'NotebookInstanceArn' },
    toNotebook,
  );
}

/** Adds the notebooks and marks their accounts as covered. */
export function load(inventory: Inventory, t: ServiceTransformed): void {
  loadServiceResources(inventory, t);
}
