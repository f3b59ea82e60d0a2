import type { ResourceRef } from '../../model/finding.js';
import type { Ec2Instance, Group, LambdaFunction, ManagedPolicy, Role, User } from '../../model/inventory.js';
import { arnAccount } from '../../policy/arn.js';

/** The detection resource of an IAM user. */
export function userRef(user: Pick<User, 'arn' | 'name' | 'accountId'>): ResourceRef {
  return { arn: user.arn, type: 'user', name: user.name, accountId: user.accountId, region: null };
}

/** The detection resource of an IAM role. */
export function roleRef(role: Role): ResourceRef {
  return { arn: role.arn, type: 'role', name: role.name, accountId: role.accountId, region: null };
}

/** The detection resource of an IAM group. */
export function groupRef(group: Group): ResourceRef {
  return { arn: group.arn, type: 'group', name: group.name, accountId: group.accountId, region: null };
}

/** The detection resource of a managed policy. */
export function policyRef(policy: ManagedPolicy): ResourceRef {
  const accountId = policy.accountId ?? arnAccount(policy.arn) ?? '';
  return { arn: policy.arn, type: 'policy', name: policy.name, accountId, region: null };
}

/** The detection resource of an EC2 instance. */
export function instanceRef(instance: Ec2Instance): ResourceRef {
  return {
    arn: instance.arn,
    type: 'ec2-instance',
    name: instance.name ?? instance.instanceId,
    accountId: instance.accountId,
    region: instance.region,
  };
}

/** The detection resource of a Lambda function. */
export function functionRef(fn: LambdaFunction): ResourceRef {
  return { arn: fn.arn, type: 'lambda-function', name: fn.name, accountId: fn.accountId, region: fn.region };
}

/** The detection resource of an account's root user. */
export function accountRef(rootArn: string, accountId: string): ResourceRef {
  return { arn: rootArn, type: 'account', name: 'root', accountId, region: null };
}
