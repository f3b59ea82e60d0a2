/**
 * The PassRole techniques as data: which service must trust the role, which creating actions run code as it,
 * and which existing resource (if any) must be in the inputs. `passrole-new.ts` turns each into a Technique.
 */
import type { ServiceResourceKind } from '../../model/inventory.js';

/** One PassRole technique. */
export interface PassRoleSpec {
  id: string;
  name: string;
  description: string;
  /** Service principals the passed role must trust; `iam:PassedToService` takes the one that matched. */
  services: readonly string[];
  /** Creating actions (attacker-chosen names), with the resource path of a probe in the caller's account. */
  create: readonly { action: string; probe: string }[];
  /** Actions on an existing resource of one of these kinds, which must be in the inputs. */
  existing?: {
    kinds: readonly (ServiceResourceKind | 'ec2-instance' | 'lambda-function')[];
    actions: readonly string[];
  };
  /** EC2: the role must sit in an instance profile (`existing`), or the caller creates one (`new`). */
  instanceProfile?: 'existing' | 'new';
  /** A prerequisite the inputs cannot show (an ECS cluster): the edge is then conditional. */
  unseen?: string;
  pathfinding: readonly string[];
  parent?: string;
}

const fn = 'function:*';
const EC2 = ['ec2.amazonaws.com'];
const ECS = ['ecs-tasks.amazonaws.com'];
const GLUE = ['glue.amazonaws.com'];
const LAMBDA = ['lambda.amazonaws.com'];
const CFN = ['cloudformation.amazonaws.com'];
const CODEBUILD = ['codebuild.amazonaws.com'];
const SAGEMAKER = ['sagemaker.amazonaws.com'];
const NO_CLUSTER = 'an existing ECS cluster (clusters are not an input)';
const c = (action: string, probe = '*') => ({ action, probe });

/** Every PassRole technique, pathfinding ones first. */
export const PASSROLE_SPECS: readonly PassRoleSpec[] = [
  {
    id: 'apprunner-001',
    name: 'iam:PassRole + apprunner:CreateService',
    description: 'Creates an App Runner service running as the role.',
    services: ['tasks.apprunner.amazonaws.com'],
    create: [c('apprunner:CreateService', 'service/*')],
    pathfinding: ['apprunner-001'],
  },
  {
    id: 'bedrock-001',
    name: 'iam:PassRole + bedrock-agentcore:CreateCodeInterpreter + StartCodeInterpreterSession + InvokeCodeInterpreter',
    description: 'Creates a Bedrock AgentCore code interpreter running as the role and runs code in it.',
    services: ['bedrock-agentcore.amazonaws.com'],
    create: [
      c('bedrock-agentcore:CreateCodeInterpreter'),
      c('bedrock-agentcore:StartCodeInterpreterSession'),
      c('bedrock-agentcore:InvokeCodeInterpreter'),
    ],
    pathfinding: ['bedrock-001'],
  },
  {
    id: 'cloudformation-001',
    name: 'iam:PassRole + cloudformation:CreateStack',
    description: 'Creates a stack whose service role creates whatever the template says.',
    services: CFN,
    create: [c('cloudformation:CreateStack', 'stack/*/*')],
    pathfinding: ['cloudformation-001'],
  },
  {
    id: 'cloudformation-003',
    name: 'iam:PassRole + cloudformation:CreateStackSet + cloudformation:CreateStackInstances',
    description: 'Creates a stack set administered by the role and deploys instances of it.',
    services: CFN,
    create: [
      c('cloudformation:CreateStackSet', 'stackset/*'),
      c('cloudformation:CreateStackInstances', 'stackset/*'),
    ],
    pathfinding: ['cloudformation-003'],
  },
  {
    id: 'cloudformation-004',
    name: 'iam:PassRole + cloudformation:UpdateStackSet',
    description: 'Updates an existing stack set with a new template and the role as its administration role.',
    services: CFN,
    create: [],
    existing: { kinds: ['cloudformation-stack-set'], actions: ['cloudformation:UpdateStackSet'] },
    pathfinding: ['cloudformation-004'],
  },
  {
    id: 'codebuild-001',
    name: 'iam:PassRole + codebuild:CreateProject + codebuild:StartBuild',
    description: 'Creates a CodeBuild project running as the role and starts a build.',
    services: CODEBUILD,
    create: [c('codebuild:CreateProject', 'project/*'), c('codebuild:StartBuild', 'project/*')],
    pathfinding: ['codebuild-001'],
  },
  {
    id: 'codebuild-004',
    name: 'iam:PassRole + codebuild:CreateProject + codebuild:StartBuildBatch',
    description: 'Creates a CodeBuild project running as the role and starts a batch build.',
    services: CODEBUILD,
    create: [c('codebuild:CreateProject', 'project/*'), c('codebuild:StartBuildBatch', 'project/*')],
    pathfinding: ['codebuild-004'],
  },
  {
    id: 'datapipeline-001',
    name: 'iam:PassRole + datapipeline:CreatePipeline + PutPipelineDefinition + ActivatePipeline',
    description: 'Creates and activates a pipeline whose activities run as the role.',
    services: ['datapipeline.amazonaws.com', 'elasticmapreduce.amazonaws.com'],
    create: [
      c('datapipeline:CreatePipeline'),
      c('datapipeline:PutPipelineDefinition'),
      c('datapipeline:ActivatePipeline'),
    ],
    pathfinding: ['datapipeline-001'],
  },
  {
    id: 'ec2-001',
    name: 'iam:PassRole + ec2:RunInstances',
    description: 'Launches an instance with the role’s instance profile and reads its credentials.',
    services: EC2,
    create: [c('ec2:RunInstances', 'instance/*')],
    instanceProfile: 'existing',
    pathfinding: ['ec2-001'],
  },
  {
    id: 'ec2-003',
    name: 'iam:PassRole + ec2:RequestSpotInstances',
    description: 'Requests a spot instance with the role’s instance profile.',
    services: EC2,
    create: [c('ec2:RequestSpotInstances', 'spot-instances-request/*')],
    instanceProfile: 'existing',
    pathfinding: ['ec2-003'],
  },
  {
    id: 'ecs-001',
    name: 'iam:PassRole + ecs:CreateCluster + ecs:RegisterTaskDefinition + ecs:CreateService',
    description: 'Creates a cluster, a task definition with the role as task role, and a service running it.',
    services: ECS,
    create: [
      c('ecs:CreateCluster', 'cluster/*'),
      c('ecs:RegisterTaskDefinition'),
      c('ecs:CreateService', 'service/*/*'),
    ],
    pathfinding: ['ecs-001'],
    parent: 'ecs-003',
  },
  {
    id: 'ecs-002',
    name: 'iam:PassRole + ecs:CreateCluster + ecs:RegisterTaskDefinition + ecs:RunTask',
    description: 'Creates a cluster and a task definition with the role, then runs the task.',
    services: ECS,
    create: [
      c('ecs:CreateCluster', 'cluster/*'),
      c('ecs:RegisterTaskDefinition'),
      c('ecs:RunTask', 'task-definition/*'),
    ],
    pathfinding: ['ecs-002'],
    parent: 'ecs-004',
  },
  {
    id: 'ecs-003',
    name: 'iam:PassRole + ecs:RegisterTaskDefinition + ecs:CreateService',
    description: 'Registers a task definition with the role and creates a service on an existing cluster.',
    services: ECS,
    create: [c('ecs:RegisterTaskDefinition'), c('ecs:CreateService', 'service/*/*')],
    unseen: NO_CLUSTER,
    pathfinding: ['ecs-003'],
  },
  {
    id: 'ecs-004',
    name: 'iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask',
    description: 'Registers a task definition with the role and runs it on an existing cluster.',
    services: ECS,
    create: [c('ecs:RegisterTaskDefinition'), c('ecs:RunTask', 'task-definition/*')],
    unseen: NO_CLUSTER,
    pathfinding: ['ecs-004'],
  },
  {
    id: 'ecs-005',
    name: 'iam:PassRole + ecs:RegisterTaskDefinition + ecs:StartTask',
    description: 'Registers a task definition with the role and starts it on existing container instances.',
    services: ECS,
    create: [c('ecs:RegisterTaskDefinition'), c('ecs:StartTask', 'task-definition/*')],
    unseen: 'existing ECS container instances (not an input)',
    pathfinding: ['ecs-005'],
  },
  {
    id: 'glue-001',
    name: 'iam:PassRole + glue:CreateDevEndpoint',
    description: 'Creates a Glue development endpoint running as the role and logs in to it.',
    services: GLUE,
    create: [c('glue:CreateDevEndpoint', 'devEndpoint/*')],
    pathfinding: ['glue-001'],
  },
  {
    id: 'glue-003',
    name: 'iam:PassRole + glue:CreateJob + glue:StartJobRun',
    description: 'Creates a Glue job running as the role and starts it.',
    services: GLUE,
    create: [c('glue:CreateJob', 'job/*'), c('glue:StartJobRun', 'job/*')],
    pathfinding: ['glue-003'],
  },
  {
    id: 'glue-004',
    name: 'iam:PassRole + glue:CreateJob + glue:CreateTrigger',
    description: 'Creates a Glue job running as the role and a trigger that starts it.',
    services: GLUE,
    create: [c('glue:CreateJob', 'job/*'), c('glue:CreateTrigger', 'trigger/*')],
    pathfinding: ['glue-004'],
  },
  {
    id: 'glue-005',
    name: 'iam:PassRole + glue:UpdateJob + glue:StartJobRun',
    description: 'Points an existing Glue job at the role and new code, then starts it.',
    services: GLUE,
    create: [c('glue:StartJobRun', 'job/*')],
    existing: { kinds: ['glue-job'], actions: ['glue:UpdateJob'] },
    pathfinding: ['glue-005'],
  },
  {
    id: 'glue-006',
    name: 'iam:PassRole + glue:UpdateJob + glue:CreateTrigger',
    description: 'Points an existing Glue job at the role and new code, with a trigger that starts it.',
    services: GLUE,
    create: [c('glue:CreateTrigger', 'trigger/*')],
    existing: { kinds: ['glue-job'], actions: ['glue:UpdateJob'] },
    pathfinding: ['glue-006'],
  },
  {
    id: 'lambda-001',
    name: 'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction',
    description: 'Creates a function running as the role and invokes it.',
    services: LAMBDA,
    create: [c('lambda:CreateFunction', fn), c('lambda:InvokeFunction', fn)],
    pathfinding: ['lambda-001'],
  },
  {
    id: 'lambda-002',
    name: 'iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping',
    description: 'Creates a function running as the role and an event source mapping that invokes it.',
    services: LAMBDA,
    create: [c('lambda:CreateFunction', fn), c('lambda:CreateEventSourceMapping', 'event-source-mapping:*')],
    pathfinding: ['lambda-002'],
  },
  {
    id: 'lambda-006',
    name: 'iam:PassRole + lambda:CreateFunction + lambda:AddPermission',
    description:
      'Creates a function running as the role and lets itself invoke it through the resource policy.',
    services: LAMBDA,
    create: [c('lambda:CreateFunction', fn), c('lambda:AddPermission', fn)],
    pathfinding: ['lambda-006'],
  },
  {
    id: 'sagemaker-001',
    name: 'iam:PassRole + sagemaker:CreateNotebookInstance',
    description: 'Creates a notebook instance running as the role.',
    services: SAGEMAKER,
    create: [c('sagemaker:CreateNotebookInstance', 'notebook-instance/*')],
    pathfinding: ['sagemaker-001'],
  },
  {
    id: 'sagemaker-002',
    name: 'iam:PassRole + sagemaker:CreateTrainingJob',
    description: 'Creates a training job whose container runs as the role.',
    services: SAGEMAKER,
    create: [c('sagemaker:CreateTrainingJob', 'training-job/*')],
    pathfinding: ['sagemaker-002'],
  },
  {
    id: 'sagemaker-003',
    name: 'iam:PassRole + sagemaker:CreateProcessingJob',
    description: 'Creates a processing job whose container runs as the role.',
    services: SAGEMAKER,
    create: [c('sagemaker:CreateProcessingJob', 'processing-job/*')],
    pathfinding: ['sagemaker-003'],
  },
  // Outside pathfinding.cloud (stable x- ids).
  {
    id: 'x-ec2-new-instance-profile',
    name: 'iam:PassRole + ec2:RunInstances + iam:CreateInstanceProfile + iam:AddRoleToInstanceProfile',
    description: 'Puts a role that has no instance profile into a new one and launches an instance with it.',
    services: EC2,
    create: [
      c('ec2:RunInstances', 'instance/*'),
      c('iam:CreateInstanceProfile', 'instance-profile/*'),
      c('iam:AddRoleToInstanceProfile', 'instance-profile/*'),
    ],
    instanceProfile: 'new',
    pathfinding: [],
    parent: 'ec2-001',
  },
  {
    id: 'x-autoscaling-launch-configuration',
    name: 'iam:PassRole + autoscaling:CreateLaunchConfiguration + autoscaling:CreateAutoScalingGroup',
    description:
      'Creates a launch configuration with the role’s instance profile and a group that launches it.',
    services: EC2,
    create: [c('autoscaling:CreateLaunchConfiguration'), c('autoscaling:CreateAutoScalingGroup')],
    instanceProfile: 'existing',
    pathfinding: [],
  },
  {
    id: 'x-ec2-associate-instance-profile',
    name: 'iam:PassRole + ec2:AssociateIamInstanceProfile + ssm:SendCommand',
    description: 'Attaches the role’s instance profile to an existing instance and runs a command on it.',
    services: EC2,
    create: [],
    existing: { kinds: ['ec2-instance'], actions: ['ec2:AssociateIamInstanceProfile', 'ssm:SendCommand'] },
    instanceProfile: 'existing',
    pathfinding: [],
  },
  {
    id: 'x-lambda-update-function-configuration',
    name: 'iam:PassRole + lambda:UpdateFunctionConfiguration',
    description: 'Switches an existing function to the role; its code then runs with the role’s permissions.',
    services: LAMBDA,
    create: [],
    existing: { kinds: ['lambda-function'], actions: ['lambda:UpdateFunctionConfiguration'] },
    pathfinding: [],
  },
  {
    id: 'x-codebuild-update-project',
    name: 'iam:PassRole + codebuild:UpdateProject + codebuild:StartBuild',
    description: 'Switches an existing CodeBuild project to the role and starts a build.',
    services: CODEBUILD,
    create: [],
    existing: { kinds: ['codebuild-project'], actions: ['codebuild:UpdateProject', 'codebuild:StartBuild'] },
    pathfinding: [],
  },
  {
    id: 'x-cloudformation-update-stack-role',
    name: 'iam:PassRole + cloudformation:UpdateStack',
    description: 'Updates an existing stack with a new template and the role as its service role.',
    services: CFN,
    create: [],
    existing: { kinds: ['cloudformation-stack'], actions: ['cloudformation:UpdateStack'] },
    pathfinding: [],
  },
];
