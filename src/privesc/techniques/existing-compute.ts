/**
 * Existing compute: the principal runs its own code on a resource that already runs as a role (a function,
 * an instance with a profile, a build project, a stack, a notebook, …). Each is an edge to that resource only
 * when the resource is in the inputs and the actions are allowed on its ARN; the resource's own edge to its
 * role (compute-credentials.ts) completes the hop.
 */
import type { ServiceResourceKind } from '../../model/inventory.js';
import type { Grant } from '../env.js';
import type { Technique } from '../types.js';
import { edgeOf } from './helpers.js';

type Kind = ServiceResourceKind | 'ec2-instance' | 'lambda-function';

interface ExistingSpec {
  id: string;
  name: string;
  description: string;
  kinds: readonly Kind[];
  actions: readonly string[];
  /** EC2 states in which the technique works (default: any live state). */
  states?: readonly string[];
  pathfinding: readonly string[];
  parent?: string;
  /** References beyond the pathfinding page. */
  references?: readonly string[];
}

const RUNNING = ['running'];

const SPECS: readonly ExistingSpec[] = [
  {
    id: 'lambda-003',
    name: 'lambda:UpdateFunctionCode',
    description: 'Replaces a function’s code; the next invocation runs it as the execution role.',
    kinds: ['lambda-function'],
    actions: ['lambda:UpdateFunctionCode'],
    pathfinding: ['lambda-003'],
  },
  {
    id: 'lambda-004',
    name: 'lambda:UpdateFunctionCode + lambda:InvokeFunction',
    description: 'Replaces a function’s code and invokes it.',
    kinds: ['lambda-function'],
    actions: ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'],
    pathfinding: ['lambda-004'],
    parent: 'lambda-003',
  },
  {
    id: 'lambda-005',
    name: 'lambda:UpdateFunctionCode + lambda:AddPermission',
    description: 'Replaces a function’s code and lets itself invoke it through the resource policy.',
    kinds: ['lambda-function'],
    actions: ['lambda:UpdateFunctionCode', 'lambda:AddPermission'],
    pathfinding: ['lambda-005'],
    parent: 'lambda-003',
  },
  {
    id: 'x-lambda-update-function-configuration-layer',
    name: 'lambda:UpdateFunctionConfiguration',
    description:
      'Adds a layer or an AWS_LAMBDA_EXEC_WRAPPER variable to a function, so its next run executes the caller’s code.',
    kinds: ['lambda-function'],
    actions: ['lambda:UpdateFunctionConfiguration'],
    pathfinding: [],
    references: [
      'https://docs.aws.amazon.com/lambda/latest/dg/runtimes-modify.html',
      'https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html',
    ],
  },
  {
    id: 'ssm-001',
    name: 'ssm:StartSession',
    description: 'Opens a shell on a running instance and reads its role’s credentials.',
    kinds: ['ec2-instance'],
    actions: ['ssm:StartSession'],
    states: RUNNING,
    pathfinding: ['ssm-001'],
  },
  {
    id: 'ssm-002',
    name: 'ssm:SendCommand',
    description: 'Runs a command on a running instance that prints its role’s credentials.',
    kinds: ['ec2-instance'],
    actions: ['ssm:SendCommand'],
    states: RUNNING,
    pathfinding: ['ssm-002'],
  },
  {
    id: 'ec2instanceconnect-003',
    name: 'ec2-instance-connect:SendSSHPublicKey',
    description: 'Pushes an SSH key to a running instance and logs in.',
    kinds: ['ec2-instance'],
    actions: ['ec2-instance-connect:SendSSHPublicKey'],
    states: RUNNING,
    pathfinding: ['ec2instanceconnect-003'],
  },
  {
    id: 'ec2-002',
    name: 'ec2:ModifyInstanceAttribute + ec2:StopInstances + ec2:StartInstances',
    description: 'Replaces an instance’s user data and restarts it so the new script runs as root.',
    kinds: ['ec2-instance'],
    actions: ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'],
    pathfinding: ['ec2-002'],
  },
  {
    id: 'ec2-004',
    name: 'ec2:CreateLaunchTemplateVersion + ec2:ModifyLaunchTemplate',
    description: 'Makes a new default version of a launch template with a malicious user data script.',
    kinds: ['ec2-launch-template'],
    actions: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
    pathfinding: ['ec2-004'],
  },
  {
    id: 'codebuild-002',
    name: 'codebuild:StartBuild',
    description: 'Starts a build of an existing project with an overridden buildspec.',
    kinds: ['codebuild-project'],
    actions: ['codebuild:StartBuild'],
    pathfinding: ['codebuild-002'],
  },
  {
    id: 'codebuild-003',
    name: 'codebuild:StartBuildBatch',
    description: 'Starts a batch build of an existing project with an overridden buildspec.',
    kinds: ['codebuild-project'],
    actions: ['codebuild:StartBuildBatch'],
    pathfinding: ['codebuild-003'],
  },
  {
    id: 'cloudformation-002',
    name: 'cloudformation:UpdateStack',
    description: 'Updates an existing stack’s template; its service role creates the new resources.',
    kinds: ['cloudformation-stack'],
    actions: ['cloudformation:UpdateStack'],
    pathfinding: ['cloudformation-002'],
  },
  {
    id: 'cloudformation-005',
    name: 'cloudformation:CreateChangeSet + cloudformation:ExecuteChangeSet',
    description: 'Creates and executes a change set on an existing stack with a service role.',
    kinds: ['cloudformation-stack'],
    actions: ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'],
    pathfinding: ['cloudformation-005'],
  },
  {
    id: 'sagemaker-004',
    name: 'sagemaker:CreatePresignedNotebookInstanceUrl',
    description: 'Opens an existing notebook instance’s Jupyter and runs code as its role.',
    kinds: ['sagemaker-notebook'],
    actions: ['sagemaker:CreatePresignedNotebookInstanceUrl'],
    pathfinding: ['sagemaker-004'],
  },
  {
    id: 'sagemaker-005',
    name: 'sagemaker:CreateNotebookInstanceLifecycleConfig + StopNotebookInstance + UpdateNotebookInstance + StartNotebookInstance',
    description: 'Attaches a lifecycle script to an existing notebook instance and restarts it.',
    kinds: ['sagemaker-notebook'],
    actions: [
      'sagemaker:CreateNotebookInstanceLifecycleConfig',
      'sagemaker:StopNotebookInstance',
      'sagemaker:UpdateNotebookInstance',
      'sagemaker:StartNotebookInstance',
    ],
    pathfinding: ['sagemaker-005'],
  },
  {
    id: 'glue-002',
    name: 'glue:UpdateDevEndpoint',
    description: 'Adds an SSH key to an existing Glue development endpoint and logs in.',
    kinds: ['glue-dev-endpoint'],
    actions: ['glue:UpdateDevEndpoint'],
    pathfinding: ['glue-002'],
  },
  {
    id: 'apprunner-002',
    name: 'apprunner:UpdateService',
    description: 'Updates an existing App Runner service to run the caller’s image or start command.',
    kinds: ['apprunner-service'],
    actions: ['apprunner:UpdateService'],
    pathfinding: ['apprunner-002'],
  },
  {
    id: 'bedrock-002',
    name: 'bedrock-agentcore:StartCodeInterpreterSession + InvokeCodeInterpreter',
    description: 'Runs code in an existing AgentCore code interpreter that has a role.',
    kinds: ['bedrock-code-interpreter'],
    actions: ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'],
    pathfinding: ['bedrock-002'],
  },
  {
    id: 'x-ecs-run-task-existing',
    name: 'ecs:RunTask',
    description: 'Runs an existing task definition with a command override; the task gets its task role.',
    kinds: ['ecs-task-definition'],
    actions: ['ecs:RunTask'],
    pathfinding: [],
    references: ['https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html'],
  },
];

function fromSpec(spec: ExistingSpec): Technique {
  const kinds: readonly string[] = spec.kinds;
  return {
    id: spec.id,
    family: 'existing-compute',
    category: 'existing-passrole',
    name: spec.name,
    description: spec.description,
    requiredActions: spec.actions,
    prerequisites: [
      `an existing ${spec.kinds.join(' or ')} with a role, in the inputs`,
      ...(spec.states ? [`the instance is ${spec.states.join(' or ')}`] : []),
    ],
    pathfinding: spec.pathfinding,
    ...(spec.parent ? { parent: spec.parent } : {}),
    references: [
      ...spec.pathfinding.map((id) => `https://pathfinding.cloud/paths/${id}`),
      ...(spec.references ?? []),
    ],
    edges(source, env) {
      const s = env.principal(source);
      if (s === null || !env.mayDo(source, spec.actions)) return [];
      return env.computeIn(s.accountId).flatMap((node) => {
        if (!kinds.includes(node.kind) || node.roleArns.length === 0) return [];
        if (spec.states && node.state !== null && !spec.states.includes(node.state)) return [];
        let conditional = false;
        for (const a of spec.actions) {
          const g: Grant = env.can(source, a, node.arn);
          if (!g.allowed) return [];
          conditional ||= g.conditional;
        }
        const g = { allowed: true, conditional };
        return [
          edgeOf(
            source,
            node.arn,
            spec.id,
            [...spec.actions],
            g,
            `${s.name} can run code on ${node.kind} ${node.name}`,
          ),
        ];
      });
    },
  };
}

/** Techniques on existing compute resources. */
export const EXISTING_COMPUTE_TECHNIQUES: readonly Technique[] = SPECS.map(fromSpec);
