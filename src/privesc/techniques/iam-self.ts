/**
 * IAM self-modification: the principal writes, attaches or switches a policy that applies to itself, or
 * joins a group, and so becomes administrator. The gain is judged with the principal's own boundary, SCPs
 * and explicit denies, so a permissions boundary caps what the step gives.
 */
import type { Role, User } from '../../model/inventory.js';
import type { NamedPolicy } from '../../model/policy.js';
import type { PrivescEnv } from '../env.js';
import type { Edge, Technique, TechniqueInfo } from '../types.js';
import { all, edgeOf, partitionAndAccount, probeArn } from './helpers.js';

const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';
const PF = (id: string) => `https://pathfinding.cloud/paths/${id}`;

function adminPolicyArn(arn: string): string {
  return `arn:${partitionAndAccount(arn).partition}:iam::aws:policy/AdministratorAccess`;
}

type Check = (p: User | Role, env: PrivescEnv) => Edge[];

function technique(
  info: Omit<TechniqueInfo, 'family'>,
  check: Check,
  prefilter: readonly string[] = info.requiredActions,
): Technique {
  return {
    ...info,
    family: 'iam-self',
    edges(source, env) {
      const p = env.principal(source);
      if (p === null || !env.mayDo(source, prefilter)) return [];
      return check(p, env);
    },
  };
}

/** Writing (`put`) or attaching (`attach`) a policy on the principal's own user or role. */
function ownPolicy(id: string, kind: 'user' | 'role', verb: 'put' | 'attach'): Technique {
  const action = `iam:${verb === 'put' ? 'Put' : 'Attach'}${kind === 'user' ? 'User' : 'Role'}Policy`;
  return technique(
    {
      id,
      category: 'self-escalation',
      name: action,
      description:
        verb === 'put'
          ? `A ${kind} allowed ${action} on itself writes an inline policy granting everything.`
          : `A ${kind} allowed ${action} on itself attaches AdministratorAccess (iam:PolicyARN is evaluated).`,
      requiredActions: [action],
      prerequisites: [`${action} on the principal itself`, 'no boundary or SCP capping the new permissions'],
      pathfinding: [id],
      references: [PF(id), RHINO],
    },
    (p, env) => {
      if (p.kind !== kind) return [];
      const extra = verb === 'attach' ? { 'iam:PolicyARN': adminPolicyArn(p.arn) } : undefined;
      const g = all([() => env.can(p.arn, action, p.arn, extra), () => env.adminWith(p.arn)]);
      if (g === null) return [];
      return [
        edgeOf(
          p.arn,
          p.arn,
          id,
          [action],
          g,
          `${p.name} can ${verb} an administrator policy on itself`,
          true,
        ),
      ];
    },
  );
}

/** Writing or attaching a policy on a group the user belongs to. */
function ownGroupPolicy(id: string, verb: 'put' | 'attach'): Technique {
  const action = `iam:${verb === 'put' ? 'Put' : 'Attach'}GroupPolicy`;
  return technique(
    {
      id,
      category: 'self-escalation',
      name: action,
      description: `A user allowed ${action} on one of its own groups gives the group, and so itself, every permission.`,
      requiredActions: [action],
      prerequisites: ['the user is a member of the group', 'no boundary or SCP capping the new permissions'],
      pathfinding: [id],
      references: [PF(id), RHINO],
    },
    (p, env) => {
      if (p.kind !== 'user') return [];
      const extra = verb === 'attach' ? { 'iam:PolicyARN': adminPolicyArn(p.arn) } : undefined;
      for (const g of env.groupsOf(p)) {
        const grant = all([() => env.can(p.arn, action, g.arn, extra), () => env.adminWith(p.arn)]);
        if (grant !== null) {
          return [
            edgeOf(
              p.arn,
              p.arn,
              id,
              [action],
              grant,
              `${p.name} can ${verb} an administrator policy on its group ${g.name}`,
              true,
            ),
          ];
        }
      }
      return [];
    },
  );
}

const createPolicyVersion = technique(
  {
    id: 'iam-001',
    category: 'self-escalation',
    name: 'iam:CreatePolicyVersion',
    description:
      'A principal allowed iam:CreatePolicyVersion on a customer-managed policy attached to itself (or to one ' +
      'of its groups) creates a new default version granting everything; no SetDefaultPolicyVersion needed.',
    requiredActions: ['iam:CreatePolicyVersion'],
    prerequisites: ['a customer-managed policy attached to the principal or its groups'],
    pathfinding: ['iam-001'],
    references: [PF('iam-001'), RHINO],
  },
  (p, env) => {
    for (const m of env.attachedCustomerPolicies(p)) {
      const g = all([() => env.can(p.arn, 'iam:CreatePolicyVersion', m.arn), () => env.adminWith(p.arn)]);
      if (g !== null) {
        return [
          edgeOf(
            p.arn,
            p.arn,
            'iam-001',
            ['iam:CreatePolicyVersion'],
            g,
            `${p.name} can rewrite its policy ${m.name}`,
            true,
          ),
        ];
      }
    }
    return [];
  },
);

const setDefaultPolicyVersion = technique(
  {
    id: 'x-iam-set-default-policy-version',
    category: 'self-escalation',
    name: 'iam:SetDefaultPolicyVersion',
    description:
      'A principal allowed iam:SetDefaultPolicyVersion on a policy attached to itself switches it to a stored ' +
      'non-default version that makes it administrator.',
    requiredActions: ['iam:SetDefaultPolicyVersion'],
    prerequisites: [
      'an attached customer-managed policy with a more permissive non-default version in the export',
    ],
    pathfinding: [],
    references: [
      RHINO,
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetDefaultPolicyVersion.html',
    ],
  },
  (p, env) => {
    for (const m of env.attachedCustomerPolicies(p)) {
      for (const v of m.nonDefaultVersions ?? []) {
        const version: NamedPolicy = {
          id: `${m.arn}#${v.versionId}`,
          name: `${m.name} ${v.versionId}`,
          kind: 'managed',
          document: v.document,
        };
        const g = all([
          () => env.can(p.arn, 'iam:SetDefaultPolicyVersion', m.arn),
          () => env.adminWith(p.arn, [version], m.arn),
        ]);
        if (g !== null) {
          return [
            edgeOf(
              p.arn,
              p.arn,
              'x-iam-set-default-policy-version',
              ['iam:SetDefaultPolicyVersion'],
              g,
              `${p.name} can make version ${v.versionId} of ${m.name} the default`,
              true,
            ),
          ];
        }
      }
    }
    return [];
  },
);

const addUserToGroup = technique(
  {
    id: 'iam-013',
    category: 'self-escalation',
    name: 'iam:AddUserToGroup',
    description:
      'A user allowed iam:AddUserToGroup on a group whose policies make it administrator joins it.',
    requiredActions: ['iam:AddUserToGroup'],
    prerequisites: ['a group whose policies, with the user’s boundary and SCPs, give administrator'],
    pathfinding: ['iam-013'],
    references: [PF('iam-013'), RHINO],
  },
  (p, env) => {
    if (p.kind !== 'user') return [];
    for (const g of env.groupsIn(p.accountId)) {
      if (p.groupNames.includes(g.name)) continue;
      const policies = env.authz.policySet(g.arn)?.identity ?? [];
      if (policies.length === 0) continue;
      const grant = all([
        () => env.can(p.arn, 'iam:AddUserToGroup', g.arn),
        () => env.adminWith(p.arn, policies),
      ]);
      if (grant !== null) {
        return [
          edgeOf(
            p.arn,
            p.arn,
            'iam-013',
            ['iam:AddUserToGroup'],
            grant,
            `${p.name} can add itself to group ${g.name}`,
            true,
          ),
        ];
      }
    }
    return [];
  },
);

const createRole = technique(
  {
    id: 'x-iam-create-role',
    category: 'self-escalation',
    name: 'iam:CreateRole + iam:AttachRolePolicy | iam:PutRolePolicy',
    description:
      'A principal allowed to create a role and give it a policy creates a role that trusts itself, grants it ' +
      'everything and assumes it (the trust names the caller, so no identity sts:AssumeRole is needed).',
    requiredActions: ['iam:CreateRole', 'iam:PutRolePolicy'],
    prerequisites: [
      'iam:PutRolePolicy (or iam:AttachRolePolicy) on the new role',
      'SCPs allow an administrator role',
    ],
    pathfinding: [],
    references: [RHINO, 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user.html'],
  },
  (p, env) => {
    const roleArn = probeArn(p.arn, 'iam', 'role/iamrisk-escalation-probe');
    const fakeRole: Role = {
      kind: 'role',
      arn: roleArn,
      name: 'new role',
      id: null,
      path: '/',
      accountId: p.accountId,
      createDate: null,
      inlinePolicies: [],
      attachedPolicyArns: [],
      tags: {},
      permissionsBoundaryArn: null,
      description: null,
      maxSessionDuration: null,
      lastUsed: null,
      instanceProfileArns: [],
      isServiceLinked: false,
      trustPolicy: {
        version: '2012-10-17',
        statements: [{ sid: null, effect: 'Allow', principal: { AWS: [p.arn] }, action: ['sts:AssumeRole'] }],
      },
    };
    for (const [action, extra] of [
      ['iam:AttachRolePolicy', { 'iam:PolicyARN': adminPolicyArn(p.arn) }],
      ['iam:PutRolePolicy', undefined],
    ] as const) {
      const g = all([
        () => env.canCreate(p.arn, 'iam:CreateRole', roleArn),
        () => env.canCreate(p.arn, action, roleArn, extra),
        () => env.canAssume(p.arn, fakeRole),
        () => env.newRoleIsAdmin(p.arn),
      ]);
      if (g !== null) {
        return [
          edgeOf(
            p.arn,
            p.arn,
            'x-iam-create-role',
            ['iam:CreateRole', action, 'sts:AssumeRole'],
            g,
            `${p.name} can create an administrator role that trusts it`,
            true,
          ),
        ];
      }
    }
    return [];
  },
  ['iam:CreateRole'],
);

/** IAM self-modification techniques. */
export const IAM_SELF_TECHNIQUES: readonly Technique[] = [
  createPolicyVersion,
  ownPolicy('iam-005', 'role', 'put'),
  ownPolicy('iam-007', 'user', 'put'),
  ownPolicy('iam-008', 'user', 'attach'),
  ownPolicy('iam-009', 'role', 'attach'),
  ownGroupPolicy('iam-010', 'attach'),
  ownGroupPolicy('iam-011', 'put'),
  addUserToGroup,
  setDefaultPolicyVersion,
  createRole,
];
