// In-process stubs for what moto cannot show cheaply: BatchGetProjects batches of at most 100 names over
// several ListProjects pages, and stack sets (DescribeStackSet each). The clients are the real SDK ones.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { describe, expect, it } from 'vitest';
import { detectKind } from '../detect.js';
import { getStackSets, transformStackSets } from './cloudformation-stacks.js';
import { getProjects, transformProjects } from './codebuild.js';
import { latestRevisions } from './ecs.js';

const config = { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } };

function stubSend<C extends { send: unknown }>(
  client: C,
  fn: (command: { input: Record<string, unknown>; constructor: { name: string } }) => unknown,
): void {
  (client as { send: unknown }).send = async (command: never) => fn(command);
}

describe('service-resource collectors (stubbed)', () => {
  it('gets every project name over the pages and batches BatchGetProjects by at most 100 names', async () => {
    const codebuild = new CodeBuildClient(config);
    const names = Array.from({ length: 230 }, (_, i) => `p${i}`);
    const batches: number[] = [];
    stubSend(codebuild, (cmd) => {
      if (cmd.constructor.name === 'ListProjectsCommand') {
        const start = Number(cmd.input.nextToken ?? 0);
        const next = start + 60 < names.length ? String(start + 60) : undefined;
        return { projects: names.slice(start, start + 60), nextToken: next, $metadata: {} };
      }
      expect(cmd.constructor.name).toBe('BatchGetProjectsCommand');
      const batch = cmd.input.names as string[];
      batches.push(batch.length);
      return {
        projects: batch.map((name) => ({ name, serviceRole: `arn:aws:iam::100000000001:role/${name}` })),
        $metadata: {},
      };
    });
    const projects = await getProjects(codebuild);
    expect(batches).toEqual([100, 100, 30]);
    expect(projects.map((p) => p.name)).toEqual(names);
    expect(detectKind(transformProjects(projects))).toBe('codebuild-projects');
  });

  it('describes each active stack set into a list of describe-stack-set outputs', async () => {
    const cfn = new CloudFormationClient(config);
    const sent: string[] = [];
    stubSend(cfn, (cmd) => {
      sent.push(cmd.constructor.name);
      if (cmd.constructor.name === 'ListStackSetsCommand') {
        expect(cmd.input.Status).toBe('ACTIVE');
        return { Summaries: [{ StackSetName: 'baseline' }], $metadata: {} };
      }
      return {
        StackSet: {
          StackSetName: cmd.input.StackSetName,
          StackSetARN: 'arn:aws:cloudformation:us-east-1:100000000001:stackset/baseline:1',
          AdministrationRoleARN: 'arn:aws:iam::100000000001:role/AWSCloudFormationStackSetAdministrationRole',
        },
        $metadata: {},
      };
    });
    const doc = transformStackSets(await getStackSets(cfn));
    expect(sent).toEqual(['ListStackSetsCommand', 'DescribeStackSetCommand']);
    expect(doc).toMatchObject([{ StackSet: { StackSetName: 'baseline' } }]);
    expect(detectKind(doc)).toBe('cloudformation-stack-sets');
  });

  it('keeps the latest revision of each task-definition family', () => {
    const td = (f: string, r: number) => `arn:aws:ecs:us-east-1:100000000001:task-definition/${f}:${r}`;
    expect(latestRevisions([td('web', 2), td('web', 10), td('api', 1), td('web', 9)])).toEqual([
      td('api', 1),
      td('web', 10),
    ]);
  });
});
