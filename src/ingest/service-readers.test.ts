import { describe, expect, it } from 'vitest';
import type { InputKind } from '../model/input.js';
import { detectKind } from './detect.js';
import { inventoryFromRaw } from './from-raw.js';
import { readFixture } from './test-utils/fixture.js';

const td = readFixture('ecs-task-definition.json');
const notebooks = readFixture('sagemaker-notebooks.json') as unknown[];

describe('service-resource readers: detection by content', () => {
  const cases: [string, unknown, InputKind][] = [
    ['describe-stacks', readFixture('cloudformation-stacks.json'), 'cloudformation-stacks'],
    ['describe-stacks, no stacks', { Stacks: [] }, 'cloudformation-stacks'],
    [
      'describe-stack-set',
      { StackSet: { StackSetName: 's', StackSetARN: 'x' } },
      'cloudformation-stack-sets',
    ],
    ['batch-get-projects', readFixture('codebuild-projects.json'), 'codebuild-projects'],
    ['describe-notebook-instance list', notebooks, 'sagemaker-notebooks'],
    ['describe-notebook-instance', notebooks[0], 'sagemaker-notebooks'],
    [
      'list-notebook-instances',
      { NotebookInstances: [{ NotebookInstanceName: 'n' }] },
      'sagemaker-notebooks',
    ],
    ['get-dev-endpoints', readFixture('glue-dev-endpoints.json'), 'glue-dev-endpoints'],
    ['get-jobs', readFixture('glue-jobs.json'), 'glue-jobs'],
    ['get-job', { Job: { Name: 'j', Role: 'r', Command: {} } }, 'glue-jobs'],
    ['describe-task-definition', td, 'ecs-task-definitions'],
    ['describe-task-definition list', [td, td], 'ecs-task-definitions'],
    ['apprunner describe-service', { Service: { ServiceName: 's', ServiceArn: 'x' } }, 'apprunner-services'],
    ['get-code-interpreter', { codeInterpreterArn: 'x', name: 'n' }, 'bedrock-code-interpreters'],
    // Look-alikes of other services must not be read as these.
    ['opsworks describe-stacks', { Stacks: [{ StackId: 'uuid', Name: 'ops', Arn: 'arn' }] }, 'unknown'],
    ['device farm list-projects', { projects: [{ arn: 'arn:aws:devicefarm:x', name: 'p' }] }, 'unknown'],
    ['mediaconvert list-jobs', { Jobs: [{ Arn: 'a', Id: 'i', Role: 'r', Settings: {} }] }, 'unknown'],
    ['ecs list-task-definitions (ARNs only)', { taskDefinitionArns: ['arn:aws:ecs:…'] }, 'unknown'],
    ['ecs describe-services', { services: [{ serviceArn: 'x' }] }, 'unknown'],
    ['a list mixing outputs', [td, notebooks[0]], 'unknown'],
    ['an empty list', [], 'unknown'],
  ];
  for (const [name, raw, kind] of cases) {
    it(`${name} → ${kind}`, () => expect(detectKind(raw)).toBe(kind));
  }

  it('does not depend on the file name', () => {
    const { inputs } = inventoryFromRaw([
      { file: 'lambda/list-functions.json', raw: readFixture('cloudformation-stacks.json') },
      { file: 'cloudformation/describe-stacks.json', raw: { Functions: [] } },
    ]);
    expect(inputs.map((i) => [i.path, i.kind])).toEqual([
      ['cloudformation/describe-stacks.json', 'lambda-functions'],
      ['lambda/list-functions.json', 'cloudformation-stacks'],
    ]);
  });

  it('names these outputs in the "not recognised" error', () => {
    const { inputs } = inventoryFromRaw([{ file: 'x.json', raw: { Something: [] } }]);
    expect(inputs[0]?.errors[0]?.reason).toMatch(/describe-stacks, .*get-jobs, describe-task-definition/);
  });

  it('keeps the resources of several files once per ARN, with coverage per kind', () => {
    const stacks = readFixture('cloudformation-stacks.json');
    const { inventory } = inventoryFromRaw([
      { file: 'a.json', raw: stacks },
      { file: 'b.json', raw: stacks },
      { file: 'c.json', raw: td },
    ]);
    expect(inventory.serviceResources?.map((r) => r.kind)).toEqual([
      'cloudformation-stack',
      'cloudformation-stack',
      'ecs-task-definition',
    ]);
    const cov = inventory.coverage.serviceResourceAccounts;
    expect(Object.keys(cov ?? {}).sort()).toEqual(['cloudformation-stack', 'ecs-task-definition']);
    expect(cov?.['codebuild-project']).toBeUndefined();
  });
});
