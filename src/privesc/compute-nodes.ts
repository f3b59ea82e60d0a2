import type { Ec2Instance, Inventory } from '../model/inventory.js';
import type { ComputeNode } from './types.js';

// Instances that exist and can run again; terminated and shutting-down ones carry no credentials.
// Instances that exist and can run again; terminated and shutting-down ones carry no credentials.
const LIVE_STATES = new Set(['pending', 'running', 'stopping', 'stopped']);

/** Whether an EC2 instance can carry credentials: not terminated (an unknown state counts as live). */
export function isLiveInstance(instance: Ec2Instance): boolean {
  return instance.state === null || LIVE_STATES.has(instance.state);
}

/** The role ARNs an EC2 instance acts as, through its instance profile, sorted. */
export function instanceRoleArns(inventory: Inventory, instance: Ec2Instance): string[] {
  const profileArn = instance.instanceProfileArn;
  if (profileArn === null) return [];
  const fromProfile = inventory.instanceProfiles.find((p) => p.arn === profileArn)?.roleArns ?? [];
  const fromRoles = inventory.roles
    .filter((r) => r.instanceProfileArns.includes(profileArn))
    .map((r) => r.arn);
  return [...new Set([...fromProfile, ...fromRoles])].sort();
}

/**
 * The compute resources of the inventory as graph nodes: live EC2 instances (roles from their instance
 * profile), Lambda functions (execution role) and the optional service resources (stacks, projects,
 * notebooks, …) with a role. Resources without a role are kept: some techniques attach one to them.
 */
export function computeNodes(inventory: Inventory): ComputeNode[] {
  const out: ComputeNode[] = [];
  for (const i of inventory.instances) {
    if (!isLiveInstance(i)) continue;
    out.push({
      arn: i.arn,
      kind: 'ec2-instance',
      name: i.name ?? i.instanceId,
      accountId: i.accountId,
      region: i.region,
      roleArns: instanceRoleArns(inventory, i),
      state: i.state,
    });
  }
  for (const f of inventory.functions) {
    out.push({
      arn: f.arn,
      kind: 'lambda-function',
      name: f.name,
      accountId: f.accountId,
      region: f.region,
      roleArns: f.roleArn ? [f.roleArn] : [],
      state: null,
    });
  }
  for (const r of inventory.serviceResources ?? []) {
    out.push({
      arn: r.arn,
      kind: r.kind,
      name: r.name,
      accountId: r.accountId,
      region: r.region,
      roleArns: r.roleArn === null ? [] : [r.roleArn],
      state: null,
    });
  }
  return out;
}
