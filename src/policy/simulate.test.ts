import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';

const request = {
  principalArn: 'arn:aws:iam::100000000001:user/alice',
  action: 's3:GetObject',
  resource: '*',
};
const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

describe('simulate', () => {
  it('returns errors as data for any input, never throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const out = simulate(input);
        expect(['ok', 'error']).toContain(out.kind);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.anything(), (policy) => {
        const out = simulate({ request, identityPolicies: [policy] });
        if (out.kind === 'ok') expect(out.value.decision).not.toBe('allowed');
      }),
      { numRuns: 500 },
    );
  });

  it('names the bad field in a shape error', () => {
    const out = simulate({ request: { ...request, principalArn: 42 }, identityPolicies: [] });
    expect(out).toMatchObject({ kind: 'error', errors: [{ code: 'simulate.invalid-input' }] });
    if (out.kind === 'error') expect(out.errors[0]?.message).toContain('principalArn');
  });

  it('reports every bad policy with its place', () => {
    const bad = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Nope: { k: 'v' } } }],
    };
    const out = simulate({ request, identityPolicies: [allowAll, bad], boundary: '{not json' });
    expect(out.kind).toBe('error');
    if (out.kind === 'error') {
      expect(out.errors.map((e) => e.code).sort()).toEqual([
        'policy.invalid-json',
        'policy.unknown-operator',
      ]);
      expect(out.errors.find((e) => e.code === 'policy.unknown-operator')?.message).toContain('identity[1]');
    }
  });

  it('does not evaluate a policy key like __proto__ as a context key', () => {
    const ctxPolicy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*', Condition: { Null: { constructor: 'false' } } },
      ],
    };
    const out = simulate({ request, identityPolicies: [ctxPolicy] });
    expect(out).toMatchObject({ kind: 'ok', value: { decision: 'implicitly-denied' } });
  });
});
