import type { ResourceRef } from '../model/finding.js';
import type { Role } from '../model/inventory.js';
import { analyzeEscalation } from '../privesc/analyze.js';
import type { GraphNode } from '../privesc/graph.js';
import { groupEscalations } from '../privesc/groups.js';
import { isConditionalPath, toPathSteps } from '../privesc/paths.js';
import type { Edge } from '../privesc/types.js';
import { ec2InstanceUrl, iamGroupUrl, iamRoleUrl, iamUserUrl, lambdaFunctionUrl } from './console-url.js';
import type { RuleContext } from './context.js';
import type { RuleFinding } from './define-rule.js';
import { defineRule } from './define-rule.js';
import { groupRef } from './utils/resources.js';
import {
  allowAssumeStatements,
  awsPrincipals,
  callerRestrictions,
  isOpenToAnyone,
  principalAccount,
} from './utils/trust.js';

type Message =
  'escalates' | 'escalatesConditional' | 'stepRemove' | 'stepBoundary' | 'stepCompute' | 'stepGroup';

/** What a finding is about: a graph node, or a group (which is not a node: its path is a member's). */
type Subject = Pick<GraphNode, 'arn' | 'kind' | 'name'> | { arn: string; kind: 'group'; name: string };
type Resolved = { ref: ResourceRef; url: string; role: Role | null };

/** Why a role is reachable from outside its account, or null (RULES.md: critical when so). */
function exposure(role: Role): string | null {
  for (const { statement } of allowAssumeStatements(role.trustPolicy)) {
    if (isOpenToAnyone(statement) && callerRestrictions(statement.condition).length === 0) {
      return 'the role can be assumed by anyone';
    }
    const outside = awsPrincipals(statement).find((p) => {
      const account = principalAccount(p);
      return account !== null && account !== role.accountId;
    });
    if (outside !== undefined)
      return `the role can be assumed from another account (${principalAccount(outside)})`;
  }
  return null;
}

function resourceOf(ctx: RuleContext, node: GraphNode): Resolved | null {
  if (node.kind === 'user') {
    const ref: ResourceRef = {
      arn: node.arn,
      type: 'user',
      name: node.name,
      accountId: node.accountId,
      region: null,
    };
    return { ref, url: iamUserUrl(node.arn, node.name), role: null };
  }
  if (node.kind === 'role') {
    const role = ctx.inventory.roles.find((r) => r.arn === node.arn) ?? null;
    const ref: ResourceRef = {
      arn: node.arn,
      type: 'role',
      name: node.name,
      accountId: node.accountId,
      region: null,
    };
    return { ref, url: iamRoleUrl(node.arn, node.name), role };
  }
  const instance = ctx.inventory.instances.find((i) => i.arn === node.arn);
  if (instance !== undefined) {
    const ref: ResourceRef = {
      arn: node.arn,
      type: 'ec2-instance',
      name: node.name,
      accountId: node.accountId,
      region: instance.region,
    };
    return { ref, url: ec2InstanceUrl(node.arn, instance.region, instance.instanceId), role: null };
  }
  const fn = ctx.inventory.functions.find((f) => f.arn === node.arn);
  if (fn !== undefined) {
    const ref: ResourceRef = {
      arn: node.arn,
      type: 'lambda-function',
      name: node.name,
      accountId: node.accountId,
      region: fn.region,
    };
    return { ref, url: lambdaFunctionUrl(node.arn, fn.region, fn.name), role: null };
  }
  return null;
}

function finding(
  node: Subject,
  res: Resolved,
  path: Edge[],
  conditional: boolean,
): RuleFinding<Message> | null {
  // A compute resource whose own role is administrator is compute-admin's finding, not an escalation.
  if (node.kind === 'compute' && path.length === 1) return null;
  const first = path[0]!;
  const last = path[path.length - 1]!;
  const exposed = res.role === null ? null : exposure(res.role);
  return {
    messageId: conditional ? 'escalatesConditional' : 'escalates',
    data: {
      name: node.name,
      steps: path.length,
      techniques: [...new Set(path.map((e) => e.technique))].join(', '),
      admin: last.grantsAdmin ? `${last.to} (made administrator by the step)` : last.to,
      firstTechnique: first.technique,
      firstActions: first.actions.join(', ') || 'its role',
    },
    identity: { arn: node.arn },
    resource: res.ref,
    ...(exposed !== null ? { severity: 'critical' as const } : {}),
    path: toPathSteps(path),
    evidence: {
      reasons: path.map((e) => e.reason),
      conditional,
      administrator: last.to,
      ...(exposed !== null ? { severityReason: exposed } : {}),
    },
    fix: {
      consoleUrl: res.url,
      steps:
        node.kind === 'compute'
          ? ['stepCompute', 'stepRemove']
          : node.kind === 'group'
            ? ['stepRemove', 'stepGroup']
            : ['stepRemove', 'stepBoundary'],
    },
  };
}

/**
 * `privilege-escalation`: a user, role or compute resource that is not administrator but reaches one through
 * a path of techniques (the escalation graph of `privesc/`), or a group whose own policies give any member
 * such a path (`privesc/groups.ts`). Evidence is the shortest path, certain steps
 * preferred; the detection's `path` carries it as PRODUCT.md §5 steps.
 */
export const privilegeEscalation = defineRule({
  id: 'privilege-escalation',
  title: 'Identity can escalate to administrator',
  resourceTypes: ['user', 'role', 'group', 'ec2-instance', 'lambda-function'],
  severity: 'high',
  requires: ['iam'],
  version: 1,
  maturity: 'experimental',
  description:
    'Fires for a user, role, EC2 instance or Lambda function that is not administrator but reaches an ' +
    'administrator through the techniques of the catalog (pathfinding.cloud ids plus x- extras): resource ' +
    'scoping, iam:PassedToService, boundaries, SCPs, denies and trust policies are evaluated, and techniques ' +
    'on existing resources need those resources in the inputs. Critical when the identity can be assumed by ' +
    'anyone or from another account. Also fires for a group whose own inline and attached policies let a ' +
    'member escalate (judged as a member holding only the group’s policies, under its account’s SCPs), even ' +
    'an empty group since adding a user is enough; a group that is already administrator is admin-group’s ' +
    'finding. Members are reported for their own paths too.',
  references: [
    'https://pathfinding.cloud',
    'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
  ],
  remediation:
    'Remove the permission behind the first step of the path, or cap the identity with a boundary.',
  messages: {
    escalates: '{name} can escalate to administrator in {steps} step(s) ({techniques}), reaching {admin}.',
    escalatesConditional:
      '{name} can escalate to administrator in {steps} step(s) ({techniques}), reaching {admin}, if conditions unknown at scan time hold.',
    stepRemove: 'Remove or scope {firstActions} (technique {firstTechnique}) from {name}.',
    stepBoundary:
      'Set a permissions boundary on {name} that excludes IAM writes, iam:PassRole and sts:AssumeRole on privileged roles.',
    stepCompute: 'Restrict who can act on {name}, or give it a role that cannot escalate.',
    stepGroup:
      'Every member of group {name}, today’s and tomorrow’s, can take this path: review who belongs to it.',
  },
  evaluate(ctx) {
    const analysis = analyzeEscalation(ctx.inventory, ctx.authz, ctx.asOf);
    const { graph, paths } = analysis;
    const out: RuleFinding<Message>[] = [];
    for (const [arn, path] of paths) {
      const node = graph.nodes.get(arn);
      if (node === undefined || node.isAdmin || path.length === 0) continue;
      const res = resourceOf(ctx, node);
      const f = res === null ? null : finding(node, res, path, isConditionalPath(graph, path));
      if (f !== null) out.push(f);
    }
    for (const { group, path, conditional } of groupEscalations(analysis)) {
      const res: Resolved = { ref: groupRef(group), url: iamGroupUrl(group.arn, group.name), role: null };
      const f = finding({ arn: group.arn, kind: 'group', name: group.name }, res, path, conditional);
      if (f !== null) out.push(f);
    }
    return out.sort((a, b) =>
      a.resource.arn < b.resource.arn ? -1 : a.resource.arn > b.resource.arn ? 1 : 0,
    );
  },
});
