import { instanceRoleArns, isLiveInstance } from '../privesc/compute-nodes.js';
import type { RuleContext } from './context.js';
import { ec2InstanceUrl, lambdaFunctionUrl } from './console-url.js';
import type { RuleFinding } from './define-rule.js';
import { defineRule } from './define-rule.js';
import { adminEvidence, grantingPolicyNames } from './utils/admin-evidence.js';
import { functionRef, instanceRef } from './utils/resources.js';

type Message = 'instance' | 'publicInstance' | 'function' | 'stepScope' | 'stepInstance' | 'stepFunction';

function adminRoles(ctx: RuleContext, roleArns: string[]) {
  return roleArns
    .filter((arn) => ctx.inventory.roles.some((r) => r.arn === arn))
    .map((arn) => ({ arn, verdict: ctx.authz.adminVerdict(arn) }))
    .filter((r) => r.verdict.isAdmin);
}

function instanceFindings(ctx: RuleContext): RuleFinding<Message>[] {
  return ctx.inventory.instances.flatMap((instance): RuleFinding<Message>[] => {
    if (!isLiveInstance(instance)) return [];
    const admins = adminRoles(ctx, instanceRoleArns(ctx.inventory, instance));
    const first = admins[0];
    if (first === undefined) return [];
    const isPublic = instance.publicIp !== null;
    return [
      {
        messageId: isPublic ? 'publicInstance' : 'instance',
        data: {
          name: instance.name ?? instance.instanceId,
          instanceId: instance.instanceId,
          role: first.arn,
          policies: grantingPolicyNames(first.verdict),
          publicIp: instance.publicIp ?? '',
        },
        identity: { arn: instance.arn },
        resource: instanceRef(instance),
        ...(isPublic ? { severity: 'critical' as const } : {}),
        evidence: {
          state: instance.state,
          publicIp: instance.publicIp,
          instanceProfileArn: instance.instanceProfileArn,
          roles: admins.map((a) => ({ roleArn: a.arn, ...adminEvidence(a.verdict) })),
          ...(isPublic ? { severityReason: 'the instance has a public IP address' } : {}),
        },
        fix: {
          consoleUrl: ec2InstanceUrl(instance.arn, instance.region, instance.instanceId),
          steps: ['stepInstance', 'stepScope'],
        },
      },
    ];
  });
}

function functionFindings(ctx: RuleContext): RuleFinding<Message>[] {
  return ctx.inventory.functions.flatMap((fn): RuleFinding<Message>[] => {
    const admin = adminRoles(ctx, [fn.roleArn])[0];
    if (admin === undefined) return [];
    return [
      {
        messageId: 'function',
        data: { name: fn.name, role: admin.arn, policies: grantingPolicyNames(admin.verdict) },
        identity: { arn: fn.arn },
        resource: functionRef(fn),
        evidence: { roles: [{ roleArn: admin.arn, ...adminEvidence(admin.verdict) }] },
        fix: {
          consoleUrl: lambdaFunctionUrl(fn.arn, fn.region, fn.name),
          steps: ['stepFunction', 'stepScope'],
        },
      },
    ];
  });
}

/**
 * `compute-admin`: an EC2 instance whose instance profile carries an administrator role, or a Lambda function
 * whose execution role is administrator. Anyone who runs code there (or reaches the instance metadata
 * service) holds administrator credentials.
 */
export const computeAdmin = defineRule({
  id: 'compute-admin',
  title: 'Compute resource has administrative privileges',
  resourceTypes: ['ec2-instance', 'lambda-function'],
  severity: 'high',
  requires: ['iam', ['ec2', 'lambda']],
  version: 1,
  maturity: 'stable',
  description:
    'Fires for a pending, running, stopping or stopped EC2 instance (or one whose state the export omits) ' +
    'whose instance profile role is ' +
    'administrator (critical when the instance has a public IP), and for a Lambda function whose execution ' +
    'role is administrator. A role missing from the IAM inputs (another account) is not judged.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
  ],
  remediation: 'Give the workload a role scoped to what it uses.',
  messages: {
    instance: 'EC2 instance {name} runs with administrator role {role} (policy {policies}).',
    publicInstance:
      'EC2 instance {name}, reachable at public IP {publicIp}, runs with administrator role {role} (policy {policies}).',
    function: 'Lambda function {name} runs with administrator execution role {role} (policy {policies}).',
    stepScope: 'Replace {policies} on role {role} with the permissions the workload uses.',
    stepInstance: 'Attach an instance profile with a least-privilege role to instance {instanceId}.',
    stepFunction: 'Give function {name} its own least-privilege execution role.',
  },
  evaluate: (ctx) => [...instanceFindings(ctx), ...functionFindings(ctx)],
});
