/**
 * `aws bedrock-agentcore-control get-code-interpreter` (a flat object: codeInterpreterId, codeInterpreterArn,
 * name, executionRoleArn?, status, …) or a JSON list of such outputs: custom code interpreters and their
 * execution role. `list-code-interpreters` is not enough (no role). Region and account come from the ARN;
 * deleted interpreters are left out.
 * https://docs.aws.amazon.com/bedrock-agentcore-control/latest/APIReference/API_GetCodeInterpreter.html
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

function toInterpreter(v: unknown): EntryResult {
  if (!isObject(v)) return { error: 'code interpreter is not an object', name: null };
  const name = optString(v.name);
  const id = resourceArn(v.codeInterpreterArn, 'bedrock-agentcore', 'code-interpreter');
  // The built-in interpreter (account `aws`) has no role of the customer's.
  if (
    typeof v.codeInterpreterArn === 'string' &&
    /^arn:[^:]+:bedrock-agentcore:[^:]*:aws:/.test(v.codeInterpreterArn)
  ) {
    return 'skip';
  }
  if (!name) return { error: 'code interpreter has no name', name: optString(v.codeInterpreterId) };
  if (!id) return { error: `code interpreter ${name} has no valid codeInterpreterArn`, name };
  if (v.status === 'DELETED' || v.status === 'DELETING') return 'skip';
  const role = optString(v.executionRoleArn);
  if (role !== null && !isRoleArn(role)) {
    return { error: `code interpreter ${name} has an invalid executionRoleArn`, name };
  }
  return foundResource('bedrock-code-interpreter', id, name, role);
}

/** Turns one `get-code-interpreter` document (or a list of them) into code interpreters. Pure. */
export function transform(raw: unknown, file: string): ServiceTransformed {
  return transformEntries(
    raw,
    file,
    'bedrock-code-interpreter',
    { flat: 'codeInterpreterArn' },
    toInterpreter,
  );
}

/** Adds the code interpreters and marks their accounts as covered. */
export function load(inventory: Inventory, t: ServiceTransformed): void {
  loadServiceResources(inventory, t);
}
