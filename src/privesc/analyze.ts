import type { Inventory } from '../model/inventory.js';
import type { Authz } from '../policy/types.js';
import { PrivescEnv } from './env.js';
import { buildGraph } from './graph.js';
import type { PrivescGraph } from './graph.js';
import { pathsToAdmin } from './paths.js';
import type { Edge } from './types.js';

/** The escalation analysis of one scan: environment, graph and each escalating node's shortest path. */
export interface EscalationAnalysis {
  env: PrivescEnv;
  graph: PrivescGraph;
  /** Node ARN → the steps from it to an administrator (only for nodes that are not administrators). */
  paths: Map<string, Edge[]>;
}

// One analysis per authorization service: the rule, the CLI queries and the store share it within a scan.
const cache = new WeakMap<Authz, EscalationAnalysis>();

/**
 * Builds (once per `authz`) the privilege-escalation graph of an inventory and the shortest path from every
 * user, role and compute resource to an administrator. Pure apart from the memo; never throws on bad data.
 */
export function analyzeEscalation(inventory: Inventory, authz: Authz, asOf: Date): EscalationAnalysis {
  const cached = cache.get(authz);
  if (cached !== undefined && cached.env.inventory === inventory) return cached;
  const env = new PrivescEnv(inventory, authz, asOf);
  const graph = buildGraph(env);
  const result = { env, graph, paths: pathsToAdmin(graph) };
  cache.set(authz, result);
  return result;
}
