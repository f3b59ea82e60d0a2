import { describe, expect, it } from 'vitest';
import { transform } from './bedrock-agentcore.js';
import { inventoryFromRaw } from './from-raw.js';

const CI = 'arn:aws:bedrock-agentcore:us-west-2:100000000001:code-interpreter-custom/';
const interpreter = (name: string, over: Record<string, unknown> = {}) => ({
  codeInterpreterId: `${name}-abc123def0`,
  codeInterpreterArn: `${CI}${name}-abc123def0`,
  name,
  description: 'analysis sandbox',
  executionRoleArn: 'arn:aws:iam::100000000001:role/agentcore-ci',
  networkConfiguration: { networkMode: 'SANDBOX' },
  status: 'READY',
  createdAt: '2025-07-20T10:00:00Z',
  lastUpdatedAt: '2025-07-20T10:00:00Z',
  ...over,
});

describe('bedrock-agentcore: get-code-interpreter', () => {
  it('reads an interpreter and its execution role', () => {
    const { inventory, inputs } = inventoryFromRaw([{ file: 'ci.json', raw: interpreter('analysis') }]);
    expect(inputs).toEqual([{ path: 'ci.json', kind: 'bedrock-code-interpreters', records: 1, errors: [] }]);
    expect(inventory.serviceResources).toEqual([
      {
        kind: 'bedrock-code-interpreter',
        arn: `${CI}analysis-abc123def0`,
        name: 'analysis',
        accountId: '100000000001',
        region: 'us-west-2',
        roleArn: 'arn:aws:iam::100000000001:role/agentcore-ci',
      },
    ]);
  });

  it('leaves out the built-in and deleted interpreters; reports a bad role', () => {
    const t = transform(
      [
        interpreter('builtin', {
          codeInterpreterArn:
            'arn:aws:bedrock-agentcore:us-west-2:aws:code-interpreter/aws.codeinterpreter.v1',
        }),
        interpreter('gone', { status: 'DELETED' }),
        interpreter('bad', { executionRoleArn: 'arn:aws:iam::100000000001:group/g' }),
      ],
      'ci.json',
    );
    expect(t.resources).toEqual([]);
    expect(t.errors).toEqual([
      { where: 'ci.json [2] (bad)', reason: 'code interpreter bad has an invalid executionRoleArn' },
    ]);
  });
});
