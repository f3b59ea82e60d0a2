import { awsManagedArn } from './aws-managed-policies.js';
import { allowStmt, policyDoc, serviceTrust } from './builder.js';
import { entry, type Builders } from './manifest-entry.js';
import type { ManifestEntry } from './types.js';

/**
 * Plants an existing CloudFormation stack whose service role is an administrator, and a release bot that may
 * update it: cloudformation:UpdateStack alone makes the stack's role create whatever the new template says
 * (cloudformation-002). The stack is written as `<acct>/cloudformation/<region>/describe-stacks.json`.
 */
export function plantStacks(b: Builders): ManifestEntry[] {
  const { staging } = b;
  const region = staging.account.regions[0] ?? 'us-east-1';
  const role = staging.role({
    name: 'cfn-deploy-admin',
    createdDaysAgo: 400,
    trust: serviceTrust('cloudformation.amazonaws.com'),
    managed: [awsManagedArn('AdministratorAccess')],
    lastUsedDaysAgo: 6,
    description: 'Service role of the payments-infra stack',
  });
  const name = 'payments-infra';
  const arn = `arn:aws:cloudformation:${region}:${staging.account.id}:stack/${name}/${staging.prng.uuid()}`;
  (staging.account.stacks ??= []).push({
    name,
    region,
    arn,
    roleArn: role.arn,
    created: staging.daysAgo(380),
  });
  const bot = staging.user({
    name: 'release-bot',
    createdDaysAgo: 200,
    inline: [
      {
        name: 'release-stack',
        doc: policyDoc(allowStmt(['cloudformation:UpdateStack', 'cloudformation:DescribeStacks'], arn)),
      },
    ],
    credentials: {
      password: null,
      mfa: false,
      keys: [
        {
          active: true,
          rotated: staging.daysAgo(25),
          lastUsed: staging.daysAgo(0.5),
          lastUsedService: 'cloudformation',
          lastUsedRegion: region,
        },
      ],
    },
  });
  return [
    entry(
      'privilege-escalation',
      bot.arn,
      `cloudformation:UpdateStack on ${name}, whose service role cfn-deploy-admin is admin (cloudformation-002)`,
    ),
  ];
}

/**
 * Plants a launch template whose instances get an administrator's instance profile, and an autoscaling
 * operator who may version it: ec2:CreateLaunchTemplateVersion + ec2:ModifyLaunchTemplate make a new default
 * version with its own user data, run with that role at the next launch (ec2-004). Written as
 * `<acct>/ec2/<region>/describe-launch-template-versions.json`.
 */
export function plantLaunchTemplates(b: Builders): ManifestEntry[] {
  const { staging } = b;
  const region = staging.account.regions[0] ?? 'us-east-1';
  const role = staging.role({
    name: 'batch-fleet-admin',
    createdDaysAgo: 300,
    trust: serviceTrust('ec2.amazonaws.com'),
    managed: [awsManagedArn('AdministratorAccess')],
    lastUsedDaysAgo: 2,
    description: 'Instance role of the batch fleet',
    instanceProfile: true,
  });
  const id = `lt-0${staging.prng.hex(16)}`;
  const arn = `arn:aws:ec2:${region}:${staging.account.id}:launch-template/${id}`;
  (staging.account.launchTemplates ??= []).push({
    id,
    name: 'batch-fleet',
    region,
    version: 7,
    profileArn: role.instanceProfile?.arn ?? '',
    created: staging.daysAgo(45),
    createdBy: `arn:aws:iam::${staging.account.id}:role/platform-ci`,
  });
  const operator = staging.user({
    name: 'asg-operator',
    createdDaysAgo: 150,
    inline: [
      {
        name: 'fleet-templates',
        doc: policyDoc(
          allowStmt(
            ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate', 'ec2:DescribeLaunchTemplates'],
            arn,
          ),
        ),
      },
    ],
    credentials: {
      password: null,
      mfa: false,
      keys: [
        {
          active: true,
          rotated: staging.daysAgo(40),
          lastUsed: staging.daysAgo(1),
          lastUsedService: 'ec2',
          lastUsedRegion: region,
        },
      ],
    },
  });
  return [
    entry(
      'privilege-escalation',
      operator.arn,
      `a new default version of launch template batch-fleet, whose instances run as batch-fleet-admin (ec2-004)`,
    ),
  ];
}
