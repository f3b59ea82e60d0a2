import { performance } from 'node:perf_hooks';
import { loadInputs } from '../../src/ingest/load.js';
import { createAuthz } from '../../src/policy/authz.js';
import { PrivescEnv } from '../../src/privesc/env.js';
import { buildGraph } from '../../src/privesc/graph.js';
import { pathsToAdmin } from '../../src/privesc/paths.js';
import { cachedOrg } from '../org-cache.js';
import type { BenchCase, BenchRow } from './types.js';

/**
 * Escalation graph and shortest paths to administrator for a ~10,000-principal demo org: the time of the
 * graph (every technique for every principal, after the set-wise prefilters) and of the path search, with
 * the graph's size. Loading the inputs and the authorization service are not counted.
 */
export const privesc10k: BenchCase = {
  name: 'privesc-10k',
  isSlow: true,
  description: 'privilege-escalation graph + shortest paths for a generated 10,000-principal org',
  async run(opts): Promise<BenchRow[]> {
    const principals = opts.quick ? 1_000 : 10_000;
    const org = await cachedOrg({ principals, cloudtrail: false });
    const { inventory } = await loadInputs(org.paths);
    const asOf = new Date(org.manifest.asOf);
    const authz = createAuthz(inventory, { asOf });
    const t0 = performance.now();
    const env = new PrivescEnv(inventory, authz, asOf);
    const graph = buildGraph(env);
    const t1 = performance.now();
    const paths = pathsToAdmin(graph);
    const t2 = performance.now();
    const row = (metric: string, value: number, unit: string, note?: string): BenchRow => ({
      case: 'privesc-10k',
      metric,
      iamrisk: value,
      peer: null,
      ratio: null,
      unit,
      ...(note === undefined ? {} : { note }),
    });
    const count = inventory.users.length + inventory.roles.length;
    return [
      row('graph build (incl. effective permissions)', (t1 - t0) / 1000, 's', `${count} users and roles`),
      row('shortest paths', (t2 - t1) / 1000, 's'),
      row('nodes', graph.nodes.size, ''),
      row('edges', graph.edges.length, ''),
      row('escalating nodes', paths.size, ''),
    ];
  },
};
