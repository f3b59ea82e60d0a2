import { describe, expect, it } from 'vitest';
import { transform } from './codebuild.js';
import { inventoryFromRaw } from './from-raw.js';
import { readFixture } from './test-utils/fixture.js';

const ARN = 'arn:aws:codebuild:us-east-1:100000000001:project/';

describe('codebuild: batch-get-projects', () => {
  it('reads projects with their service role (path kept); projectsNotFound is not a project', () => {
    const { inventory, inputs } = inventoryFromRaw([
      { file: 'cb.json', raw: readFixture('codebuild-projects.json') },
    ]);
    expect(inputs).toEqual([{ path: 'cb.json', kind: 'codebuild-projects', records: 1, errors: [] }]);
    expect(inventory.serviceResources).toEqual([
      {
        kind: 'codebuild-project',
        arn: `${ARN}api-build`,
        name: 'api-build',
        accountId: '100000000001',
        region: 'us-east-1',
        roleArn: 'arn:aws:iam::100000000001:role/service-role/codebuild-api-build-service-role',
      },
    ]);
  });

  it('reports projects without a name, a valid arn or a role-shaped serviceRole', () => {
    const t = transform(
      {
        projects: [
          { arn: `${ARN}a` },
          { name: 'b', arn: 'arn:aws:codebuild:us-east-1:100000000001:report-group/b' },
          { name: 'c', arn: `${ARN}c`, serviceRole: 'arn:aws:iam::100000000001:policy/p' },
          { name: 'd', arn: `${ARN}d`, serviceRole: 'has spaces' },
          { name: 'e', arn: `${ARN}e` },
        ],
      },
      'cb.json',
    );
    expect(t.errors).toEqual([
      { where: `cb.json projects[0] (${ARN}a)`, reason: 'project has no name' },
      { where: 'cb.json projects[1] (b)', reason: 'project b has no valid arn' },
      { where: 'cb.json projects[2] (c)', reason: 'project c has an invalid serviceRole' },
      { where: 'cb.json projects[3] (d)', reason: 'project d has an invalid serviceRole' },
    ]);
    // A project without serviceRole is kept with a null role, never ''.
    expect(t.resources).toEqual([expect.objectContaining({ name: 'e', roleArn: null })]);
  });
});
