import { describe, expect, it } from 'vitest';
import { privilegeEscalation } from './privilege-escalation.js';
import { runRule } from './run.js';
import { buildContext, ruleTester } from './test-utils/rule-tester.js';
import {
  ACCOUNT,
  ADMIN_ARN,
  administratorAccess,
  allow,
  doc,
  gaad,
  group,
  managedPolicy,
  user,
} from './test-utils/gaad.js';

const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const TOOLS = arn('policy', 'dev-tools');
const S3_ONLY = arn('policy', 's3-only');
// The group's own managed policy lets its holder write a new default version of any policy, itself included.
const tools = managedPolicy(TOOLS, doc(allow(['s3:GetObject', 'iam:CreatePolicyVersion'], '*')));
const s3Only = managedPolicy(S3_ONLY, doc(allow('s3:*')));

ruleTester(privilegeEscalation, {
  fires: [
    {
      name: 'group with iam:CreatePolicyVersion on *: the group and its member, path from the group',
      inputs: [
        gaad({
          users: [user('alice', { groups: ['dev'] })],
          groups: [group('dev', { attached: [TOOLS] })],
          policies: [tools],
        }),
      ],
      expect: [
        {
          resourceArn: arn('group', 'dev'),
          message: /^dev can escalate to administrator in 1 step\(s\) \(iam-001\)/,
          evidence: { conditional: false },
          path: [expect.objectContaining({ from: arn('group', 'dev'), technique: 'iam-001' })],
        },
        { resourceArn: arn('user', 'alice') },
      ],
    },
    {
      name: 'empty group: the risk is in the grant, adding a user is enough',
      inputs: [gaad({ groups: [group('dev', { attached: [TOOLS] })], policies: [tools] })],
      expect: [
        { resourceArn: arn('group', 'dev'), path: [expect.objectContaining({ technique: 'iam-001' })] },
      ],
    },
    {
      name: 'a member capped by a boundary is silent, the group still fires (future members have none)',
      inputs: [
        gaad({
          users: [user('alice', { groups: ['dev'], boundary: S3_ONLY })],
          groups: [group('dev', { attached: [TOOLS] })],
          policies: [tools, s3Only],
        }),
      ],
      expect: [{ resourceArn: arn('group', 'dev') }],
    },
    {
      name: 'a member’s own grant is the member’s finding, not the group’s',
      inputs: [
        gaad({
          users: [
            user('admin', { attached: [ADMIN_ARN] }),
            user('alice', { groups: ['ro'], inline: { p: doc(allow('iam:CreateAccessKey')) } }),
          ],
          groups: [group('ro', { inline: { r: doc(allow('s3:Get*')) } })],
          policies: [administratorAccess],
        }),
      ],
      expect: [{ resourceArn: arn('user', 'alice') }],
    },
    {
      name: 'group that can create access keys for an administrator: two-node path',
      inputs: [
        gaad({
          users: [user('admin', { attached: [ADMIN_ARN] })],
          groups: [group('ops', { inline: { p: doc(allow('iam:CreateAccessKey', arn('user', 'admin'))) } })],
          policies: [administratorAccess],
        }),
      ],
      expect: [
        {
          resourceArn: arn('group', 'ops'),
          evidence: { administrator: arn('user', 'admin') },
          path: [{ from: arn('group', 'ops'), to: arn('user', 'admin'), technique: 'iam-002' }].map((s) =>
            expect.objectContaining(s),
          ),
        },
      ],
    },
  ],
  silent: [
    {
      name: 'group whose policies are harmless',
      inputs: [
        gaad({
          users: [user('alice', { groups: ['ro'] })],
          groups: [group('ro', { attached: [S3_ONLY], inline: { r: doc(allow('ec2:Describe*')) } })],
          policies: [s3Only],
        }),
      ],
    },
    {
      name: 'group with AdministratorAccess is admin-group’s finding (its members are administrators)',
      inputs: [
        gaad({
          users: [user('alice', { groups: ['admins'] })],
          groups: [group('admins', { attached: [ADMIN_ARN] })],
          policies: [administratorAccess],
        }),
      ],
    },
    {
      name: 'empty group with AdministratorAccess is admin-group’s finding',
      inputs: [
        gaad({ groups: [group('admins', { attached: [ADMIN_ARN] })], policies: [administratorAccess] }),
      ],
    },
  ],
});

describe('privilege-escalation on groups', () => {
  it('reports a group once, with the group console URL and group-specific fix', () => {
    const ctx = buildContext([gaad({ groups: [group('dev', { attached: [TOOLS] })], policies: [tools] })]);
    const ds = runRule(privilegeEscalation, ctx);
    expect(ds.map((d) => [d.resource.type, d.resource.arn])).toEqual([['group', arn('group', 'dev')]]);
    expect(ds[0]!.remediation.consoleUrl).toContain('/groups/details/dev');
    expect(ds[0]!.remediation.steps.join(' ')).toMatch(/member of group dev/);
    expect(ds[0]!.evidence['reasons']).toEqual(['a member of group dev can rewrite its policy dev-tools']);
    expect(JSON.stringify(ds[0])).not.toContain(':user/');
  });
});
