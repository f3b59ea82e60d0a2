import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NamedPolicy, Statement } from '../model/policy.js';
import { actionCatalog, actionExists } from './catalog.js';
import { computeEffective, IAM_CONTROL_ACTIONS } from './effective.js';
import { evaluateRequest } from './evaluate.js';
import { statements } from './test-utils/build-inventory.js';
import type { PolicySet, RequestContext } from './types.js';

// Differential check: the set-wise result must agree with evaluating requests one by one.
const PRINCIPAL = 'arn:aws:iam::100000000001:user/alice';
const CTX: RequestContext = { values: { 'aws:username': 'alice' }, missingKeys: 'unknown' };
const ARN_PROBES = [
  'arn:aws:s3:::b/k',
  'arn:aws:iam::100000000001:role/x',
  'arn:aws:sqs:us-east-1:100000000001:q',
];
const UNMATCHED = 'arn:aws:sqs:us-east-1:100000000001:q';

const ACTIONS = [
  '*',
  's3:*',
  's3:Get*',
  'iam:*',
  'iam:PassRole',
  'ec2:Describe*',
  'sts:AssumeRole',
  'kms:*',
  'nosuch:*',
  '*:List*',
];
const RESOURCES = ['*', 'arn:aws:s3:::b/*', 'arn:aws:iam::*:role/x', 'arn:aws:*'];
const CONDITIONS = [
  undefined,
  { StringEquals: { 'aws:username': 'alice' } },
  { StringEquals: { 'aws:username': 'bob' } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
];

// `simple` sets leave out NotResource and `arn:aws:*`: then the set-wise answer must be exact (see isExact).
const statementArb = (simple: boolean) =>
  fc
    .record({
      // Weighted towards allows without conditions, so that interesting intersections are common.
      effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      not: fc.boolean(),
      actions: fc.subarray(ACTIONS, { minLength: 1, maxLength: 2 }),
      resource: simple
        ? fc.record({ Resource: fc.subarray(RESOURCES.slice(0, 3), { minLength: 1, maxLength: 2 }) })
        : fc.oneof(
            {
              weight: 4,
              arbitrary: fc.record({ Resource: fc.subarray(RESOURCES, { minLength: 1, maxLength: 2 }) }),
            },
            {
              weight: 1,
              arbitrary: fc.record({ NotResource: fc.constantFrom(['arn:aws:s3:::b/*'], ['*']) }),
            },
          ),
      condition: fc.constantFrom(undefined, ...CONDITIONS),
    })
    .map((s) => ({
      Effect: s.effect,
      [s.not ? 'NotAction' : 'Action']: s.actions,
      ...s.resource,
      ...(s.condition ? { Condition: s.condition } : {}),
    }));

let n = 0;
const policyArb = (kind: NamedPolicy['kind'], simple: boolean) =>
  fc
    .array(statementArb(simple), { minLength: 1, maxLength: 3 })
    .map((st): NamedPolicy => ({ id: `p${n++}`, name: 'p', kind, document: statements(...st) }));

const setArb = (simple: boolean) =>
  fc.record({
    identity: fc.array(policyArb('inline', simple), { minLength: 1, maxLength: 2 }),
    boundary: fc.option(policyArb('boundary', simple), { nil: null, freq: 2 }),
    scps: fc.oneof(
      { weight: 1, arbitrary: fc.constant<NamedPolicy[][]>([]) },
      {
        weight: 1,
        arbitrary: fc.array(fc.array(policyArb('scp', simple), { minLength: 1, maxLength: 2 }), {
          maxLength: 2,
        }),
      },
    ),
  });

const catalog = actionCatalog();
function sampleActions(): string[] {
  const out: string[] = [];
  for (const service of ['iam', 's3', 'sts', 'kms', 'ec2', 'sqs']) {
    const { start, end } = catalog.services.get(service)!;
    for (let i = start; i < end; i += Math.max(1, Math.floor((end - start) / 30)))
      out.push(catalog.names[i]!);
  }
  for (let i = 7; i < catalog.names.length; i += 997) out.push(catalog.names[i]!);
  return out;
}
const SAMPLE = sampleActions();

// Without NotResource and partition-wide denies, the unmatched probe is matched only by statements on every
// resource, so membership in the "on all" sets must be exactly "allowed there".
const isExact = (set: PolicySet) =>
  ![...set.identity, ...(set.boundary ? [set.boundary] : []), ...set.scps.flat()].some((p) =>
    p.document.statements.some(
      (s: Statement) =>
        s.notResource !== undefined || (s.effect === 'Deny' && s.resource?.includes('arn:aws:*')),
    ),
  );

function checkAgainstEvaluator(set: PolicySet): void {
  const e = computeEffective(set, CTX);
  const exact = isExact(set);
  for (const action of SAMPLE) {
    const decide = (resource: string) =>
      evaluateRequest(
        { principalArn: PRINCIPAL, action, resource, resourceAccountId: null, context: CTX },
        set,
      );
    const arn = ARN_PROBES.map(decide);
    const star = decide('*');
    const unrestricted = !e.restricted.has(action);
    const label = `${action} ${JSON.stringify(set)}`;
    if (e.allowedOnAll.has(action) && unrestricted) {
      expect(
        arn.every((d) => d.decision === 'allowed' && !d.conditional),
        label,
      ).toBe(true);
    }
    if (e.allowedOnAllConditional.has(action) && unrestricted) {
      expect(
        arn.every((d) => d.decision === 'allowed'),
        label,
      ).toBe(true);
    }
    const anyAllowed = [...arn, star].some((d) => d.decision === 'allowed');
    expect(!anyAllowed || e.allowedSomewhere.has(action), label).toBe(true);
    if (exact) {
      const unmatched = arn[ARN_PROBES.indexOf(UNMATCHED)]!;
      expect(e.allowedOnAllConditional.has(action), label).toBe(unmatched.decision === 'allowed');
      expect(e.allowedOnAll.has(action), label).toBe(
        unmatched.decision === 'allowed' && !unmatched.conditional,
      );
    }
  }
}

const RUNS = Number(process.env.EFFECTIVE_RUNS ?? 100);
const SEED = Number(process.env.EFFECTIVE_SEED ?? 20260101);

describe('computeEffective agrees with evaluateRequest', () => {
  it('on random policy sets over a sample of catalog actions', () => {
    fc.assert(fc.property(setArb(false), checkAgainstEvaluator), { numRuns: RUNS, seed: SEED });
  });

  it('exactly, on random sets without NotResource or partition-wide patterns', () => {
    fc.assert(
      fc.property(setArb(true), (set) => {
        expect(isExact(set)).toBe(true);
        checkAgainstEvaluator(set);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('computeEffective', () => {
  const policy = (...st: Record<string, unknown>[]): NamedPolicy => ({
    id: 'p',
    name: 'p',
    kind: 'inline',
    document: statements(...st),
  });
  const only = (identity: NamedPolicy[]): PolicySet => ({ identity, boundary: null, scps: [] });

  it('keeps the superset chain allowedOnAll ⊆ allowedOnAllConditional ⊆ allowedSomewhere', () => {
    fc.assert(
      fc.property(setArb(false), (set) => {
        const e = computeEffective(set, CTX);
        expect(e.allowedOnAll.isSubsetOf(e.allowedOnAllConditional)).toBe(true);
        expect(e.allowedOnAllConditional.isSubsetOf(e.allowedSomewhere)).toBe(true);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('grants on specific resources only somewhere, never on all', () => {
    const e = computeEffective(
      only([policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })]),
      CTX,
    );
    expect(e.allowedSomewhere.names()).toEqual(['s3:GetObject']);
    expect(e.allowedOnAllConditional.isEmpty()).toBe(true);
  });

  it('subtracts an unconditional full deny, and records a narrow one without subtracting it', () => {
    const e = computeEffective(
      only([
        policy(
          { Effect: 'Allow', Action: 's3:*', Resource: '*' },
          { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
          { Sid: 'narrow', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secret/*' },
        ),
      ]),
      CTX,
    );
    expect(e.allowedOnAll.has('s3:DeleteBucket')).toBe(false);
    expect(e.allowedSomewhere.has('s3:DeleteBucket')).toBe(false);
    expect(e.allowedOnAll.has('s3:GetObject')).toBe(true);
    expect(e.restricted.names()).toEqual(['s3:GetObject']);
    expect(e.restrictingDenies.map((r) => r.sid)).toEqual(['narrow']);
  });

  it('ignores statements whose condition is known to be false', () => {
    const e = computeEffective(
      only([
        policy({
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:username': 'bob' } },
        }),
      ]),
      CTX,
    );
    expect(e.allowedSomewhere.isEmpty()).toBe(true);
  });
});

describe('IAM control actions', () => {
  it('all exist in the catalog (a renamed action would silently weaken the admin definition)', () => {
    expect(IAM_CONTROL_ACTIONS.filter((a) => !actionExists(a))).toEqual([]);
  });
});
