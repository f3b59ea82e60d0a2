import { describe, expect, it } from 'vitest';
import { transform as transformSets } from './cloudformation-stack-sets.js';
import { transform } from './cloudformation-stacks.js';
import { inventoryFromRaw } from './from-raw.js';
import { readFixture } from './test-utils/fixture.js';

const STACK = 'arn:aws:cloudformation:us-east-1:100000000001:stack/app/0f1e2d3c-aaaa-bbbb-cccc-0123456789ab';

describe('cloudformation: describe-stacks', () => {
  it('reads stacks with their service role, region and account from StackId; deleted stacks are left out', () => {
    const { inventory, inputs } = inventoryFromRaw([
      { file: 'stacks.json', raw: readFixture('cloudformation-stacks.json') },
    ]);
    expect(inputs).toEqual([{ path: 'stacks.json', kind: 'cloudformation-stacks', records: 2, errors: [] }]);
    expect(inventory.serviceResources).toEqual([
      {
        kind: 'cloudformation-stack',
        arn: 'arn:aws:cloudformation:us-east-1:100000000001:stack/network-baseline/4b3c2d10-1a2b-11ef-9c3d-0a1b2c3d4e5f',
        name: 'network-baseline',
        accountId: '100000000001',
        region: 'us-east-1',
        roleArn: 'arn:aws:iam::100000000001:role/cfn-deployer',
      },
      {
        kind: 'cloudformation-stack',
        arn: 'arn:aws:cloudformation:eu-west-1:100000000001:stack/static-site/9f8e7d60-2b3c-11ef-8a7b-06c5d4e3f2a1',
        name: 'static-site',
        accountId: '100000000001',
        region: 'eu-west-1',
        roleArn: null, // no service role: CloudFormation acts with the caller's permissions
      },
    ]);
    expect([...(inventory.coverage.serviceResourceAccounts?.['cloudformation-stack'] ?? [])]).toEqual([
      '100000000001',
    ]);
  });

  it('reports bad records by file, index and name, and keeps the rest', () => {
    const t = transform(
      {
        Stacks: [
          'not-a-stack',
          { StackId: STACK },
          { StackName: 'bad-id', StackId: 'arn:aws:s3:::bucket' },
          { StackName: 'bad-role', StackId: STACK, RoleARN: 'arn:aws:iam::100000000001:user/alice' },
          { StackName: 'app', StackId: STACK, RoleARN: 'arn:aws:iam::100000000001:role/deploy' },
        ],
      },
      'stacks.json',
    );
    expect(t.errors).toEqual([
      { where: 'stacks.json Stacks[0]', reason: 'stack is not an object' },
      { where: `stacks.json Stacks[1] (${STACK.slice(0, 80)}…)`, reason: 'stack has no StackName' },
      { where: 'stacks.json Stacks[2] (bad-id)', reason: 'stack bad-id has no valid StackId' },
      { where: 'stacks.json Stacks[3] (bad-role)', reason: 'stack bad-role has an invalid RoleARN' },
    ]);
    expect(t.resources.map((r) => r.name)).toEqual(['app']);
  });

  it('reports a Stacks that is not a list as a file error', () => {
    expect(transform({ Stacks: { StackName: 'x' } }, 's.json').errors).toEqual([
      { where: 's.json', reason: 'Stacks is not a list' },
    ]);
  });
});

describe('cloudformation: describe-stack-set', () => {
  const set = (name: string, over: Record<string, unknown> = {}) => ({
    StackSet: {
      StackSetName: name,
      StackSetId: `${name}:6b8f3c1e-1111-2222-3333-444455556666`,
      Status: 'ACTIVE',
      StackSetARN: `arn:aws:cloudformation:us-east-1:100000000001:stackset/${name}:6b8f3c1e-1111-2222-3333-444455556666`,
      AdministrationRoleARN: 'arn:aws:iam::100000000001:role/AWSCloudFormationStackSetAdministrationRole',
      ExecutionRoleName: 'AWSCloudFormationStackSetExecutionRole',
      PermissionModel: 'SELF_MANAGED',
      ...over,
    },
  });

  it('reads one output and a list of outputs, with the administration role; deleted sets are left out', () => {
    const one = inventoryFromRaw([{ file: 'set.json', raw: set('baseline') }]);
    expect(one.inputs[0]).toMatchObject({ kind: 'cloudformation-stack-sets', records: 1, errors: [] });
    expect(one.inventory.serviceResources).toEqual([
      {
        kind: 'cloudformation-stack-set',
        arn: 'arn:aws:cloudformation:us-east-1:100000000001:stackset/baseline:6b8f3c1e-1111-2222-3333-444455556666',
        name: 'baseline',
        accountId: '100000000001',
        region: 'us-east-1',
        roleArn: 'arn:aws:iam::100000000001:role/AWSCloudFormationStackSetAdministrationRole',
      },
    ]);
    const many = transformSets(
      [
        set('a'),
        set('b', { AdministrationRoleARN: undefined, PermissionModel: 'SERVICE_MANAGED' }),
        set('c', { Status: 'DELETED' }),
      ],
      'sets.json',
    );
    expect(many.errors).toEqual([]);
    expect(many.resources.map((r) => [r.name, r.roleArn])).toEqual([
      ['a', 'arn:aws:iam::100000000001:role/AWSCloudFormationStackSetAdministrationRole'],
      ['b', null],
    ]);
  });

  it('reports a stack set without a valid ARN', () => {
    expect(transformSets([set('x', { StackSetARN: 'x:y' })], 'sets.json').errors).toEqual([
      { where: 'sets.json [0].StackSet (x)', reason: 'stack set x has no valid StackSetARN' },
    ]);
  });
});
