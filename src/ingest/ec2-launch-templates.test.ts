import { describe, expect, it } from 'vitest';
import { gaad, role, trust } from '../rules/test-utils/gaad.js';
import { detectKind } from './detect.js';
import { transform } from './ec2-launch-templates.js';
import { inventoryFromRaw } from './from-raw.js';

const ACCOUNT = '100000000001';
const profileArn = (name: string) => `arn:aws:iam::${ACCOUNT}:instance-profile/${name}`;

/** One entry of `describe-launch-template-versions`, as the CLI prints it. */
const version = (
  over: Record<string, unknown> = {},
  profile: Record<string, unknown> | null = { Arn: profileArn('web') },
) => ({
  LaunchTemplateId: 'lt-0a1b2c3d4e5f60718',
  LaunchTemplateName: 'web-asg',
  VersionNumber: 1,
  CreateTime: '2025-03-01T09:00:00.000Z',
  CreatedBy: `arn:aws:sts::${ACCOUNT}:assumed-role/platform/ci`,
  DefaultVersion: true,
  LaunchTemplateData: {
    ImageId: 'ami-0abcdef1234567890',
    ...(profile === null ? {} : { IamInstanceProfile: profile }),
  },
  ...over,
});
const doc = (...versions: unknown[]) => ({ LaunchTemplateVersions: versions });
const iam = gaad({
  roles: [role('web-role', { trust: [trust({ Service: 'ec2.amazonaws.com' })], instanceProfile: 'web' })],
});
const TEMPLATE = `arn:aws:ec2:eu-west-1:${ACCOUNT}:launch-template/lt-0a1b2c3d4e5f60718`;

describe('ec2 describe-launch-template-versions', () => {
  it('is recognised by content; describe-launch-templates (no template data) is not', () => {
    expect(detectKind(doc(version()))).toBe('ec2-launch-templates');
    expect(detectKind({ LaunchTemplateVersions: [] })).toBe('ec2-launch-templates');
    expect(detectKind({ LaunchTemplates: [{ LaunchTemplateId: 'lt-0a1b2c3d4e5f60718' }] })).toBe('unknown');
  });

  it('reads the template, the region from the collect folder, and the role through the instance profile', () => {
    const { inventory, inputs } = inventoryFromRaw([
      { file: `${ACCOUNT}/ec2/eu-west-1/describe-launch-template-versions.json`, raw: doc(version()) },
      { file: 'gaad.json', raw: iam.raw },
    ]);
    expect(inputs.map((i) => [i.kind, i.records, i.errors])).toContainEqual(['ec2-launch-templates', 1, []]);
    expect(inventory.serviceResources).toEqual([
      {
        kind: 'ec2-launch-template',
        arn: TEMPLATE,
        name: 'web-asg',
        accountId: ACCOUNT,
        region: 'eu-west-1',
        roleArn: `arn:aws:iam::${ACCOUNT}:role/web-role`,
      },
    ]);
    expect([...(inventory.coverage.serviceResourceAccounts?.['ec2-launch-template'] ?? [])]).toEqual([
      ACCOUNT,
    ]);
  });

  it('resolves a profile given by name in the account; an unknown profile or none gives no role', () => {
    const byName = inventoryFromRaw([
      { file: 'lt.json', raw: doc(version({}, { Name: 'web' })) },
      { file: 'gaad.json', raw: iam.raw },
    ]).inventory.serviceResources;
    expect(byName?.map((r) => [r.arn, r.region, r.roleArn])).toEqual([
      [
        `arn:aws:ec2::${ACCOUNT}:launch-template/lt-0a1b2c3d4e5f60718`,
        null,
        `arn:aws:iam::${ACCOUNT}:role/web-role`,
      ],
    ]);
    for (const profile of [{ Name: 'nope' }, { Arn: profileArn('nope') }, null]) {
      const r = inventoryFromRaw([
        { file: 'lt.json', raw: doc(version({}, profile)) },
        { file: 'gaad.json', raw: iam.raw },
      ]).inventory.serviceResources;
      expect(r?.map((x) => x.roleArn)).toEqual([null]);
    }
  });

  it('keeps one resource per template: the default version’s profile, else the latest version with one', () => {
    const other = { Arn: profileArn('other') };
    const t1 = transform(
      doc(version({ VersionNumber: 1, DefaultVersion: false }, other), version({ VersionNumber: 2 })),
      'lt.json',
    );
    expect(t1.resources).toHaveLength(1);
    expect([...t1.roleRefs.values()]).toEqual([{ profileArn: profileArn('web') }]);
    const t2 = transform(
      doc(
        version({ VersionNumber: 3 }, null),
        version({ VersionNumber: 1, DefaultVersion: false }, other),
        version({ VersionNumber: 2, DefaultVersion: false }),
      ),
      'lt.json',
    );
    expect([...t2.roleRefs.values()]).toEqual([{ profileArn: profileArn('web') }]);
  });

  it('reports bad records with the file and keeps the good ones', () => {
    const t = transform(
      doc(
        version({ LaunchTemplateId: 'lt-../../x' }),
        version({ LaunchTemplateId: 'lt-0123456789abcdef0', CreatedBy: 'someone' }),
        version({ LaunchTemplateId: 'lt-0123456789abcdef1' }, { Arn: 'arn:aws:iam::1:role/x' }),
        version({ LaunchTemplateId: 'lt-0123456789abcdef2' }, { Name: 'bad name\u001b[31m' }),
        'not a version',
        version(),
      ),
      'lt.json',
    );
    expect(t.resources.map((r) => r.name)).toEqual(['web-asg']);
    expect(t.errors.map((e) => e.reason)).toEqual([
      'no valid LaunchTemplateId',
      'launch template lt-0123456789abcdef0 has no valid CreatedBy ARN',
      'launch template lt-0123456789abcdef1 has an invalid instance profile ARN',
      'launch template lt-0123456789abcdef2 has an invalid instance profile name',
      'launch template version is not an object',
    ]);
    expect(t.errors.every((e) => e.where.startsWith('lt.json LaunchTemplateVersions['))).toBe(true);
    expect(transform({ LaunchTemplateVersions: 'x' }, 'lt.json').errors).toEqual([
      { where: 'lt.json', reason: 'LaunchTemplateVersions is not a list' },
    ]);
  });
});
