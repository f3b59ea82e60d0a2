/**
 * The demo's service resources that run as a role, written as their CLI outputs: CloudFormation stacks and
 * EC2 launch templates.
 */
import type { DemoAccount } from './types.js';

type Json = Record<string, unknown>;

/** Whether the account has stacks in a region (the demo writes describe-stacks only there). */
export function hasStacks(account: DemoAccount, region: string): boolean {
  return (account.stacks ?? []).some((s) => s.region === region);
}

/** `aws cloudformation describe-stacks` output for one account and region. */
export function describeStacks(account: DemoAccount, region: string): Json {
  return {
    Stacks: (account.stacks ?? [])
      .filter((s) => s.region === region)
      .map((s) => ({
        StackId: s.arn,
        StackName: s.name,
        CreationTime: s.created.toISOString(),
        RollbackConfiguration: {},
        StackStatus: 'UPDATE_COMPLETE',
        DisableRollback: false,
        NotificationARNs: [],
        Capabilities: ['CAPABILITY_NAMED_IAM'],
        ...(s.roleArn === null ? {} : { RoleARN: s.roleArn }),
        Tags: [{ Key: 'team', Value: 'payments' }],
        EnableTerminationProtection: true,
        DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
      })),
  };
}

/** Whether the account has launch templates in a region. */
export function hasLaunchTemplates(account: DemoAccount, region: string): boolean {
  return (account.launchTemplates ?? []).some((t) => t.region === region);
}

/** `aws ec2 describe-launch-template-versions --versions '$Default'` output for one account and region. */
export function describeLaunchTemplateVersions(account: DemoAccount, region: string): Json {
  return {
    LaunchTemplateVersions: (account.launchTemplates ?? [])
      .filter((t) => t.region === region)
      .map((t) => ({
        LaunchTemplateId: t.id,
        LaunchTemplateName: t.name,
        VersionNumber: t.version,
        CreateTime: t.created.toISOString(),
        CreatedBy: t.createdBy,
        DefaultVersion: true,
        LaunchTemplateData: {
          ImageId: 'ami-0c55b159cbfafe1f0',
          InstanceType: 't3.medium',
          IamInstanceProfile: { Arn: t.profileArn },
          MetadataOptions: { HttpTokens: 'required' },
        },
      })),
  };
}
