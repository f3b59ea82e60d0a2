import { describe, expect, it } from 'vitest';
import { inventoryFromRaw } from './from-raw.js';
import { transform } from './sagemaker.js';
import { readFixture } from './test-utils/fixture.js';

const NB = 'arn:aws:sagemaker:us-west-2:100000000001:notebook-instance/';

describe('sagemaker: describe-notebook-instance', () => {
  it('reads a list of describe outputs with their role', () => {
    const { inventory, inputs } = inventoryFromRaw([
      { file: 'nb.json', raw: readFixture('sagemaker-notebooks.json') },
    ]);
    expect(inputs).toEqual([{ path: 'nb.json', kind: 'sagemaker-notebooks', records: 2, errors: [] }]);
    expect(inventory.serviceResources?.map((r) => [r.kind, r.arn, r.region, r.roleArn])).toEqual([
      [
        'sagemaker-notebook',
        `${NB}research-nb`,
        'us-west-2',
        'arn:aws:iam::100000000001:role/service-role/AmazonSageMaker-ExecutionRole-20240101T000000',
      ],
      ['sagemaker-notebook', `${NB}scratch`, 'us-west-2', 'arn:aws:iam::100000000001:role/sagemaker-scratch'],
    ]);
  });

  it('reads a single describe output', () => {
    const raw = (readFixture('sagemaker-notebooks.json') as unknown[])[1];
    const { inputs, inventory } = inventoryFromRaw([{ file: 'one.json', raw }]);
    expect(inputs[0]).toMatchObject({ kind: 'sagemaker-notebooks', records: 1, errors: [] });
    expect(inventory.serviceResources?.[0]?.name).toBe('scratch');
  });

  it('recognises list-notebook-instances but never invents a role: each entry is an error saying what to run', () => {
    const raw = {
      NotebookInstances: [
        {
          NotebookInstanceName: 'research-nb',
          NotebookInstanceArn: `${NB}research-nb`,
          NotebookInstanceStatus: 'InService',
          InstanceType: 'ml.t3.medium',
        },
      ],
    };
    const { inputs, inventory } = inventoryFromRaw([{ file: 'list.json', raw }]);
    expect(inputs).toEqual([
      {
        path: 'list.json',
        kind: 'sagemaker-notebooks',
        records: 0,
        errors: [
          {
            where: 'list.json NotebookInstances[0] (research-nb)',
            reason:
              'notebook instance research-nb has no RoleArn (list-notebook-instances omits it: use describe-notebook-instance)',
          },
        ],
      },
    ]);
    expect(inventory.serviceResources).toEqual([]);
  });

  it('reports a notebook with a bad ARN or role', () => {
    const t = transform(
      [
        {
          NotebookInstanceName: 'a',
          NotebookInstanceArn: 'arn:aws:sagemaker:us-west-2:1:notebook-instance/a',
          RoleArn: 'x',
        },
        { NotebookInstanceName: 'b', NotebookInstanceArn: `${NB}b`, RoleArn: 'Glue_DefaultRole' },
      ],
      'nb.json',
    );
    expect(t.errors).toEqual([
      { where: 'nb.json [0] (a)', reason: 'notebook instance a has no valid NotebookInstanceArn' },
      { where: 'nb.json [1] (b)', reason: 'notebook instance b has no valid RoleArn' },
    ]);
  });
});
