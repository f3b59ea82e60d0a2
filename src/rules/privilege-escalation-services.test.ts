/**
 * End to end from files: the escalation techniques on existing service resources fire only when the
 * resource is in the inputs (describe-stacks, get-jobs, describe-task-definition), read by the real readers.
 */
import { describe, expect, it } from 'vitest';
import { privilegeEscalation } from './privilege-escalation.js';
import { runRule } from './run.js';
import { buildContext, ruleTester } from './test-utils/rule-tester.js';
import type { RawInput } from './test-utils/gaad.js';
import {
  ACCOUNT,
  ADMIN_ARN,
  administratorAccess,
  allow,
  doc,
  gaad,
  role,
  trust,
  user,
} from './test-utils/gaad.js';

const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const STACK = `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/billing-infra/7c1d2e3f-0a1b-11ef-8c9d-0e1f2a3b4c5d`;
const cfnTrust = [trust({ Service: 'cloudformation.amazonaws.com' })];

/** `describe-stacks` with one stack run by `roleName` (or without a service role). */
function stacks(roleName: string | null, status = 'UPDATE_COMPLETE'): RawInput {
  return {
    file: `${ACCOUNT}/cloudformation/us-east-1/describe-stacks.json`,
    raw: {
      Stacks: [
        {
          StackId: STACK,
          StackName: 'billing-infra',
          CreationTime: '2024-05-01T10:00:00.000Z',
          StackStatus: status,
          DisableRollback: false,
          NotificationARNs: [],
          Tags: [],
          ...(roleName === null ? {} : { RoleARN: arn('role', roleName) }),
        },
      ],
    },
  };
}

/** A user who may update that stack and pass the CloudFormation roles. */
const deployer = user('deployer', {
  inline: {
    p: doc(
      allow(['cloudformation:UpdateStack', 'cloudformation:DescribeStacks'], STACK),
      allow('iam:PassRole', arn('role', 'cfn-*')),
    ),
  },
});
/** A user who may only update that stack (no PassRole): the stack's own role does the work. */
const updater = user('updater', { inline: { p: doc(allow('cloudformation:UpdateStack', STACK)) } });
const iam = (roles: Record<string, unknown>[], users = [deployer]) =>
  gaad({ users, roles, policies: [administratorAccess] });
const cfnAdmin = role('cfn-admin', { attached: [ADMIN_ARN], trust: cfnTrust });
const cfnS3 = role('cfn-s3', { inline: { p: doc(allow('s3:*')) }, trust: cfnTrust });

/** `get-jobs` with one job whose Role is a role *name*; the account and region come from its assets bucket. */
const glueJobs: RawInput = {
  file: 'glue-jobs.json',
  raw: {
    Jobs: [
      {
        Name: 'nightly-etl',
        Role: 'glue-admin',
        Command: {
          Name: 'glueetl',
          ScriptLocation: `s3://aws-glue-assets-${ACCOUNT}-us-east-1/scripts/nightly-etl.py`,
        },
        GlueVersion: '4.0',
      },
    ],
  },
};
const glueAdmin = role('glue-admin', {
  attached: [ADMIN_ARN],
  trust: [trust({ Service: 'glue.amazonaws.com' })],
});
const glueOperator = user('glue-operator', {
  inline: {
    p: doc(
      allow(['glue:UpdateJob', 'glue:StartJobRun'], `arn:aws:glue:us-east-1:${ACCOUNT}:job/*`),
      allow('iam:PassRole', arn('role', 'glue-*')),
    ),
  },
});

/** `describe-launch-template-versions --versions '$Default'`: one template whose instances get `profile`. */
function launchTemplates(profile: { Arn?: string; Name?: string } | null, defaultVersion = true): RawInput {
  return {
    file: `${ACCOUNT}/ec2/eu-west-1/describe-launch-template-versions.json`,
    raw: {
      LaunchTemplateVersions: [
        {
          LaunchTemplateId: 'lt-0a1b2c3d4e5f60718',
          LaunchTemplateName: 'web-asg',
          VersionNumber: 3,
          CreateTime: '2025-03-01T09:00:00.000Z',
          CreatedBy: `arn:aws:iam::${ACCOUNT}:user/platform`,
          DefaultVersion: defaultVersion,
          LaunchTemplateData: {
            ImageId: 'ami-0abcdef1234567890',
            InstanceType: 't3.micro',
            ...(profile === null ? {} : { IamInstanceProfile: profile }),
          },
        },
      ],
    },
  };
}
const TEMPLATE = `arn:aws:ec2:eu-west-1:${ACCOUNT}:launch-template/lt-0a1b2c3d4e5f60718`;
const ec2Trust = [trust({ Service: 'ec2.amazonaws.com' })];
const webAdmin = role('web-admin', {
  attached: [ADMIN_ARN],
  trust: ec2Trust,
  instanceProfile: 'web-admin-profile',
});
const webReader = role('web-reader', {
  inline: { p: doc(allow('s3:GetObject')) },
  trust: ec2Trust,
  instanceProfile: 'web-reader-profile',
});
/** May version a launch template and make the new version the default (no PassRole). */
const templater = user('templater', {
  inline: { p: doc(allow(['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'], '*')) },
});
/** May create versions but not change which one is the default. */
const versioner = user('versioner', { inline: { p: doc(allow('ec2:CreateLaunchTemplateVersion', '*')) } });

ruleTester(privilegeEscalation, {
  fires: [
    {
      name: 'a new default launch-template version (ec2-004, from describe-launch-template-versions), profile by ARN',
      inputs: [
        iam([webAdmin], [templater]),
        launchTemplates({ Arn: arn('instance-profile', 'web-admin-profile') }),
      ],
      expect: [
        {
          resourceArn: arn('user', 'templater'),
          path: [
            expect.objectContaining({ technique: 'ec2-004', to: TEMPLATE }),
            expect.objectContaining({ from: TEMPLATE, to: arn('role', 'web-admin') }),
          ],
        },
      ],
    },
    {
      name: 'an earlier, non-default version names the admin profile: a new default version can reuse it',
      inputs: [
        iam([webAdmin], [templater]),
        launchTemplates({ Arn: arn('instance-profile', 'web-admin-profile') }, false),
      ],
      expect: [{ resourceArn: arn('user', 'templater') }],
    },
    {
      name: 'the same with the instance profile given by name',
      inputs: [iam([webAdmin], [templater]), launchTemplates({ Name: 'web-admin-profile' })],
      expect: [{ resourceArn: arn('user', 'templater') }],
    },
    {
      name: 'PassRole + UpdateStack on an existing stack: one step through the stack from describe-stacks',
      inputs: [iam([cfnAdmin]), stacks('cfn-admin')],
      expect: [
        {
          resourceArn: arn('user', 'deployer'),
          message: /in 1 step\(s\) \(x-cloudformation-update-stack-role\)/,
          evidence: { reasons: [expect.stringContaining('through billing-infra')] },
          path: [
            expect.objectContaining({
              technique: 'x-cloudformation-update-stack-role',
              to: arn('role', 'cfn-admin'),
            }),
          ],
        },
      ],
    },
    {
      name: 'UpdateStack alone on a stack whose service role is admin: cloudformation-002, then the stack’s role',
      inputs: [iam([cfnAdmin], [updater]), stacks('cfn-admin')],
      expect: [
        {
          resourceArn: arn('user', 'updater'),
          path: [
            expect.objectContaining({ technique: 'cloudformation-002', to: STACK }),
            expect.objectContaining({ from: STACK, to: arn('role', 'cfn-admin') }),
          ],
        },
      ],
    },
    {
      name: 'PassRole + glue:UpdateJob + StartJobRun on an existing job (glue-005, from get-jobs)',
      inputs: [iam([glueAdmin], [glueOperator]), glueJobs],
      expect: [
        {
          resourceArn: arn('user', 'glue-operator'),
          evidence: { reasons: [expect.stringContaining('through nightly-etl')] },
          path: [expect.objectContaining({ technique: 'glue-005', to: arn('role', 'glue-admin') })],
        },
      ],
    },
  ],
  silent: [
    {
      name: 'launch-template rights and an admin instance profile, but no launch template read',
      inputs: [iam([webAdmin], [templater])],
    },
    {
      name: 'the launch template’s profile carries a role that is not admin',
      inputs: [
        iam([webAdmin, webReader], [templater]),
        launchTemplates({ Arn: arn('instance-profile', 'web-reader-profile') }),
      ],
    },
    {
      name: 'the template has no instance profile',
      inputs: [iam([webAdmin], [templater]), launchTemplates(null)],
    },
    {
      name: 'CreateLaunchTemplateVersion without ModifyLaunchTemplate cannot make the new version the default',
      inputs: [
        iam([webAdmin], [versioner]),
        launchTemplates({ Arn: arn('instance-profile', 'web-admin-profile') }),
      ],
    },
    {
      name: 'the same users and admin role, but no stack in the inputs',
      inputs: [iam([cfnAdmin], [deployer, updater])],
    },
    {
      name: 'the stack’s role is not admin and no admin role trusts CloudFormation',
      inputs: [iam([cfnS3], [deployer, updater]), stacks('cfn-s3')],
    },
    {
      name: 'the stack has no service role: UpdateStack alone runs with the caller’s own permissions',
      inputs: [iam([cfnS3], [updater]), stacks(null)],
    },
    {
      name: 'the stack was deleted (DELETE_COMPLETE)',
      inputs: [iam([cfnAdmin], [deployer, updater]), stacks('cfn-admin', 'DELETE_COMPLETE')],
    },
    {
      name: 'UpdateJob on a Glue job, but get-jobs was not read',
      inputs: [iam([glueAdmin], [glueOperator])],
    },
  ],
});

describe('privilege-escalation from service-resource files', () => {
  it('names the stack in the path and the reason, from the file’s StackId', () => {
    const ctx = buildContext([iam([cfnAdmin], [updater]), stacks('cfn-admin')]);
    const [d] = runRule(privilegeEscalation, ctx);
    expect(d?.path?.[0]).toEqual({
      from: arn('user', 'updater'),
      to: STACK,
      technique: 'cloudformation-002',
      actions: ['cloudformation:UpdateStack'],
      conditional: false,
    });
  });
});
