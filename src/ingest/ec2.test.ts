import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { partitionOfRegion, regionOfZone, transform } from './ec2.js';
import { inventoryFromRaw } from './from-raw.js';

const fixture = (): unknown =>
  JSON.parse(
    readFileSync(
      path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/ec2-instances.json'),
      'utf8',
    ),
  );

describe('ec2: describe-instances', () => {
  it('reads every instance with its account, region, profile and public IP', () => {
    const { inventory, inputs } = inventoryFromRaw([{ file: 'ec2.json', raw: fixture() }]);
    expect(inputs).toEqual([{ path: 'ec2.json', kind: 'ec2-instances', records: 3, errors: [] }]);
    expect(inventory.instances[0]).toEqual({
      arn: 'arn:aws:ec2:us-east-1:100000000001:instance/i-0a1b2c3d4e5f60001',
      instanceId: 'i-0a1b2c3d4e5f60001',
      accountId: '100000000001',
      region: 'us-east-1',
      name: 'web-1',
      state: 'running',
      publicIp: '203.0.113.10',
      instanceProfileArn: 'arn:aws:iam::100000000001:instance-profile/web-server',
      launchTime: '2024-04-01T10:00:00.000Z',
      tags: { Name: 'web-1', env: 'prod' },
    });
    expect(inventory.instances[1]).toMatchObject({
      region: 'us-west-2',
      name: null,
      publicIp: null,
      instanceProfileArn: null,
      state: 'stopped',
    });
    expect(inventory.instances[2]).toMatchObject({ accountId: '100000000002', region: 'eu-central-1' });
    expect([...inventory.coverage.ec2Accounts].sort()).toEqual(['100000000001', '100000000002']);
  });

  it('derives regions from zone names, local and wavelength zones included', () => {
    const cases: [string, string | null][] = [
      ['us-east-1a', 'us-east-1'],
      ['us-west-2-lax-1a', 'us-west-2'],
      ['us-east-1-wl1-bos-wlz-1', 'us-east-1'],
      ['us-gov-west-1b', 'us-gov-west-1'],
      ['cn-north-1a', 'cn-north-1'],
      ['ap-southeast-4c', 'ap-southeast-4'],
      ['us-east-1', null],
      ['bogus', null],
      ['', null],
    ];
    for (const [zone, region] of cases) expect(regionOfZone(zone), zone).toBe(region);
    expect(partitionOfRegion('cn-north-1')).toBe('aws-cn');
    expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOfRegion('eu-west-1')).toBe('aws');
  });

  it('reports bad reservations and instances and keeps the rest', () => {
    const t = transform(
      {
        Reservations: [
          {
            OwnerId: 'nobody',
            Instances: [{ InstanceId: 'i-0123456789abcdef0', Placement: { AvailabilityZone: 'us-east-1a' } }],
          },
          {
            OwnerId: '100000000001',
            Instances: [
              { InstanceId: 'i-0123456789abcdef1', Placement: {} },
              { InstanceId: 'i-0123456789abcdef2', Placement: { AvailabilityZone: 'eu-west-1c' } },
            ],
          },
        ],
      },
      'ec2.json',
    );
    expect(t.errors).toEqual([
      { where: 'ec2.json Reservations[0]', reason: 'reservation has no valid OwnerId' },
      {
        where: 'ec2.json Reservations[1].Instances[0] (i-0123456789abcdef1)',
        reason: 'instance i-0123456789abcdef1 has no valid Placement.AvailabilityZone',
      },
    ]);
    expect(t.instances.map((i) => i.instanceId)).toEqual(['i-0123456789abcdef2']);
    expect(t.accounts).toEqual(['100000000001']);
  });

  it('refuses a document whose Reservations is not a list', () => {
    const t = transform({ Reservations: 'none' }, 'ec2.json');
    expect(t.errors).toEqual([{ where: 'ec2.json', reason: 'Reservations is not a list' }]);
  });
});
