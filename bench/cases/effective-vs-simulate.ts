import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Simulation } from '@cloud-copilot/iam-simulate';
import { loadInputs } from '../../src/ingest/load.js';
import type { Inventory } from '../../src/model/inventory.js';
import { createAuthz } from '../../src/policy/authz.js';
import type { PolicySet } from '../../src/policy/types.js';
import { Prng } from '../../src/demo/prng.js';
import { allCatalogActions } from '../catalog-actions.js';
import { cachedOrg } from '../org-cache.js';
import { toAwsJson } from '../policy-json.js';
import type { BenchCase, BenchOptions, BenchRow } from './types.js';

const NAME = 'effective-vs-simulate';

/** Two ordinary principals to sample: a workload role with inline policies and a user in groups. */
function samplePrincipals(inv: Inventory, count: number): string[] {
  const roles = inv.roles
    .filter((r) => !r.isServiceLinked && r.inlinePolicies.length > 0)
    .map((r) => r.arn)
    .sort();
  const users = inv.users
    .filter((u) => u.groupNames.length > 0)
    .map((u) => u.arn)
    .sort();
  return [roles[0], users[0], roles[1], users[1]].filter((a): a is string => a !== undefined).slice(0, count);
}

function simulation(principal: string, accountId: string, action: string, set: PolicySet): Simulation {
  return {
    request: { principal, action, resource: { resource: '*', accountId }, contextVariables: {} },
    identityPolicies: set.identity.map((p) => ({ name: p.id, policy: toAwsJson(p.document) })),
    permissionBoundaryPolicies: set.boundary
      ? [{ name: set.boundary.id, policy: toAwsJson(set.boundary.document) }]
      : undefined,
    serviceControlPolicies: set.scps.map((level, i) => ({
      orgIdentifier: `level-${i}`,
      policies: level.map((p) => ({ name: p.id, policy: toAwsJson(p.document) })),
    })),
    resourceControlPolicies: [],
  };
}

/**
 * Our set-wise effective permissions (every principal's admin verdict over the whole catalog) against the
 * per-request approach: iam-simulate's runSimulation on a sample of principals × catalog actions, extrapolated
 * to every catalog action for every principal. Both measured in this run on the same 1k org.
 */
export const effectiveVsSimulate: BenchCase = {
  name: NAME,
  description:
    'createAuthz().adminVerdict for all principals vs iam-simulate runSimulation per (principal, action), extrapolated',
  async run(opts: BenchOptions): Promise<BenchRow[]> {
    const org = await cachedOrg({ principals: 1_000, cloudtrail: false });
    const asOf = new Date(org.manifest.asOf);
    const { inventory } = await loadInputs(org.paths);
    const principals = [...inventory.users, ...inventory.roles].map((p) => p.arn);

    const started = performance.now();
    const authz = createAuthz(inventory, { asOf });
    let admins = 0;
    for (const arn of principals) if (authz.adminVerdict(arn).isAdmin) admins++;
    const oursSeconds = (performance.now() - started) / 1000;

    const catalog = allCatalogActions();
    const sample = new Prng(7).sample(catalog, opts.quick ? 60 : 300);
    const sampled = samplePrincipals(inventory, 2);
    let calls = 0;
    let errors = 0;
    const peerStarted = performance.now();
    for (const arn of sampled) {
      const set = authz.policySet(arn);
      if (!set) continue;
      const accountId = arn.split(':')[4] as string;
      for (const action of sample) {
        const result = await runSimulation(simulation(arn, accountId, action, set), {});
        calls++;
        if (result.resultType === 'error') errors++;
      }
    }
    const perCall = (performance.now() - peerStarted) / 1000 / Math.max(1, calls);
    const peerSeconds = perCall * catalog.length * principals.length;
    return [
      {
        case: NAME,
        metric: `all ${principals.length} principals × ${catalog.length} actions`,
        iamrisk: oursSeconds,
        peer: peerSeconds,
        ratio: peerSeconds / oursSeconds,
        unit: 's',
        note: `peer extrapolated from ${calls} runSimulation calls (${errors} errors); ${admins} admins`,
      },
      {
        case: NAME,
        metric: 'per principal',
        iamrisk: (oursSeconds * 1000) / principals.length,
        peer: perCall * catalog.length * 1000,
        ratio: (perCall * catalog.length * principals.length) / oursSeconds,
        unit: 'ms',
      },
    ];
  },
};
