import type { Group, User } from '../model/inventory.js';
import { splitArn } from '../policy/arn.js';
import { createAuthz } from '../policy/authz.js';
import type { EscalationAnalysis } from './analyze.js';
import { PrivescEnv } from './env.js';
import { adminGoals, isConditionalPath } from './paths.js';
import { TECHNIQUES } from './techniques/index.js';
import type { Edge } from './types.js';

/** A group's escalation: the path a member holding only the group's policies takes to administrator. */
export interface GroupEscalation {
  group: Group;
  /** Steps as for users; the synthetic member's ARN is replaced by the group's. */
  path: Edge[];
  conditional: boolean;
}

const cache = new WeakMap<EscalationAnalysis, GroupEscalation[]>();

// Spaces are not valid in IAM user names, so the synthetic member never collides with a user; its name reads
// well in the techniques' reasons (`a member of group dev can rewrite its policy dev-tools`).
function memberOf(group: Group): User {
  const partition = splitArn(group.arn)?.[1] ?? 'aws';
  const name = `a member of group ${group.name}`;
  return {
    kind: 'user',
    arn: `arn:${partition}:iam::${group.accountId}:user/${name}`,
    name,
    id: null,
    path: '/',
    accountId: group.accountId,
    createDate: null,
    inlinePolicies: [],
    attachedPolicyArns: [],
    tags: {},
    groupNames: [group.name],
    permissionsBoundaryArn: null,
  };
}

/**
 * Groups whose own policies (inline and attached, nothing a member holds otherwise) let a member escalate to
 * administrator. Each group gets a synthetic member user holding only the group's policies (no boundary, no
 * tags; its account's SCPs apply, as to any member); the techniques give that member's first steps, and the
 * rest of each path is the analysis's shortest path from the step's target (certain paths preferred, then
 * fewest steps). Groups whose own policies already make them administrator are left out (admin-group's
 * finding), and so is a group whose synthetic member is already administrator, even conditionally (as for users). Empty groups
 * are included: the risk is in the grant. Memoised per analysis; never throws on bad data.
 */
export function groupEscalations(analysis: EscalationAnalysis): GroupEscalation[] {
  const cached = cache.get(analysis);
  if (cached !== undefined) return cached;
  const { env, graph, paths } = analysis;
  const inventory = env.inventory;
  const candidates = inventory.groups.filter((g) => !env.authz.adminVerdict(g.arn).isAdmin);
  const out: GroupEscalation[] = [];
  if (candidates.length > 0) {
    const members = candidates.map((g) => ({ group: g, member: memberOf(g) }));
    const synthetic = new Set(members.map((m) => m.member.arn));
    const augmented = { ...inventory, users: [...inventory.users, ...members.map((m) => m.member)] };
    const env2 = new PrivescEnv(augmented, createAuthz(augmented, { asOf: env.asOf }), env.asOf);
    const goals = adminGoals(graph);
    for (const { group, member } of members) {
      const admin = env2.isAdmin(member.arn);
      if (admin.allowed) continue;
      let best: { path: Edge[]; conditional: boolean } | null = null;
      for (const t of TECHNIQUES) {
        for (const e of t.edges(member.arn, env2)) {
          let path: Edge[] | null = null;
          if (e.grantsAdmin || goals.has(e.to)) path = [e];
          else if (!synthetic.has(e.to)) {
            const rest = paths.get(e.to);
            if (rest !== undefined && rest.length > 0) path = [e, ...rest];
          }
          if (path === null) continue;
          const conditional = isConditionalPath(graph, path);
          if (
            best === null ||
            (best.conditional && !conditional) ||
            (best.conditional === conditional && path.length < best.path.length)
          )
            best = { path, conditional };
        }
      }
      if (best === null) continue;
      const swap = (arn: string): string => (arn === member.arn ? group.arn : arn);
      const path = best.path.map((e) => ({ ...e, from: swap(e.from), to: swap(e.to) }));
      out.push({ group, path, conditional: best.conditional });
    }
  }
  cache.set(analysis, out);
  return out;
}
