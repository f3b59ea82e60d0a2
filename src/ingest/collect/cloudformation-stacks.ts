import type { CloudFormationClient, Stack, StackSet } from '@aws-sdk/client-cloudformation';
import {
  DescribeStackSetCommand,
  paginateDescribeStacks,
  paginateListStackSets,
} from '@aws-sdk/client-cloudformation';
import { toCliJson } from './aws-json.js';

/** Get: every page of `DescribeStacks` in the client's region (deleted stacks are not listed by AWS). */
export async function getStacks(cfn: CloudFormationClient): Promise<Stack[]> {
  const stacks: Stack[] = [];
  for await (const page of paginateDescribeStacks({ client: cfn }, {})) stacks.push(...(page.Stacks ?? []));
  return stacks;
}

/** Transform: the `aws cloudformation describe-stacks` document. */
export function transformStacks(stacks: readonly Stack[]): { Stacks: unknown[] } {
  return { Stacks: stacks.map(toCliJson) };
}

/**
 * Get: the active self-managed stack sets this account administers (`ListStackSets`, every page), each
 * described (`DescribeStackSet`: the summary has no administration role).
 */
export async function getStackSets(cfn: CloudFormationClient, pageSize?: number): Promise<StackSet[]> {
  const names: string[] = [];
  for await (const page of paginateListStackSets({ client: cfn, pageSize }, { Status: 'ACTIVE' })) {
    for (const s of page.Summaries ?? []) if (s.StackSetName) names.push(s.StackSetName);
  }
  const sets: StackSet[] = [];
  for (const name of names) {
    const { StackSet: set } = await cfn.send(new DescribeStackSetCommand({ StackSetName: name }));
    if (set) sets.push(set);
  }
  return sets;
}

/** Transform: a JSON list of `aws cloudformation describe-stack-set` outputs. */
export function transformStackSets(sets: readonly StackSet[]): { StackSet: unknown }[] {
  return sets.map((s) => ({ StackSet: toCliJson(s) }));
}
