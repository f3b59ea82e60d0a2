import { describe, expect, it } from 'vitest';
import { transform } from './ecs.js';
import { inventoryFromRaw } from './from-raw.js';
import { readFixture } from './test-utils/fixture.js';

const TD = 'arn:aws:ecs:us-east-1:100000000001:task-definition/';
const output = readFixture('ecs-task-definition.json') as { taskDefinition: Record<string, unknown> };
const revision = (n: number, over: Record<string, unknown> = {}) => ({
  taskDefinition: {
    ...output.taskDefinition,
    taskDefinitionArn: `${TD}report-worker:${n}`,
    revision: n,
    ...over,
  },
});

describe('ecs: describe-task-definition', () => {
  it('reads the task role (not the execution role)', () => {
    const { inventory, inputs } = inventoryFromRaw([{ file: 'td.json', raw: output }]);
    expect(inputs).toEqual([{ path: 'td.json', kind: 'ecs-task-definitions', records: 1, errors: [] }]);
    expect(inventory.serviceResources).toEqual([
      {
        kind: 'ecs-task-definition',
        arn: `${TD}report-worker:7`,
        name: 'report-worker:7',
        accountId: '100000000001',
        region: 'us-east-1',
        roleArn: 'arn:aws:iam::100000000001:role/report-worker-task',
      },
    ]);
  });

  it('reads a list of outputs and {taskDefinitions}; inactive revisions are left out', () => {
    const list = transform(
      [revision(5, { status: 'INACTIVE' }), revision(6, { taskRoleArn: undefined })],
      'l.json',
    );
    expect(list.errors).toEqual([]);
    expect(list.resources.map((r) => [r.name, r.roleArn])).toEqual([['report-worker:6', null]]);
    const wrapped = transform({ taskDefinitions: [revision(8).taskDefinition] }, 'w.json');
    expect(wrapped.resources.map((r) => r.name)).toEqual(['report-worker:8']);
  });

  it('reports a task definition with a bad ARN or task role', () => {
    const t = transform(
      [
        revision(1, { taskDefinitionArn: `${TD}`.replace('ecs', 'ecr') }),
        revision(2, { taskRoleArn: 'worker' }),
      ],
      'td.json',
    );
    expect(t.errors).toEqual([
      {
        where: 'td.json [0].taskDefinition (report-worker)',
        reason: 'task definition has no valid taskDefinitionArn',
      },
      {
        where: 'td.json [1].taskDefinition (report-worker:2)',
        reason: 'task definition report-worker:2 has an invalid taskRoleArn',
      },
    ]);
  });
});
