import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { CreateLaunchTemplateCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateJobCommand, GlueClient } from '@aws-sdk/client-glue';
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateNotebookInstanceCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { scan } from '../../scan/scan.js';
import { collect } from './collect.js';
import type { Moto } from './test-utils/moto.js';
import { startMoto } from './test-utils/moto.js';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const ACCOUNT = '123456789012';
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const outDir = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'iamrisk-collect-svc-')), 'snap');
const trust = (service: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
const read = (out: string, file: string) => JSON.parse(readFileSync(path.join(out, file), 'utf8')) as unknown;

/**
 * An admin role that CloudFormation assumes, a stack deployed with it, a deployer who may pass roles and
 * update stacks, and one resource of each other service, each with a non-admin role.
 */
async function buildServices(): Promise<{ stackId: string }> {
  const iam = new IAMClient(moto.clientConfig);
  const admin = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'full-admin',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      }),
    }),
  );
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'cfn-admin',
      AssumeRolePolicyDocument: trust('cloudformation.amazonaws.com'),
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'cfn-admin', PolicyArn: admin.Policy!.Arn! }));
  for (const [name, service] of [
    ['build-role', 'codebuild.amazonaws.com'],
    ['notebook-role', 'sagemaker.amazonaws.com'],
    ['glue-role', 'glue.amazonaws.com'],
    ['task-role', 'ecs-tasks.amazonaws.com'],
  ] as const) {
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(service) }));
  }
  await iam.send(new CreateUserCommand({ UserName: 'deployer' }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'deployer',
      PolicyName: 'deploy',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['cloudformation:UpdateStack'], Resource: '*' },
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: arn('role', 'cfn-*') },
        ],
      }),
    }),
  );

  const cfn = new CloudFormationClient(moto.clientConfig);
  const stack = await cfn.send(
    new CreateStackCommand({
      StackName: 'billing-infra',
      RoleARN: arn('role', 'cfn-admin'),
      TemplateBody: JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } }),
    }),
  );
  await new CodeBuildClient(moto.clientConfig).send(
    new CreateProjectCommand({
      name: 'site-build',
      source: { type: 'S3', location: 'build-sources/site.zip' },
      artifacts: { type: 'S3', location: 'build-artifacts' },
      environment: {
        type: 'LINUX_CONTAINER',
        image: 'aws/codebuild/standard:7.0',
        computeType: 'BUILD_GENERAL1_SMALL',
      },
      serviceRole: arn('role', 'build-role'),
    }),
  );
  await new SageMakerClient(moto.clientConfig).send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: 'research',
      InstanceType: 'ml.t3.medium',
      RoleArn: arn('role', 'notebook-role'),
    }),
  );
  await new GlueClient(moto.clientConfig).send(
    new CreateJobCommand({
      Name: 'nightly-etl',
      Role: arn('role', 'glue-role'),
      Command: { Name: 'glueetl', ScriptLocation: 's3://scripts/nightly-etl.py' },
    }),
  );
  const ecs = new ECSClient(moto.clientConfig);
  for (const image of ['app:1', 'app:2']) {
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        taskRoleArn: arn('role', 'task-role'),
        containerDefinitions: [{ name: 'app', image, memory: 128 }],
      }),
    );
  }
  // A launch template whose instances get the admin role's instance profile, and a user who may make a new
  // default version of it (ec2-004).
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'web-admin',
      AssumeRolePolicyDocument: trust('ec2.amazonaws.com'),
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'web-admin', PolicyArn: admin.Policy!.Arn! }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-admin-profile' }));
  await iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-admin-profile', RoleName: 'web-admin' }),
  );
  await new EC2Client(moto.clientConfig).send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'web-asg',
      LaunchTemplateData: {
        ImageId: 'ami-12c6146b',
        IamInstanceProfile: { Arn: arn('instance-profile', 'web-admin-profile') },
      },
    }),
  );
  await iam.send(new CreateUserCommand({ UserName: 'templater' }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'templater',
      PolicyName: 'templates',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
            Resource: '*',
          },
        ],
      }),
    }),
  );
  return { stackId: stack.StackId! };
}

describe('iamrisk collect: the service resources the escalation graph reads (moto_server)', () => {
  it('collects stacks, projects, notebooks, Glue jobs and task definitions; scan escalates through the stack', async () => {
    await moto.reset();
    const { stackId } = await buildServices();
    const out = outDir();
    const { manifest } = await collect({ out, access: moto.access, regions: ['us-east-1'] });
    expect(manifest.errors).toEqual([]);
    for (const op of [
      'cloudformation:DescribeStacks',
      'cloudformation:ListStackSets',
      'codebuild:ListProjects',
      'codebuild:BatchGetProjects',
      'sagemaker:DescribeNotebookInstance',
      'glue:GetDevEndpoints',
      'glue:GetJobs',
      'ecs:DescribeTaskDefinition',
      'ec2:DescribeLaunchTemplateVersions',
    ])
      expect(manifest.operations, op).toContain(op);

    const dir = `${ACCOUNT}/%s/us-east-1`;
    const at = (service: string, file: string) => `${dir.replace('%s', service)}/${file}`;
    const stacks = read(out, at('cloudformation', 'describe-stacks.json')) as { Stacks: unknown[] };
    expect(stacks.Stacks).toMatchObject([{ StackId: stackId, RoleARN: arn('role', 'cfn-admin') }]);
    expect(read(out, at('codebuild', 'batch-get-projects.json'))).toMatchObject({
      projects: [{ name: 'site-build', serviceRole: arn('role', 'build-role') }],
    });
    expect(read(out, at('sagemaker', 'describe-notebook-instances.json'))).toMatchObject([
      { NotebookInstanceName: 'research', RoleArn: arn('role', 'notebook-role') },
    ]);
    expect(read(out, at('glue', 'get-jobs.json'))).toMatchObject({ Jobs: [{ Name: 'nightly-etl' }] });
    expect(read(out, at('glue', 'get-dev-endpoints.json'))).toEqual({ DevEndpoints: [] });
    // Only the latest revision of the family is described.
    expect(read(out, at('ecs', 'describe-task-definitions.json'))).toMatchObject([
      { taskDefinition: { family: 'web', revision: 2, taskRoleArn: arn('role', 'task-role') } },
    ]);
    expect(read(out, at('ec2', 'describe-launch-template-versions.json'))).toMatchObject({
      LaunchTemplateVersions: [
        {
          LaunchTemplateName: 'web-asg',
          LaunchTemplateData: { IamInstanceProfile: { Arn: arn('instance-profile', 'web-admin-profile') } },
        },
      ],
    });
    // Nothing to list: no file rather than `[]`, which is no recognisable export.
    expect(existsSync(path.join(out, at('cloudformation', 'describe-stack-sets.json')))).toBe(false);

    const result = await scan({ paths: [out], asOf: new Date() });
    expect(result.inputs.flatMap((i) => i.errors)).toEqual([]);
    expect(result.inputs.map((i) => i.kind)).toEqual(
      expect.arrayContaining([
        'cloudformation-stacks',
        'codebuild-projects',
        'sagemaker-notebooks',
        'glue-dev-endpoints',
        'glue-jobs',
        'ecs-task-definitions',
        'ec2-launch-templates',
      ]),
    );
    const escalation = result.detections.find(
      (d) => d.rule === 'privilege-escalation' && d.resource.arn === arn('user', 'deployer'),
    );
    expect(escalation?.path?.map((s) => s.to)).toContain(arn('role', 'cfn-admin'));
    expect(JSON.stringify(escalation?.evidence)).toContain('billing-infra');
    const templater = result.detections.find(
      (d) => d.rule === 'privilege-escalation' && d.resource.arn === arn('user', 'templater'),
    );
    expect(templater?.path?.map((s) => s.technique)).toEqual(['ec2-004', expect.any(String)]);
    expect(templater?.path?.at(-1)?.to).toBe(arn('role', 'web-admin'));
  });

  it('records a denied service in the manifest and collects the rest', async () => {
    await moto.reset();
    await buildServices();
    vi.spyOn(CodeBuildClient.prototype, 'send').mockImplementation((() =>
      Promise.reject(
        Object.assign(new Error('not authorized to perform codebuild:ListProjects'), {
          name: 'AccessDeniedException',
        }),
      )) as never);
    const out = outDir();
    const { manifest } = await collect({ out, access: moto.access, regions: ['us-east-1'] });
    expect(manifest.errors).toEqual([
      {
        account: ACCOUNT,
        region: 'us-east-1',
        service: 'codebuild',
        what: 'projects',
        kind: 'denied',
        reason: 'AccessDeniedException: not authorized to perform codebuild:ListProjects',
      },
    ]);
    expect(existsSync(path.join(out, `${ACCOUNT}/codebuild`))).toBe(false);
    expect(existsSync(path.join(out, `${ACCOUNT}/cloudformation/us-east-1/describe-stacks.json`))).toBe(true);
    expect(existsSync(path.join(out, `${ACCOUNT}/ecs/us-east-1/describe-task-definitions.json`))).toBe(true);
  });
});
