import type { PrivescEnv } from './env.js';
import { computeRoleEdges, TECHNIQUES } from './techniques/index.js';
import type { Edge, Technique } from './types.js';

/** A node of the escalation graph: a user, a role or a compute resource. */
export interface GraphNode {
  arn: string;
  kind: 'user' | 'role' | 'compute';
  /** For compute: `ec2-instance`, `lambda-function`, `codebuild-project`, … */
  computeKind: string | null;
  name: string;
  accountId: string;
  /** Administrator today (all actions on all resources after boundary, SCPs and denies). */
  isAdmin: boolean;
  /** Administrator only under conditions unknown at scan time (e.g. MFA). */
  adminConditional: boolean;
}

/** The escalation graph: nodes by ARN and the edges between them, indexed both ways. */
export interface PrivescGraph {
  nodes: Map<string, GraphNode>;
  edges: Edge[];
  outgoing: Map<string, Edge[]>;
  incoming: Map<string, Edge[]>;
}

function push(map: Map<string, Edge[]>, key: string, e: Edge): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [e]);
  else list.push(e);
}

/**
 * Builds the escalation graph: every technique is asked for the edges of every user and role that is not
 * already an unconditional administrator (an administrator gains nothing), and every compute resource gets
 * an edge to its role. Techniques prefilter on set-wise effective permissions, so most principals cost a few
 * bitset lookups. Duplicate (from, to, technique) edges are kept once.
 */
export function buildGraph(env: PrivescEnv, techniques: readonly Technique[] = TECHNIQUES): PrivescGraph {
  const nodes = new Map<string, GraphNode>();
  for (const p of [...env.users, ...env.roles]) {
    const admin = env.isAdmin(p.arn);
    nodes.set(p.arn, {
      arn: p.arn,
      kind: p.kind,
      computeKind: null,
      name: p.name,
      accountId: p.accountId,
      isAdmin: admin.allowed,
      adminConditional: admin.allowed && admin.conditional,
    });
  }
  for (const c of env.allCompute()) {
    nodes.set(c.arn, {
      arn: c.arn,
      kind: 'compute',
      computeKind: c.kind,
      name: c.name,
      accountId: c.accountId,
      isAdmin: false,
      adminConditional: false,
    });
  }
  const edges: Edge[] = [];
  const seen = new Set<string>();
  const add = (e: Edge): void => {
    const key = `${e.from}\u0000${e.to}\u0000${e.technique}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push(e);
  };
  for (const p of [...env.users, ...env.roles]) {
    const n = nodes.get(p.arn);
    if (n !== undefined && n.isAdmin && !n.adminConditional) continue;
    for (const t of techniques) for (const e of t.edges(p.arn, env)) add(e);
  }
  for (const c of env.allCompute()) for (const e of computeRoleEdges(c)) add(e);
  const outgoing = new Map<string, Edge[]>();
  const incoming = new Map<string, Edge[]>();
  for (const e of edges) {
    push(outgoing, e.from, e);
    push(incoming, e.to, e);
  }
  return { nodes, edges, outgoing, incoming };
}
