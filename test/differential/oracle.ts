import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Simulation } from '@cloud-copilot/iam-simulate';
import type { NamedPolicy } from '../../src/model/policy.js';
import { evaluateRequest } from '../../src/policy/evaluate.js';
import { parsePolicyDocument } from '../../src/policy/parse.js';
import type { Decision } from '../../src/policy/types.js';
import { ACCOUNT } from './arbitraries.js';
import type { RawPolicy, Scenario } from './arbitraries.js';

/** A decision reduced to what both engines report. */
export type Outcome = 'allowed' | 'explicitly-denied' | 'implicitly-denied';

function named(raw: RawPolicy, id: string, kind: NamedPolicy['kind']): NamedPolicy {
  const parsed = parsePolicyDocument(raw);
  if (parsed.kind === 'error')
    throw new Error(`generated an invalid policy ${id}: ${JSON.stringify(parsed.errors)}`);
  return { id, name: id, kind, document: parsed.value };
}

/** Our evaluator on a scenario, with AWS semantics for absent keys. */
export function ours(s: Scenario): Decision {
  return evaluateRequest(
    {
      principalArn: s.principalArn,
      action: s.action,
      resource: s.resource,
      resourceAccountId: ACCOUNT,
      context: { values: s.context, missingKeys: 'absent' },
    },
    {
      identity: s.identity.map((p, i) => named(p, `identity-${i}`, 'inline')),
      boundary: s.boundary ? named(s.boundary, 'boundary', 'boundary') : null,
      scps: s.scps.map((level, l) => level.map((p, i) => named(p, `scp-${l}-${i}`, 'scp'))),
      resource: null,
    },
  );
}

/** iam-simulate (AGPL; test-only) on the same scenario; throws on its validation errors. */
export async function theirs(s: Scenario): Promise<Outcome> {
  const simulation: Simulation = {
    request: {
      principal: s.principalArn,
      action: s.action,
      resource: { resource: s.resource, accountId: ACCOUNT },
      contextVariables: s.context,
    },
    identityPolicies: s.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    permissionBoundaryPolicies: s.boundary ? [{ name: 'boundary', policy: s.boundary }] : undefined,
    serviceControlPolicies: s.scps.map((level, l) => ({
      orgIdentifier: `level-${l}`,
      policies: level.map((policy, i) => ({ name: `scp-${l}-${i}`, policy })),
    })),
    resourceControlPolicies: [],
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error')
    throw new Error(`iam-simulate rejected the scenario: ${JSON.stringify(result.errors)}`);
  const overall = result.overallResult;
  return overall === 'Allowed'
    ? 'allowed'
    : overall === 'ExplicitlyDenied'
      ? 'explicitly-denied'
      : 'implicitly-denied';
}
