import { describe, expect, it } from 'vitest';
import { transform } from './apprunner.js';
import { inventoryFromRaw } from './from-raw.js';

const SVC = 'arn:aws:apprunner:eu-west-1:100000000001:service/';
const service = (name: string, over: Record<string, unknown> = {}) => ({
  Service: {
    ServiceName: name,
    ServiceId: '8fe1e10304f84fd2b0df550fe98a71fa',
    ServiceArn: `${SVC}${name}/8fe1e10304f84fd2b0df550fe98a71fa`,
    ServiceUrl: 'abcd1234.eu-west-1.awsapprunner.com',
    CreatedAt: '2024-04-01T10:00:00+00:00',
    UpdatedAt: '2024-04-01T10:00:00+00:00',
    Status: 'RUNNING',
    SourceConfiguration: {
      ImageRepository: { ImageIdentifier: 'public.ecr.aws/x/y:latest', ImageRepositoryType: 'ECR_PUBLIC' },
    },
    InstanceConfiguration: {
      Cpu: '1024',
      Memory: '2048',
      InstanceRoleArn: 'arn:aws:iam::100000000001:role/apprunner-instance',
    },
    ...over,
  },
});

describe('apprunner: describe-service', () => {
  it('reads a service and its instance role', () => {
    const { inventory, inputs } = inventoryFromRaw([{ file: 'svc.json', raw: service('web') }]);
    expect(inputs).toEqual([{ path: 'svc.json', kind: 'apprunner-services', records: 1, errors: [] }]);
    expect(inventory.serviceResources).toEqual([
      {
        kind: 'apprunner-service',
        arn: `${SVC}web/8fe1e10304f84fd2b0df550fe98a71fa`,
        name: 'web',
        accountId: '100000000001',
        region: 'eu-west-1',
        roleArn: 'arn:aws:iam::100000000001:role/apprunner-instance',
      },
    ]);
  });

  it('reads a list of outputs: no instance role is null, deleted services are left out, bad ARNs reported', () => {
    const t = transform(
      [
        service('a', { InstanceConfiguration: { Cpu: '1024', Memory: '2048' } }),
        service('b', { Status: 'DELETED' }),
        service('c', { ServiceArn: 'arn:aws:apprunner:eu-west-1:100000000001:connection/c' }),
      ],
      'svc.json',
    );
    expect(t.resources.map((r) => [r.name, r.roleArn])).toEqual([['a', null]]);
    expect(t.errors).toEqual([
      { where: 'svc.json [2].Service (c)', reason: 'service c has no valid ServiceArn' },
    ]);
  });
});
