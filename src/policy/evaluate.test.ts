import { describe, expect, it } from 'vitest';
import type { NamedPolicy, Statement } from '../model/policy.js';
import { evaluateRequest } from './evaluate.js';
import type { AuthzRequest, PolicySet } from './types.js';

const USER = 'arn:aws:iam::100000000001:user/alice';

function policy(id: string, statements: Statement[]): NamedPolicy {
  return { id, name: id, kind: 'managed', document: { version: '2012-10-17', statements } };
}

function request(action: string, resource: string, values: Record<string, string> = {}): AuthzRequest {
  return { principalArn: USER, action, resource, context: { values, missingKeys: 'absent' } };
}

const set = (identity: NamedPolicy[], extra: Partial<PolicySet> = {}): PolicySet => ({
  identity,
  boundary: null,
  scps: [],
  ...extra,
});

describe('evaluateRequest explain traces', () => {
  const admin = policy('admin', [
    { sid: 'All', effect: 'Allow', action: ['*'], resource: ['*'] },
    { sid: 'NoIam', effect: 'Deny', action: ['iam:*'], resource: ['*'] },
    { sid: 'Ec2Only', effect: 'Allow', action: ['ec2:*'], resource: ['*'] },
  ]);

  it('lists the statements whose action matched and marks the deciding ones', () => {
    const d = evaluateRequest(request('iam:CreateUser', 'arn:aws:iam::100000000001:user/x'), set([admin]));
    expect(d.decision).toBe('explicitly-denied');
    expect(d.deniedBy).toBe('identity');
    expect(d.explains.map((e) => e.sid)).toEqual(['All', 'NoIam']);
    expect(d.decisive.map((e) => e.sid)).toEqual(['NoIam']);
  });

  it('reports the allow statements as decisive for an allow, and no deny statement', () => {
    const d = evaluateRequest(request('ec2:RunInstances', '*'), set([admin]));
    expect(d).toMatchObject({ decision: 'allowed', conditional: false, deniedBy: null });
    expect(d.decisive.map((e) => e.sid)).toEqual(['All', 'Ec2Only']);
  });

  it('records unknown keys of a conditional grant on its explain', () => {
    const mfa = policy('mfa', [
      {
        sid: 'Mfa',
        effect: 'Allow',
        action: ['s3:*'],
        resource: ['*'],
        condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } },
      },
    ]);
    const d = evaluateRequest(
      { ...request('s3:GetObject', 'arn:aws:s3:::b/k'), context: { values: {}, missingKeys: 'unknown' } },
      set([mfa]),
    );
    expect(d).toMatchObject({ decision: 'allowed', conditional: true });
    expect(d.decisive[0]).toMatchObject({
      conditionResult: 'unknown',
      unknownKeys: ['aws:MultiFactorAuthPresent'],
    });
  });

  it('never allows through a statement whose action matched but resource did not', () => {
    const scoped = policy('scoped', [
      { sid: 'B', effect: 'Allow', action: ['s3:*'], resource: ['arn:aws:s3:::b/*'] },
    ]);
    const d = evaluateRequest(request('s3:GetObject', 'arn:aws:s3:::other/k'), set([scoped]));
    expect(d.decision).toBe('implicitly-denied');
    expect(d.explains[0]).toMatchObject({ actionMatched: true, resourceMatched: false });
  });

  it('does not treat a statement without Action or NotAction as matching anything', () => {
    const broken = policy('broken', [{ sid: null, effect: 'Allow', resource: ['*'] }]);
    expect(evaluateRequest(request('s3:GetObject', '*'), set([broken])).decision).toBe('implicitly-denied');
  });
});

describe('evaluateRequest on a large policy set', () => {
  // Speed is measured by `npm run bench` (case evaluate-request), never asserted in tests.
  it('decides a 40-statement set with variables, conditions and an SCP level', () => {
    const statements: Statement[] = [];
    for (let i = 0; i < 40; i++) {
      statements.push({
        sid: `S${i}`,
        effect: i % 10 === 0 ? 'Deny' : 'Allow',
        action: [`svc${i}:Get*`, `svc${i}:List*`, 's3:Put*'],
        resource: [`arn:aws:s3:::bucket-${i}/*`, 'arn:aws:s3:::home/${aws:username}/*'],
        condition: i % 3 === 0 ? { StringEquals: { 'aws:PrincipalTag/team': ['red'] } } : undefined,
      });
    }
    const policies = set([policy('big', statements)], {
      scps: [[policy('full', [{ sid: null, effect: 'Allow', action: ['*'], resource: ['*'] }])]],
    });
    const req = request('s3:PutObject', 'arn:aws:s3:::home/alice/x', {
      'aws:username': 'alice',
      'aws:PrincipalTag/team': 'red',
    });
    const decision = evaluateRequest(req, policies);
    expect(decision.decision).toBe('explicitly-denied');
    expect(decision.decisive.map((s) => s.sid)).toEqual(['S0', 'S10', 'S20', 'S30']);
  });
});
