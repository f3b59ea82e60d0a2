import { describe, expect, it } from 'vitest';
import { inventoryFromRaw } from './from-raw.js';
import { transform as transformEndpoints } from './glue-dev-endpoints.js';
import { transform as transformJobs } from './glue-jobs.js';
import { readFixture } from './test-utils/fixture.js';

const ROLE = 'arn:aws:iam::100000000001:role/';

describe('glue: get-dev-endpoints', () => {
  it('reads endpoints: account from RoleArn, region from the zone, null region outside a VPC', () => {
    const { inventory, inputs } = inventoryFromRaw([
      { file: 'de.json', raw: readFixture('glue-dev-endpoints.json') },
    ]);
    expect(inputs).toEqual([{ path: 'de.json', kind: 'glue-dev-endpoints', records: 2, errors: [] }]);
    expect(inventory.serviceResources).toEqual([
      {
        kind: 'glue-dev-endpoint',
        arn: 'arn:aws:glue:eu-central-1:100000000001:devEndpoint/etl-dev',
        name: 'etl-dev',
        accountId: '100000000001',
        region: 'eu-central-1',
        roleArn: `${ROLE}AWSGlueServiceRole-dev`,
      },
      {
        kind: 'glue-dev-endpoint',
        arn: 'arn:aws:glue::100000000001:devEndpoint/public-dev',
        name: 'public-dev',
        accountId: '100000000001',
        region: null,
        roleArn: `${ROLE}AWSGlueServiceRole-dev`,
      },
    ]);
  });

  it('reports an endpoint without a role ARN (its account is unknown)', () => {
    expect(
      transformEndpoints({ DevEndpoint: { EndpointName: 'x', RoleArn: 'GlueRole' } }, 'de.json').errors,
    ).toEqual([{ where: 'de.json DevEndpoint (x)', reason: 'dev endpoint x has no valid RoleArn' }]);
  });
});

describe('glue: get-jobs', () => {
  it('reads jobs: a role name takes the account and region the rest of the file shows', () => {
    const t = transformJobs(readFixture('glue-jobs.json'), 'jobs.json');
    expect(t.errors).toEqual([]);
    expect(t.resources).toEqual([
      {
        kind: 'glue-job',
        arn: 'arn:aws:glue:ap-southeast-2:100000000001:job/nightly-orders',
        name: 'nightly-orders',
        accountId: '100000000001',
        region: 'ap-southeast-2',
        roleArn: `${ROLE}service-role/AWSGlueServiceRole-orders`,
      },
      {
        kind: 'glue-job',
        arn: 'arn:aws:glue:ap-southeast-2:100000000001:job/my-testing-job',
        name: 'my-testing-job',
        accountId: '100000000001',
        region: 'ap-southeast-2',
        roleArn: `${ROLE}Glue_DefaultRole`,
      },
    ]);
  });

  it('resolves a role name to the real role ARN (with its path), whatever the file order', () => {
    const iam = {
      RoleDetailList: [
        {
          RoleName: 'Glue_DefaultRole',
          RoleId: 'AROAGLUEDEFAULT',
          Path: '/service-role/',
          Arn: `${ROLE}service-role/Glue_DefaultRole`,
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
          RolePolicyList: [],
          AttachedManagedPolicies: [],
          InstanceProfileList: [],
          Tags: [],
        },
      ],
    };
    // 'a-jobs.json' sorts before the IAM file: names must still resolve.
    const { inventory } = inventoryFromRaw([
      { file: 'a-jobs.json', raw: readFixture('glue-jobs.json') },
      { file: 'z-iam.json', raw: iam },
    ]);
    const job = inventory.serviceResources?.find((r) => r.name === 'my-testing-job');
    expect(job?.roleArn).toBe(`${ROLE}service-role/Glue_DefaultRole`);
  });

  it('never guesses an account: a role name with nothing else in the file is an error', () => {
    const t = transformJobs(
      {
        Job: {
          Name: 'lonely',
          Role: 'Glue_DefaultRole',
          Command: { Name: 'glueetl', ScriptLocation: 's3://b/x.py' },
        },
      },
      'job.json',
    );
    expect(t.resources).toEqual([]);
    expect(t.errors).toEqual([
      {
        where: 'job.json Job (lonely)',
        reason: 'job lonely: Role is a name and nothing in the file shows the account',
      },
    ]);
  });

  it('takes the account from the role ARN with a null region when no bucket shows it', () => {
    const t = transformJobs(
      { Jobs: [{ Name: 'j', Role: `${ROLE}r`, Command: { Name: 'pythonshell' } }] },
      'j.json',
    );
    expect(t.resources).toEqual([
      expect.objectContaining({ arn: 'arn:aws:glue::100000000001:job/j', region: null, roleArn: `${ROLE}r` }),
    ]);
  });

  it('reports jobs without a name or role, or with a role that is neither a name nor a role ARN', () => {
    const t = transformJobs(
      {
        Jobs: [
          { Role: `${ROLE}r`, Command: {} },
          { Name: 'no-role', Command: {} },
          { Name: 'bad', Role: 'arn:aws:iam::100000000001:user/u', Command: {} },
        ],
      },
      'j.json',
    );
    expect(t.errors.map((e) => e.where)).toEqual([
      'j.json Jobs[0]',
      'j.json Jobs[1] (no-role)',
      'j.json Jobs[2] (bad)',
    ]);
    // The other job shows the account; a user ARN is still not a role.
    expect(t.errors[2]?.reason).toBe('job bad has an invalid Role');
  });
});
