import type { DescribeTaskDefinitionCommandOutput, ECSClient } from '@aws-sdk/client-ecs';
import { DescribeTaskDefinitionCommand, paginateListTaskDefinitions } from '@aws-sdk/client-ecs';
import { toCliJson } from './aws-json.js';

/**
 * The latest revision of each family among task-definition ARNs (`…:task-definition/<family>:<revision>`).
 * Older active revisions are left out to bound the calls (one `DescribeTaskDefinition` per family).
 */
export function latestRevisions(arns: readonly string[]): string[] {
  const latest = new Map<string, { arn: string; revision: number }>();
  for (const arn of arns) {
    const m = /:task-definition\/(.+):(\d+)$/.exec(arn);
    if (!m) continue;
    const revision = Number(m[2]);
    const seen = latest.get(m[1]!);
    if (!seen || revision > seen.revision) latest.set(m[1]!, { arn, revision });
  }
  return [...latest.values()].map((v) => v.arn).sort();
}

/**
 * Get: the ACTIVE task definitions (`ListTaskDefinitions`, every page), the latest revision of each family
 * described (`DescribeTaskDefinition`).
 */
export async function getTaskDefinitions(
  ecs: ECSClient,
  pageSize?: number,
): Promise<DescribeTaskDefinitionCommandOutput[]> {
  const arns: string[] = [];
  for await (const page of paginateListTaskDefinitions({ client: ecs, pageSize }, { status: 'ACTIVE' })) {
    arns.push(...(page.taskDefinitionArns ?? []));
  }
  const out: DescribeTaskDefinitionCommandOutput[] = [];
  for (const arn of latestRevisions(arns)) {
    out.push(await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })));
  }
  return out;
}

/** Transform: a JSON list of `aws ecs describe-task-definition` outputs. */
export function transformTaskDefinitions(
  described: readonly DescribeTaskDefinitionCommandOutput[],
): unknown[] {
  return described.map(toCliJson);
}
