/**
 * PassRole to a (new or existing) compute resource: the principal hands a role to a service that runs its
 * code. An edge needs, for one role of the principal's account: the role trusts the service, `iam:PassRole`
 * on that role with `iam:PassedToService` set to the service (so a condition naming another service does not
 * count), the creating actions, and the existing resource when the technique needs one.
 */
import type { Role } from '../../model/inventory.js';
import type { Grant, PrivescEnv } from '../env.js';
import type { ComputeNode, Technique } from '../types.js';
import { edgeOf, probeArn } from './helpers.js';
import { PASSROLE_SPECS } from './passrole-specs.js';
import type { PassRoleSpec } from './passrole-specs.js';

const PF = (id: string) => `https://pathfinding.cloud/paths/${id}`;
const PASSROLE_DOC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html';

function hasInstanceProfile(env: PrivescEnv, role: Role): boolean {
  return (
    role.instanceProfileArns.length > 0 ||
    env.inventory.instanceProfiles.some((p) => p.roleArns.includes(role.arn))
  );
}

function combine(grants: Grant[]): Grant | null {
  if (grants.some((g) => !g.allowed)) return null;
  return { allowed: true, conditional: grants.some((g) => g.conditional) };
}

/** The existing resource the caller may act on, with its grant (the first that works), or null. */
function existingTarget(
  source: string,
  spec: PassRoleSpec,
  env: PrivescEnv,
  accountId: string,
): { node: ComputeNode; grant: Grant } | null {
  if (spec.existing === undefined) return null;
  const kinds: readonly string[] = spec.existing.kinds;
  for (const node of env.computeIn(accountId)) {
    if (!kinds.includes(node.kind)) continue;
    const g = combine(spec.existing.actions.map((a) => env.can(source, a, node.arn)));
    if (g !== null) return { node, grant: g };
  }
  return null;
}

function fromSpec(spec: PassRoleSpec): Technique {
  const actions = ['iam:PassRole', ...spec.create.map((c) => c.action), ...(spec.existing?.actions ?? [])];
  const service = spec.create[0]?.action.split(':')[0] ?? spec.existing?.actions[0]?.split(':')[0] ?? '';
  return {
    id: spec.id,
    family: 'passrole-new',
    category: spec.existing ? 'existing-passrole' : 'new-passrole',
    name: spec.name,
    description: spec.description,
    requiredActions: actions,
    prerequisites: [
      `a role of the account that trusts ${spec.services.join(' or ')}`,
      ...(spec.existing ? [`an existing ${spec.existing.kinds.join(' or ')} in the inputs`] : []),
      ...(spec.instanceProfile === 'existing' ? ['the role is in an instance profile'] : []),
      ...(spec.instanceProfile === 'new' ? ['the role is in no instance profile yet'] : []),
      ...(spec.unseen ? [spec.unseen] : []),
    ],
    pathfinding: spec.pathfinding,
    ...(spec.parent ? { parent: spec.parent } : {}),
    references: [...spec.pathfinding.map(PF), PASSROLE_DOC],
    edges(source, env) {
      const s = env.principal(source);
      if (s === null || !env.mayDo(source, actions)) return [];
      const creates = spec.create.map((c) =>
        env.canCreate(source, c.action, probeArn(source, c.action.split(':')[0] ?? service, c.probe)),
      );
      const created = combine(creates);
      if (created === null) return [];
      const existing = existingTarget(source, spec, env, s.accountId);
      if (spec.existing && existing === null) return [];
      const out = [];
      for (const svc of spec.services) {
        for (const t of env.trust.trustingService(s.accountId, svc)) {
          if (t.role.arn === source) continue;
          const profile = hasInstanceProfile(env, t.role);
          if (
            (spec.instanceProfile === 'existing' && !profile) ||
            (spec.instanceProfile === 'new' && profile)
          )
            continue;
          const pass = env.can(source, 'iam:PassRole', t.role.arn, { 'iam:PassedToService': svc });
          const g = combine([
            pass,
            created,
            existing?.grant ?? pass,
            { allowed: true, conditional: t.conditional || spec.unseen !== undefined },
          ]);
          if (g === null) continue;
          const via = existing ? ` through ${existing.node.name}` : '';
          out.push(
            edgeOf(
              source,
              t.role.arn,
              spec.id,
              actions,
              g,
              `${s.name} can pass role ${t.role.name} to ${svc}${via} and run code as it`,
            ),
          );
        }
      }
      return out;
    },
  };
}

/** PassRole techniques, one per spec in passrole-specs.ts. */
export const PASSROLE_TECHNIQUES: readonly Technique[] = PASSROLE_SPECS.map(fromSpec);
