import { EC2Client, DescribeImagesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutGroupPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand as CreateOrgPolicyCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { Moto } from './moto.js';

const trust = (principal: unknown) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
  });
const allowAll = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

/** What the scenario created, for assertions. */
export interface Scenario {
  account: string;
  instanceId: string;
  functionArn: string;
  memberAccount?: string;
  organizationId?: string;
}

/**
 * Builds a small, risky account in moto: an admin user with an access key, an admin group and its member,
 * an admin role, a publicly trusted role, an EC2 instance whose profile is admin, and a Lambda function.
 */
export async function buildAccount(moto: Moto, region = 'us-east-1'): Promise<Scenario> {
  const iam = new IAMClient(moto.clientConfig);
  const account = '123456789012'; // moto's default account
  // moto loads no AWS managed policies by default: a customer managed admin policy stands in for them.
  const admin = await iam.send(
    new CreatePolicyCommand({ PolicyName: 'full-admin', PolicyDocument: allowAll }),
  );
  const ADMIN = admin.Policy!.Arn!;
  await iam.send(new CreateUserCommand({ UserName: 'alice' }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: ADMIN }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
  await iam.send(new CreateUserCommand({ UserName: 'bob' }));
  await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
  await iam.send(
    new PutGroupPolicyCommand({ GroupName: 'admins', PolicyName: 'all', PolicyDocument: allowAll }),
  );
  await iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'bob' }));
  await iam.send(new CreateUserCommand({ UserName: 'carol' }));
  const readOnly = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'read-buckets',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }],
      }),
    }),
  );
  await iam.send(new AttachUserPolicyCommand({ UserName: 'carol', PolicyArn: readOnly.Policy!.Arn! }));
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'ops-admin',
      AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${account}:root` }),
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'ops-admin', PolicyArn: ADMIN }));
  await iam.send(
    new CreateRoleCommand({ RoleName: 'open-door', AssumeRolePolicyDocument: trust({ AWS: '*' }) }),
  );
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'ec2-admin',
      AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }),
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'ec2-admin', PolicyArn: ADMIN }));
  const profile = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ec2-admin' }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ec2-admin', RoleName: 'ec2-admin' }),
  );
  const fnRole = await iam.send(
    new CreateRoleCommand({
      RoleName: 'fn-role',
      AssumeRolePolicyDocument: trust({ Service: 'lambda.amazonaws.com' }),
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'fn-role', PolicyArn: readOnly.Policy!.Arn! }));

  const ec2 = new EC2Client({ ...moto.clientConfig, region });
  const images = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
  const run = await ec2.send(
    new RunInstancesCommand({
      ImageId: images.Images![0]!.ImageId!,
      MinCount: 1,
      MaxCount: 1,
      InstanceType: 't3.micro',
      IamInstanceProfile: { Arn: profile.InstanceProfile!.Arn! },
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web-1' }] }],
    }),
  );
  const lambda = new LambdaClient({ ...moto.clientConfig, region });
  const fn = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'report-builder',
      Runtime: 'python3.12',
      Role: fnRole.Role!.Arn!,
      Handler: 'index.handler',
      Code: { ZipFile: emptyZip() },
    }),
  );
  return { account, instanceId: run.Instances![0]!.InstanceId!, functionArn: fn.FunctionArn! };
}

/** Creates an organization with an OU, one member account and an SCP attached to the root. */
export async function buildOrganization(
  moto: Moto,
): Promise<{ organizationId: string; memberAccount: string }> {
  const orgs = new OrganizationsClient(moto.clientConfig);
  const { Organization } = await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const roots = await orgs.send(new ListRootsCommand({}));
  const rootId = roots.Roots![0]!.Id!;
  const ou = await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'workloads' }));
  const created = await orgs.send(
    new CreateAccountCommand({ AccountName: 'prod', Email: 'prod@example.com' }),
  );
  const memberAccount = created.CreateAccountStatus!.AccountId!;
  const scp = await orgs.send(
    new CreateOrgPolicyCommand({
      Name: 'deny-leave',
      Description: 'guardrail',
      Type: 'SERVICE_CONTROL_POLICY',
      Content: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
      }),
    }),
  );
  await orgs.send(new AttachPolicyCommand({ PolicyId: scp.Policy!.PolicySummary!.Id!, TargetId: rootId }));
  void ou;
  return { organizationId: Organization!.Id!, memberAccount };
}

/** An empty but valid zip archive (end-of-central-directory record only): Lambda create needs a zip. */
function emptyZip(): Uint8Array {
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  return eocd;
}
