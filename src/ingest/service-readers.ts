/**
 * The service-resource readers, recognised by content: each CLI output has a distinctive key, and where that
 * key is shared with another service's output (OpsWorks `Stacks`, Device Farm `projects`, MediaConvert `Jobs`)
 * a marker field of the records decides. A document whose records all lack the marker is not recognised.
 */
import type { InputKind } from '../model/input.js';
import type { Inventory } from '../model/inventory.js';
import * as apprunner from './apprunner.js';
import * as bedrock from './bedrock-agentcore.js';
import * as stackSets from './cloudformation-stack-sets.js';
import * as stacks from './cloudformation-stacks.js';
import * as codebuild from './codebuild.js';
import * as ecs from './ecs.js';
import * as launchTemplates from './ec2-launch-templates.js';
import { isObject } from './fields.js';
import * as glueDevEndpoints from './glue-dev-endpoints.js';
import * as glueJobs from './glue-jobs.js';
import * as sagemaker from './sagemaker.js';
import type { ServiceTransformed } from './service-resource.js';

/** The input kinds of the service-resource readers. */
export type ServiceInputKind = Extract<
  InputKind,
  | 'cloudformation-stacks'
  | 'cloudformation-stack-sets'
  | 'codebuild-projects'
  | 'sagemaker-notebooks'
  | 'glue-dev-endpoints'
  | 'glue-jobs'
  | 'ecs-task-definitions'
  | 'apprunner-services'
  | 'bedrock-code-interpreters'
  | 'ec2-launch-templates'
>;

interface ServiceReader {
  /** `list`: a list key and its records' marker fields (any one). */
  list?: { key: string; markers: readonly string[] };
  /** `single`: a wrapper key (`{StackSet: {...}}`) or, without one, the record itself; with its markers. */
  single?: { wrapper?: string; markers: readonly string[] };
  transform: (raw: unknown, file: string) => ServiceTransformed;
  load: (inventory: Inventory, t: ServiceTransformed) => void;
}

const READERS: Record<ServiceInputKind, ServiceReader> = {
  'cloudformation-stacks': { list: { key: 'Stacks', markers: ['StackName'] }, ...stacks },
  'cloudformation-stack-sets': {
    single: { wrapper: 'StackSet', markers: ['StackSetName', 'StackSetARN'] },
    ...stackSets,
  },
  'codebuild-projects': {
    list: { key: 'projects', markers: ['serviceRole', 'source', 'environment'] },
    ...codebuild,
  },
  'sagemaker-notebooks': {
    list: { key: 'NotebookInstances', markers: ['NotebookInstanceName'] },
    single: { markers: ['NotebookInstanceArn'] },
    ...sagemaker,
  },
  'glue-dev-endpoints': {
    list: { key: 'DevEndpoints', markers: ['EndpointName'] },
    single: { wrapper: 'DevEndpoint', markers: ['EndpointName'] },
    ...glueDevEndpoints,
  },
  'glue-jobs': {
    list: { key: 'Jobs', markers: ['Command'] },
    single: { wrapper: 'Job', markers: ['Command'] },
    ...glueJobs,
  },
  'ecs-task-definitions': {
    list: { key: 'taskDefinitions', markers: ['taskDefinitionArn'] },
    single: { wrapper: 'taskDefinition', markers: ['taskDefinitionArn'] },
    ...ecs,
  },
  'apprunner-services': { single: { wrapper: 'Service', markers: ['ServiceArn'] }, ...apprunner },
  'bedrock-code-interpreters': { single: { markers: ['codeInterpreterArn'] }, ...bedrock },
  'ec2-launch-templates': {
    list: { key: 'LaunchTemplateVersions', markers: ['LaunchTemplateId'] },
    ...launchTemplates,
  },
};

const KINDS = Object.keys(READERS) as ServiceInputKind[];

/** Checks a sample of a list, as detect.ts does: detection must stay cheap. */
function sample(list: unknown[]): unknown[] {
  return list.length <= 10 ? list : [...list.slice(0, 5), ...list.slice(-5)];
}

const hasMarker = (v: unknown, markers: readonly string[]): boolean =>
  isObject(v) && markers.some((m) => m in v);

/** A single output (wrapped or flat) of this reader. */
function isSingle(v: unknown, r: ServiceReader): boolean {
  if (r.single === undefined || !isObject(v)) return false;
  const { wrapper, markers } = r.single;
  return wrapper === undefined ? hasMarker(v, markers) : hasMarker(v[wrapper], markers);
}

function matches(raw: unknown, r: ServiceReader): boolean {
  if (Array.isArray(raw)) return raw.length > 0 && sample(raw).every((v) => isSingle(v, r));
  if (!isObject(raw)) return false;
  if (r.list !== undefined && r.list.key in raw) {
    const list = raw[r.list.key];
    // Not a list, or empty: this reader's output by its key (a broken one is reported by transform).
    if (!Array.isArray(list) || list.length === 0) return true;
    const markers = r.list.markers;
    return sample(list).some((v) => hasMarker(v, markers));
  }
  return isSingle(raw, r);
}

/** The service-resource kind of a parsed document, or null when it is none of them. */
export function detectServiceKind(raw: unknown): ServiceInputKind | null {
  return KINDS.find((k) => matches(raw, READERS[k])) ?? null;
}

/** Whether an input kind is one of the service-resource kinds. */
export function isServiceKind(kind: InputKind): kind is ServiceInputKind {
  return Object.hasOwn(READERS, kind);
}

/** Transforms a document `detectServiceKind` recognised. Pure. */
export function transformService(kind: ServiceInputKind, raw: unknown, file: string): ServiceTransformed {
  return READERS[kind].transform(raw, file);
}

/** Loads one transformed service-resource file into the inventory. */
export function loadService(kind: ServiceInputKind, inventory: Inventory, t: ServiceTransformed): void {
  READERS[kind].load(inventory, t);
}

/** The outputs these readers take, for the "not a recognised AWS export" error. */
export const SERVICE_EXPECTED =
  'describe-stacks, describe-stack-set, batch-get-projects, describe-notebook-instance, get-dev-endpoints, ' +
  'get-jobs, describe-task-definition, apprunner describe-service, get-code-interpreter, ' +
  'describe-launch-template-versions';
