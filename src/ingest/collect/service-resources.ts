import type { AccountClients } from './clients.js';
import { getStacks, getStackSets, transformStacks, transformStackSets } from './cloudformation-stacks.js';
import { getProjects, transformProjects } from './codebuild.js';
import { getDefaultLaunchTemplateVersions, transformLaunchTemplateVersions } from './ec2.js';
import { getTaskDefinitions, transformTaskDefinitions } from './ecs.js';
import { getDevEndpoints, getJobs, transformDevEndpoints, transformJobs } from './glue.js';
import { getNotebookInstances, transformNotebookInstances } from './sagemaker.js';

/** One per-region collection of service resources the escalation graph reads. */
export interface ServiceResourceStep {
  service: string;
  what: string;
  /** The manifest's file kind (the scanner's input kind). */
  kind: string;
  /** `<account>/<service>/<region>/<file>`. */
  file: string;
  /**
   * Collects and transforms. `records` counts the entries; `doc` null writes nothing (a list of describe
   * outputs that is empty: `[]` is not a recognisable export).
   */
  run(clients: AccountClients, region: string, pageSize?: number): Promise<{ doc: unknown; records: number }>;
}

const listOf = (doc: unknown[]) => ({ doc: doc.length > 0 ? doc : null, records: doc.length });
/** A document with a list key (written even when empty), counting the entries it was made from. */
const counted = <T>(items: readonly T[], transform: (items: readonly T[]) => unknown) => ({
  doc: transform(items),
  records: items.length,
});

/** The service-resource steps, in the order they run in each region. */
export const SERVICE_RESOURCE_STEPS: readonly ServiceResourceStep[] = [
  {
    service: 'cloudformation',
    what: 'stacks',
    kind: 'cloudformation-stacks',
    file: 'describe-stacks.json',
    run: async (c, region) => counted(await getStacks(c.cloudformation(region)), transformStacks),
  },
  {
    service: 'cloudformation',
    what: 'stack-sets',
    kind: 'cloudformation-stack-sets',
    file: 'describe-stack-sets.json',
    run: async (c, region, pageSize) =>
      listOf(transformStackSets(await getStackSets(c.cloudformation(region), pageSize))),
  },
  {
    service: 'codebuild',
    what: 'projects',
    kind: 'codebuild-projects',
    file: 'batch-get-projects.json',
    run: async (c, region) => counted(await getProjects(c.codebuild(region)), transformProjects),
  },
  {
    service: 'sagemaker',
    what: 'notebook-instances',
    kind: 'sagemaker-notebooks',
    file: 'describe-notebook-instances.json',
    run: async (c, region, pageSize) =>
      listOf(transformNotebookInstances(await getNotebookInstances(c.sagemaker(region), pageSize))),
  },
  {
    service: 'glue',
    what: 'dev-endpoints',
    kind: 'glue-dev-endpoints',
    file: 'get-dev-endpoints.json',
    run: async (c, region, pageSize) =>
      counted(await getDevEndpoints(c.glue(region), pageSize), transformDevEndpoints),
  },
  {
    service: 'glue',
    what: 'jobs',
    kind: 'glue-jobs',
    file: 'get-jobs.json',
    run: async (c, region, pageSize) => counted(await getJobs(c.glue(region), pageSize), transformJobs),
  },
  {
    service: 'ecs',
    what: 'task-definitions',
    kind: 'ecs-task-definitions',
    file: 'describe-task-definitions.json',
    run: async (c, region, pageSize) =>
      listOf(transformTaskDefinitions(await getTaskDefinitions(c.ecs(region), pageSize))),
  },
  {
    service: 'ec2',
    what: 'launch-templates',
    kind: 'ec2-launch-templates',
    file: 'describe-launch-template-versions.json',
    run: async (c, region, pageSize) =>
      counted(
        await getDefaultLaunchTemplateVersions(c.ec2(region), pageSize),
        transformLaunchTemplateVersions,
      ),
  },
];
