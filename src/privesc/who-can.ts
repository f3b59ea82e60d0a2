import type { EscalationAnalysis } from './analyze.js';
import type { Goals } from './paths.js';
import { shortestPaths } from './paths.js';
import type { Edge } from './types.js';

/** One principal (or compute resource) that can perform an action on a resource. */
export interface WhoCanEntry {
  arn: string;
  /** `direct`: its own permissions allow it; `escalation`: it reaches one that does (or an administrator). */
  via: 'direct' | 'escalation';
  conditional: boolean;
  /** For `escalation`: the steps to the principal that can. */
  path: Edge[];
}

/**
 * Who can perform `action` on `resource`: every user and role whose effective permissions allow it, then
 * every node that reaches one of them (or becomes administrator) through the escalation graph, by its
 * shortest path. Sorted: direct first, then by path length and ARN.
 */
export function whoCan(analysis: EscalationAnalysis, action: string, resource: string): WhoCanEntry[] {
  const { env, graph } = analysis;
  const goals: Goals = new Map();
  const out: WhoCanEntry[] = [];
  for (const p of [...env.users, ...env.roles]) {
    const g = env.can(p.arn, action, resource);
    if (!g.allowed) continue;
    goals.set(p.arn, { conditional: g.conditional });
    out.push({ arn: p.arn, via: 'direct', conditional: g.conditional, path: [] });
  }
  for (const [arn, path] of shortestPaths(graph, goals, true)) {
    const last = path[path.length - 1];
    const end = last !== undefined && !last.grantsAdmin ? goals.get(last.to) : undefined;
    out.push({
      arn,
      via: 'escalation',
      conditional: path.some((e) => e.conditional) || (end?.conditional ?? false),
      path,
    });
  }
  return out.sort(
    (a, b) =>
      (a.via === b.via ? 0 : a.via === 'direct' ? -1 : 1) ||
      a.path.length - b.path.length ||
      (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0),
  );
}
