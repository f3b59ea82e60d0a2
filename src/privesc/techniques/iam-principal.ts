/**
 * IAM principal access: the principal obtains another user's credentials (access key, console password) or
 * rewrites a role's trust, and so acts as that principal; and the pathfinding combinations that first make
 * the target administrator (attach / put / new policy version) and then reach it. Only targets of the same
 * account are considered: IAM has no resource policies, so IAM calls never cross accounts.
 */
import type { Role, User } from '../../model/inventory.js';
import type { PolicyDocument } from '../../model/policy.js';
import type { Grant, PrivescEnv } from '../env.js';
import type { Edge, Technique, TechniqueInfo } from '../types.js';
import { all, edgeOf, partitionAndAccount } from './helpers.js';

const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';
const PF = (id: string) => `https://pathfinding.cloud/paths/${id}`;

function technique(
  info: Omit<TechniqueInfo, 'family' | 'category'>,
  run: (s: User | Role, env: PrivescEnv) => Edge[],
): Technique {
  return {
    ...info,
    family: 'iam-principal',
    category: 'principal-access',
    edges(source, env) {
      const s = env.principal(source);
      // A trust naming the caller itself needs no identity sts:AssumeRole, so it is no prefilter.
      const prefilter = info.requiredActions.filter((a) => a !== 'sts:AssumeRole');
      if (s === null || !env.mayDo(source, prefilter)) return [];
      return run(s, env);
    },
  };
}

function activeKeyCount(env: PrivescEnv, user: User): number | null {
  const row = env.reportRow(user.arn);
  return row === undefined ? null : row.accessKeys.filter((k) => k.active).length;
}

/** A trust policy naming `arn` alone: what iam:UpdateAssumeRolePolicy can write. */
function trustNaming(arn: string): PolicyDocument {
  return {
    version: '2012-10-17',
    statements: [{ sid: null, effect: 'Allow', principal: { AWS: [arn] }, action: ['sts:AssumeRole'] }],
  };
}

function otherUsers(s: User | Role, env: PrivescEnv): User[] {
  return env.usersIn(s.accountId).filter((u) => u.arn !== s.arn);
}

function otherRoles(s: User | Role, env: PrivescEnv): Role[] {
  return env.rolesIn(s.accountId).filter((r) => r.arn !== s.arn && !r.isServiceLinked);
}

const createAccessKey = technique(
  {
    id: 'iam-002',
    name: 'iam:CreateAccessKey',
    description: 'Creates an access key for another user and acts as that user.',
    requiredActions: ['iam:CreateAccessKey'],
    prerequisites: ['the target user has fewer than two access keys (credential report, when present)'],
    pathfinding: ['iam-002'],
    references: [PF('iam-002'), RHINO],
  },
  (s, env) =>
    otherUsers(s, env).flatMap((u) => {
      if (activeKeyCount(env, u) === 2) return [];
      const g = env.can(s.arn, 'iam:CreateAccessKey', u.arn);
      return g.allowed
        ? [
            edgeOf(
              s.arn,
              u.arn,
              'iam-002',
              ['iam:CreateAccessKey'],
              g,
              `${s.name} can create an access key for ${u.name}`,
            ),
          ]
        : [];
    }),
);

const rotateAccessKey = technique(
  {
    id: 'iam-003',
    name: 'iam:CreateAccessKey + iam:DeleteAccessKey',
    description: 'Deletes one of a user’s two access keys to make room, then creates a new one.',
    requiredActions: ['iam:CreateAccessKey', 'iam:DeleteAccessKey'],
    prerequisites: ['the target user already has two access keys'],
    pathfinding: ['iam-003'],
    parent: 'iam-002',
    references: [PF('iam-003')],
  },
  (s, env) =>
    otherUsers(s, env).flatMap((u) => {
      if (activeKeyCount(env, u) !== 2) return [];
      const g = all([
        () => env.can(s.arn, 'iam:DeleteAccessKey', u.arn),
        () => env.can(s.arn, 'iam:CreateAccessKey', u.arn),
      ]);
      return g
        ? [
            edgeOf(
              s.arn,
              u.arn,
              'iam-003',
              ['iam:DeleteAccessKey', 'iam:CreateAccessKey'],
              g,
              `${s.name} can replace an access key of ${u.name}`,
            ),
          ]
        : [];
    }),
);

function loginProfile(id: string, action: string, wantsPassword: boolean): Technique {
  return technique(
    {
      id,
      name: action,
      description: wantsPassword
        ? 'Resets another user’s console password and signs in as that user.'
        : 'Gives a console password to a user that has none and signs in as that user.',
      requiredActions: [action],
      prerequisites: [
        wantsPassword ? 'the target user has a console password' : 'the target user has no console password',
        'the target user has no MFA device (MFA would still be asked at sign-in)',
      ],
      pathfinding: [id],
      references: [PF(id), RHINO],
    },
    (s, env) =>
      otherUsers(s, env).flatMap((u) => {
        const row = env.reportRow(u.arn);
        if (row !== undefined && (row.mfaActive || row.passwordEnabled !== wantsPassword)) return [];
        const g = env.can(s.arn, action, u.arn);
        return g.allowed
          ? [edgeOf(s.arn, u.arn, id, [action], g, `${s.name} can set the console password of ${u.name}`)]
          : [];
      }),
  );
}

const updateTrust = technique(
  {
    id: 'iam-012',
    name: 'iam:UpdateAssumeRolePolicy',
    description: 'Rewrites a role’s trust policy to name itself, then assumes the role.',
    requiredActions: ['iam:UpdateAssumeRolePolicy'],
    prerequisites: ['sts:AssumeRole is not denied to the principal (SCP, boundary, explicit deny)'],
    pathfinding: ['iam-012'],
    references: [PF('iam-012'), RHINO],
  },
  (s, env) =>
    otherRoles(s, env).flatMap((r) => {
      const g = all([
        () => env.can(s.arn, 'iam:UpdateAssumeRolePolicy', r.arn),
        () => env.canAssume(s.arn, r, trustNaming(s.arn)),
      ]);
      return g
        ? [
            edgeOf(
              s.arn,
              r.arn,
              'iam-012',
              ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'],
              g,
              `${s.name} can make role ${r.name} trust it`,
            ),
          ]
        : [];
    }),
);

type Modify = 'attach' | 'put' | 'version';
type Reach = 'assume' | 'update-trust' | 'access-key';

function modifyGrant(s: User | Role, target: User | Role, how: Modify, env: PrivescEnv): Grant | null {
  const kind = target.kind === 'user' ? 'User' : 'Role';
  if (how === 'version') {
    for (const m of env.attachedCustomerPolicies(target)) {
      const g = env.can(s.arn, 'iam:CreatePolicyVersion', m.arn);
      if (g.allowed) return g;
    }
    return null;
  }
  const action = `iam:${how === 'attach' ? 'Attach' : 'Put'}${kind}Policy`;
  const extra =
    how === 'attach'
      ? { 'iam:PolicyARN': `arn:${partitionAndAccount(s.arn).partition}:iam::aws:policy/AdministratorAccess` }
      : undefined;
  const g = env.can(s.arn, action, target.arn, extra);
  return g.allowed ? g : null;
}

function reachGrant(s: User | Role, target: User | Role, how: Reach, env: PrivescEnv): Grant | null {
  let g: Grant;
  if (how === 'access-key')
    g =
      target.kind === 'user'
        ? env.can(s.arn, 'iam:CreateAccessKey', target.arn)
        : { allowed: false, conditional: false };
  else if (target.kind !== 'role') return null;
  else if (how === 'assume') g = env.canAssume(s.arn, target);
  else {
    const t = target;
    const r = all([
      () => env.can(s.arn, 'iam:UpdateAssumeRolePolicy', t.arn),
      () => env.canAssume(s.arn, t, trustNaming(s.arn)),
    ]);
    return r;
  }
  return g.allowed ? g : null;
}

const MODIFY_ACTION: Record<Modify, Record<'user' | 'role', string>> = {
  attach: { user: 'iam:AttachUserPolicy', role: 'iam:AttachRolePolicy' },
  put: { user: 'iam:PutUserPolicy', role: 'iam:PutRolePolicy' },
  version: { user: 'iam:CreatePolicyVersion', role: 'iam:CreatePolicyVersion' },
};
const REACH_ACTIONS: Record<Reach, string[]> = {
  assume: ['sts:AssumeRole'],
  'update-trust': ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'],
  'access-key': ['iam:CreateAccessKey'],
};

/** Makes another principal administrator, then reaches it (pathfinding iam-014 … iam-021). */
function modifyThenReach(
  id: string,
  parent: string,
  target: 'user' | 'role',
  modify: Modify,
  reach: Reach,
): Technique {
  const modifyAction = MODIFY_ACTION[modify][target];
  const reachAction =
    reach === 'assume'
      ? 'sts:AssumeRole'
      : reach === 'update-trust'
        ? 'iam:UpdateAssumeRolePolicy'
        : 'iam:CreateAccessKey';
  return technique(
    {
      id,
      name: `${modifyAction} + ${reachAction}`,
      description: `Gives another ${target} administrator permissions with ${modifyAction}, then acts as it through ${reachAction}.`,
      requiredActions: [modifyAction, reachAction],
      prerequisites: [
        modify === 'version'
          ? `a customer-managed policy attached to the target ${target}`
          : `${modifyAction} on the target ${target}`,
        'the target’s boundary and SCPs do not cap the new permissions',
        'the target is not already administrator (then the reach alone is the path)',
      ],
      pathfinding: [id],
      parent,
      references: [PF(id)],
    },
    (s, env) => {
      const targets: (User | Role)[] = target === 'user' ? otherUsers(s, env) : otherRoles(s, env);
      return targets.flatMap((t) => {
        if (env.isAdmin(t.arn).allowed) return [];
        const g = all([
          () => modifyGrant(s, t, modify, env) ?? { allowed: false, conditional: false },
          () => reachGrant(s, t, reach, env) ?? { allowed: false, conditional: false },
          () => env.adminWith(t.arn),
        ]);
        if (g === null) return [];
        return [
          edgeOf(
            s.arn,
            t.arn,
            id,
            [modifyAction, ...REACH_ACTIONS[reach]],
            g,
            `${s.name} can make ${t.name} administrator and act as it`,
            true,
          ),
        ];
      });
    },
  );
}

/** IAM principal-access techniques. */
export const IAM_PRINCIPAL_TECHNIQUES: readonly Technique[] = [
  createAccessKey,
  rotateAccessKey,
  loginProfile('iam-004', 'iam:CreateLoginProfile', false),
  loginProfile('iam-006', 'iam:UpdateLoginProfile', true),
  updateTrust,
  modifyThenReach('iam-014', 'iam-009', 'role', 'attach', 'assume'),
  modifyThenReach('iam-015', 'iam-008', 'user', 'attach', 'access-key'),
  modifyThenReach('iam-016', 'iam-001', 'role', 'version', 'assume'),
  modifyThenReach('iam-017', 'iam-005', 'role', 'put', 'assume'),
  modifyThenReach('iam-018', 'iam-007', 'user', 'put', 'access-key'),
  modifyThenReach('iam-019', 'iam-009', 'role', 'attach', 'update-trust'),
  modifyThenReach('iam-020', 'iam-001', 'role', 'version', 'update-trust'),
  modifyThenReach('iam-021', 'iam-005', 'role', 'put', 'update-trust'),
];
