import type { PathStep } from '../model/finding.js';
import type { PrivescGraph } from './graph.js';
import type { Edge } from './types.js';

/** A goal node: reached with no further step; `conditional` when only under unknown conditions. */
export type Goals = Map<string, { conditional: boolean }>;

interface Best {
  edge: Edge;
  dist: number;
}

/**
 * Shortest paths (fewest steps) from every node to a goal, preferring paths without conditional steps: a
 * first search uses certain steps and certain goals only; a second one, for the nodes still unreached,
 * allows conditional ones. Multi-source reverse breadth-first search: O(nodes + edges) per search.
 * `adminSteps`: whether an edge that makes its target administrator reaches a goal (true when the goals are
 * administrators, or when any administrator may perform what the goals can).
 */
function search(graph: PrivescGraph, goals: Goals, adminSteps: boolean): Map<string, Best> {
  const best = new Map<string, Best>();
  const buckets: string[][] = [];
  const put = (arn: string, b: Best): void => {
    best.set(arn, b);
    (buckets[b.dist] ??= []).push(arn);
  };
  for (const certainOnly of [true, false]) {
    const ok = (e: Edge): boolean => !certainOnly || !e.conditional;
    const isGoal = (arn: string): boolean => {
      const g = goals.get(arn);
      return g !== undefined && (!certainOnly || !g.conditional);
    };
    const fixed = new Map(best);
    buckets.length = 0;
    for (const [arn, b] of fixed) (buckets[b.dist] ??= []).push(arn);
    for (const e of graph.edges) {
      if (!ok(e) || goals.has(e.from) || fixed.has(e.from)) continue;
      if ((adminSteps && e.grantsAdmin) || isGoal(e.to)) {
        const cur = best.get(e.from);
        if (cur === undefined || cur.dist > 1) put(e.from, { edge: e, dist: 1 });
      }
    }
    for (let d = 1; d < buckets.length; d++) {
      for (const x of buckets[d] ?? []) {
        if (best.get(x)?.dist !== d) continue;
        for (const e of graph.incoming.get(x) ?? []) {
          const y = e.from;
          if (!ok(e) || e.grantsAdmin || goals.has(y) || fixed.has(y)) continue;
          const cur = best.get(y);
          if (cur === undefined || cur.dist > d + 1) put(y, { edge: e, dist: d + 1 });
        }
      }
    }
  }
  return best;
}

function walk(best: Map<string, Best>, start: string, goals: Goals, adminSteps: boolean): Edge[] {
  const out: Edge[] = [];
  let at = start;
  for (let b = best.get(at); b !== undefined; b = best.get(at)) {
    out.push(b.edge);
    if ((adminSteps && b.edge.grantsAdmin) || goals.has(b.edge.to)) break;
    at = b.edge.to;
    if (out.length > best.size) break; // defensive: distances strictly decrease, so this never triggers
  }
  return out;
}

/** Shortest path (as edges) from each node that reaches a goal, goals themselves excluded. */
export function shortestPaths(graph: PrivescGraph, goals: Goals, adminSteps: boolean): Map<string, Edge[]> {
  const best = search(graph, goals, adminSteps);
  const out = new Map<string, Edge[]>();
  for (const arn of best.keys()) out.set(arn, walk(best, arn, goals, adminSteps));
  return out;
}

/** The administrators of the graph as goals. */
export function adminGoals(graph: PrivescGraph): Goals {
  const goals: Goals = new Map();
  for (const n of graph.nodes.values()) if (n.isAdmin) goals.set(n.arn, { conditional: n.adminConditional });
  return goals;
}

/**
 * For every user, role and compute resource that is not administrator but can become one, the shortest
 * path of techniques to an administrator (certain paths preferred over conditional ones).
 */
export function pathsToAdmin(graph: PrivescGraph): Map<string, Edge[]> {
  return shortestPaths(graph, adminGoals(graph), true);
}

/** Whether a path holds only under unknown conditions (a conditional step or a conditional administrator). */
export function isConditionalPath(graph: PrivescGraph, path: readonly Edge[]): boolean {
  const last = path[path.length - 1];
  const end = last && !last.grantsAdmin ? graph.nodes.get(last.to) : undefined;
  return path.some((e) => e.conditional) || (end?.adminConditional ?? false);
}

/** A path as PRODUCT.md §5 `path` steps. */
export function toPathSteps(path: readonly Edge[]): PathStep[] {
  return path.map((e) => ({
    from: e.from,
    to: e.to,
    technique: e.technique,
    actions: [...e.actions],
    conditional: e.conditional,
  }));
}
