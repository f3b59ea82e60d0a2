/**
 * Hand-written traps: conditions, boundaries, SCPs, explicit denies, policy variables, resource patterns,
 * trusts. Each case states who reaches whom through which technique, and what must NOT be an edge.
 */
import { describe, expect, it } from 'vitest';
import { credentialReport, organization } from '../rules/test-utils/exports.js';
import type { RawInput } from '../rules/test-utils/gaad.js';
import { ADMIN_ARN, allow, deny, doc, gaad, role, trust } from '../rules/test-utils/gaad.js';
import type { EscalationAnalysis } from './analyze.js';
import { isConditionalPath } from './paths.js';
import {
  ACCOUNT,
  ATTACKER,
  FN_ARN,
  TARGET_ROLE,
  TARGET_USER,
  analyzeWorld,
  arnOf,
  worldInputs,
} from './test-utils/world.js';
import type { WorldOptions } from './test-utils/world.js';

type Json = Record<string, unknown>;
const world = (attacker: Json[], o: Omit<WorldOptions, 'attacker'> = {}) =>
  analyzeWorld(worldInputs({ ...o, attacker }));
const edgesFrom = (a: EscalationAnalysis, from = ATTACKER) =>
  a.graph.edges.filter((e) => e.from === from).map((e) => `${e.technique} ${e.to}`);
const techniques = (a: EscalationAnalysis, from = ATTACKER) => a.paths.get(from)?.map((e) => e.technique);
const LAMBDA = ['lambda:CreateFunction', 'lambda:InvokeFunction'];

describe('conditions', () => {
  it('iam:PassedToService for another service gives no Lambda edge', () => {
    const a = world([
      allow('iam:PassRole', '*', {
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      }),
      allow(LAMBDA),
    ]);
    expect(edgesFrom(a)).toEqual([]);
    expect(a.paths.has(ATTACKER)).toBe(false);
  });

  it('iam:PassedToService naming the service gives the edge', () => {
    const a = world([
      allow('iam:PassRole', '*', {
        Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      }),
      allow(LAMBDA),
    ]);
    expect(edgesFrom(a)).toEqual([`lambda-001 ${TARGET_ROLE}`]);
    expect(techniques(a)).toEqual(['lambda-001']);
  });

  it('a condition on a key unknown at scan time keeps the edge, marked conditional', () => {
    const a = world([
      allow('iam:PassRole', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
      allow(LAMBDA),
    ]);
    const path = a.paths.get(ATTACKER)!;
    expect(path.map((e) => [e.technique, e.conditional])).toEqual([['lambda-001', true]]);
    expect(isConditionalPath(a.graph, path)).toBe(true);
  });

  it('iam:PolicyARN limited to a harmless policy: attaching cannot make the user admin', () => {
    const cond = { Condition: { ArnEquals: { 'iam:PolicyARN': arnOf('policy', 'harmless') } } };
    expect(edgesFrom(world([allow('iam:AttachUserPolicy', '*', cond)]))).toEqual([]);
  });
});

describe('permission boundaries and SCPs', () => {
  it('a boundary blocks the technique itself', () => {
    const a = world([allow('iam:CreateAccessKey')], { attackerBoundary: arnOf('policy', 's3-only') });
    expect(edgesFrom(a)).toEqual([]);
  });

  it('a boundary caps what a self-modification gains', () => {
    const a = world([allow('iam:PutUserPolicy')], { attackerBoundary: arnOf('policy', 's3-only') });
    expect(edgesFrom(a)).toEqual([]);
  });

  it('a boundary on the passed role caps what is gained: edge, but no administrator', () => {
    const capped = role('capped-role', {
      attached: [ADMIN_ARN],
      trust: [trust({ Service: 'lambda.amazonaws.com' })],
      boundary: arnOf('policy', 's3-only'),
    });
    const a = world([allow('iam:PassRole', arnOf('role', 'capped-role')), allow(LAMBDA)], {
      extraRoles: [capped],
    });
    expect(edgesFrom(a)).toEqual([`lambda-001 ${arnOf('role', 'capped-role')}`]);
    expect(a.paths.has(ATTACKER)).toBe(false);
  });

  it('an SCP denying iam:CreateAccessKey removes the edge', () => {
    const org = organization([ACCOUNT]) as RawInput & { raw: Json };
    org.raw.Policies = [
      scp('p-full', { Effect: 'Allow', Action: '*', Resource: '*' }),
      scp('p-deny', { Effect: 'Deny', Action: 'iam:CreateAccessKey', Resource: '*' }),
    ];
    const a = world([allow('iam:CreateAccessKey')], { extraInputs: [org] });
    expect(edgesFrom(a)).toEqual([]);
  });
});

function scp(id: string, statement: Json): Json {
  return {
    PolicySummary: {
      Id: id,
      Name: id,
      Arn: `arn:aws:organizations::${ACCOUNT}:policy/o-11111111/service_control_policy/${id}`,
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: false,
    },
    Content: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
    Targets: [{ TargetId: 'r-abcd', Type: 'ROOT' }],
  };
}

describe('explicit denies and policy variables', () => {
  it('an explicit deny on the admin user leaves only the harmless one', () => {
    const a = world([allow('iam:CreateAccessKey'), deny('iam:CreateAccessKey', TARGET_USER)]);
    expect(edgesFrom(a)).toEqual([`iam-002 ${arnOf('user', 'plain-user')}`]);
    expect(a.paths.has(ATTACKER)).toBe(false);
  });

  it('${aws:username} scoping: own keys only, no edge to other users', () => {
    const a = world([allow('iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`)]);
    expect(edgesFrom(a)).toEqual([]);
  });

  it('${aws:username} scoping on PutUserPolicy is still self-escalation', () => {
    const a = world([allow('iam:PutUserPolicy', `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`)]);
    expect(edgesFrom(a)).toEqual([`iam-007 ${ATTACKER}`]);
  });
});

describe('resource patterns and trusts', () => {
  it('PassRole on a pattern matching no privileged role: no path', () => {
    const a = world([allow('iam:PassRole', arnOf('role', 'app-*')), allow(LAMBDA)]);
    expect(a.paths.has(ATTACKER)).toBe(false);
  });

  it('a role that does not trust the service is no PassRole target', () => {
    const a = world([allow('iam:PassRole'), allow(LAMBDA)], {
      targetTrust: [trust({ Service: 'ec2.amazonaws.com' })],
    });
    expect(edgesFrom(a).filter((e) => e.startsWith('lambda-001'))).toEqual([]);
  });

  it('a trust naming the account root needs an identity permission', () => {
    expect(edgesFrom(world([allow('s3:ListAllMyBuckets')]))).toEqual([]);
    expect(edgesFrom(world([allow('sts:AssumeRole')]))).toContain(`sts-001 ${TARGET_ROLE}`);
  });

  it('a trust naming the user itself needs none', () => {
    const a = world([allow('s3:ListAllMyBuckets')], { targetTrust: [trust({ AWS: ATTACKER })] });
    expect(edgesFrom(a)).toEqual([`sts-001 ${TARGET_ROLE}`]);
  });

  it('an MFA user’s console password is no edge; a password-less user’s is', () => {
    const mfa = credentialReport([
      { name: 'target-user', mfa: true },
      { name: 'full-user', mfa: true, password: {} },
      { name: 'plain-user', mfa: true },
    ]);
    expect(
      edgesFrom(world([allow(['iam:CreateLoginProfile', 'iam:UpdateLoginProfile'])], { report: mfa })),
    ).toEqual([]);
    expect(edgesFrom(world([allow('iam:CreateLoginProfile')]))).toContain(`iam-004 ${TARGET_USER}`);
  });
});

describe('multi-hop and cross-account', () => {
  it('user → role → function → admin role', () => {
    const hop = role('hop-role', {
      inline: { p: doc(allow('lambda:UpdateFunctionCode', FN_ARN)) },
      trust: [trust({ AWS: ATTACKER })],
    });
    const a = world([allow('s3:ListAllMyBuckets')], { extraRoles: [hop] });
    expect(a.paths.get(ATTACKER)?.map((e) => [e.technique, e.to])).toEqual([
      ['sts-001', arnOf('role', 'hop-role')],
      ['lambda-003', FN_ARN],
      ['x-compute-role', TARGET_ROLE],
    ]);
  });

  it('a role of another account trusting this account: needs the identity grant on both sides', () => {
    const other = '100000000002';
    const remote = gaad(
      {
        roles: [
          role('remote-admin', {
            account: other,
            attached: [ADMIN_ARN],
            trust: [trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` })],
          }),
        ],
        policies: [],
      },
      'gaad-other.json',
    );
    const remoteArn = arnOf('role', 'remote-admin', other);
    const yes = world([allow('sts:AssumeRole', remoteArn)], { extraInputs: [remote] });
    expect(yes.paths.get(ATTACKER)?.map((e) => e.to)).toEqual([remoteArn]);
    const no = world([allow('s3:ListAllMyBuckets')], { extraInputs: [remote] });
    expect(no.paths.has(ATTACKER)).toBe(false);
  });

  it('administrators get no path and are never sources', () => {
    const a = world([allow('*')]);
    expect(a.paths.has(ATTACKER)).toBe(false);
    expect(edgesFrom(a)).toEqual([]);
  });
});
