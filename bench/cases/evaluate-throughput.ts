import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Simulation } from '@cloud-copilot/iam-simulate';
import type { NamedPolicy, Statement } from '../../src/model/policy.js';
import { evaluateRequest } from '../../src/policy/evaluate.js';
import type { AuthzRequest, PolicySet } from '../../src/policy/types.js';
import { toAwsJson } from '../policy-json.js';
import type { BenchCase, BenchOptions, BenchRow } from './types.js';

const NAME = 'evaluate-request';

function policy(id: string, statements: Statement[]): NamedPolicy {
  return { id, name: id, kind: 'inline', document: { version: '2012-10-17', statements } };
}

/** A 40-statement identity policy (wildcards, variables, conditions, denies) under one SCP level. */
function scenario(): { req: AuthzRequest; set: PolicySet; context: Record<string, string> } {
  const statements: Statement[] = [];
  for (let i = 0; i < 40; i++) {
    statements.push({
      sid: `S${i}`,
      effect: i % 10 === 0 ? 'Deny' : 'Allow',
      action: [`s3:Get*`, `s3:List*`, 's3:Put*'],
      resource: [`arn:aws:s3:::bucket-${i}/*`, 'arn:aws:s3:::home/${aws:username}/*'],
      ...(i % 3 === 0 ? { condition: { StringEquals: { 'aws:PrincipalTag/team': ['red'] } } } : {}),
    });
  }
  const context = { 'aws:username': 'alice', 'aws:PrincipalTag/team': 'red' };
  return {
    req: {
      principalArn: 'arn:aws:iam::100000000001:user/alice',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::home/alice/x',
      context: { values: context, missingKeys: 'absent' },
    },
    set: {
      identity: [policy('big', statements)],
      boundary: null,
      scps: [[policy('full', [{ sid: null, effect: 'Allow', action: ['*'], resource: ['*'] }])]],
    },
    context,
  };
}

/** One request, evaluated repeatedly by our evaluator and by iam-simulate's runSimulation (same decision). */
export const evaluateThroughput: BenchCase = {
  name: NAME,
  description: 'evaluateRequest vs iam-simulate runSimulation on one 40-statement request, evaluations/s',
  async run(opts: BenchOptions): Promise<BenchRow[]> {
    const { req, set, context } = scenario();
    const ours = opts.quick ? 5_000 : 50_000;
    let decision = '';
    const t0 = performance.now();
    for (let i = 0; i < ours; i++) decision = evaluateRequest(req, set).decision;
    const oursPerSecond = ours / ((performance.now() - t0) / 1000);

    const sim: Simulation = {
      request: {
        principal: req.principalArn,
        action: req.action,
        resource: { resource: req.resource, accountId: '100000000001' },
        contextVariables: context,
      },
      identityPolicies: set.identity.map((p) => ({ name: p.id, policy: toAwsJson(p.document) })),
      serviceControlPolicies: [
        {
          orgIdentifier: 'root',
          policies: set.scps[0]!.map((p) => ({ name: p.id, policy: toAwsJson(p.document) })),
        },
      ],
      resourceControlPolicies: [],
    };
    const theirs = opts.quick ? 200 : 2_000;
    let peerDecision = '';
    const t1 = performance.now();
    for (let i = 0; i < theirs; i++) {
      const r = await runSimulation(sim, {});
      peerDecision = JSON.stringify(r).includes('ExplicitlyDenied') ? 'explicitly-denied' : 'other';
    }
    const peerPerSecond = theirs / ((performance.now() - t1) / 1000);
    return [
      {
        case: NAME,
        metric: 'evaluations per second',
        iamrisk: Math.round(oursPerSecond),
        peer: Math.round(peerPerSecond),
        ratio: oursPerSecond / peerPerSecond,
        unit: 'eval/s',
        note: `decision ${decision}; iam-simulate ${peerDecision}`,
      },
    ];
  },
};
