import { describe, expect, it } from 'vitest';
import { adminUser } from './admin-user.js';
import { detectionId, runRules } from './run.js';
import { credentialReport } from './test-utils/exports.js';
import { ACCOUNT, ADMIN_ARN, administratorAccess, gaad, role, trust, user } from './test-utils/gaad.js';
import { buildContext } from './test-utils/rule-tester.js';

const iam = gaad({
  users: [user('alice', { attached: [ADMIN_ARN] })],
  roles: [
    role('open', { attached: [ADMIN_ARN], trust: [trust({ AWS: '*' })], lastUsed: '2025-05-30T00:00:00Z' }),
  ],
  policies: [administratorAccess],
});

describe('runRules', () => {
  it('skips credential-report rules without a credential report, and says so', () => {
    const { skipped, detections } = runRules(buildContext([iam]));
    const reasons = Object.fromEntries(skipped.map((s) => [s.rule, s.reason]));
    for (const id of [
      'no-mfa',
      'root-access-key',
      'root-no-mfa',
      'old-access-key',
      'unused-access-key',
      'unused-password',
      'multiple-active-keys',
      'inactive-user',
    ]) {
      expect(reasons[id]).toBe('missing input: credential report');
    }
    expect(reasons['compute-admin']).toBe('missing input: EC2 instances or Lambda functions');
    expect(reasons['admin-user']).toBeUndefined();
    expect(detections.some((d) => d.rule === 'no-mfa')).toBe(false);
  });

  it('skips IAM rules when only a credential report is given', () => {
    const { skipped, detections } = runRules(
      buildContext([credentialReport([{ name: 'alice', password: {} }])]),
    );
    expect(skipped).toContainEqual({
      rule: 'admin-user',
      reason: 'missing input: IAM authorization details',
    });
    expect(detections.map((d) => d.rule)).toContain('no-mfa');
  });

  it('honours disabledRules', () => {
    const { skipped, detections } = runRules(
      buildContext([iam], undefined, { disabledRules: ['admin-user'] }),
    );
    expect(skipped).toContainEqual({ rule: 'admin-user', reason: 'disabled by configuration' });
    expect(detections.some((d) => d.rule === 'admin-user')).toBe(false);
  });

  it('sorts by severity, rule and resource ARN, and ids are stable', () => {
    const first = runRules(buildContext([iam, credentialReport([{ name: 'alice', password: {} }])]));
    const order = first.detections.map((d) => `${d.severity} ${d.rule} ${d.resource.arn}`);
    expect(order).toEqual([
      `critical external-admin-access arn:aws:iam::${ACCOUNT}:role/open`,
      `critical public-trust arn:aws:iam::${ACCOUNT}:role/open`,
      `high admin-user arn:aws:iam::${ACCOUNT}:user/alice`,
      `high inactive-admin arn:aws:iam::${ACCOUNT}:user/alice`,
      `high no-mfa arn:aws:iam::${ACCOUNT}:user/alice`,
      `medium admin-role arn:aws:iam::${ACCOUNT}:role/open`,
      `medium inactive-user arn:aws:iam::${ACCOUNT}:user/alice`,
      `medium unused-password arn:aws:iam::${ACCOUNT}:user/alice`,
    ]);
    const again = runRules(buildContext([iam, credentialReport([{ name: 'alice', password: {} }])]));
    expect(again.detections.map((d) => d.id)).toEqual(first.detections.map((d) => d.id));
    expect(new Set(first.detections.map((d) => d.id)).size).toBe(first.detections.length);
  });

  it('runs only the rules it is given', () => {
    const { detections, skipped } = runRules(buildContext([iam]), [adminUser]);
    expect(skipped).toEqual([]);
    expect(detections.map((d) => d.rule)).toEqual(['admin-user']);
  });
});

describe('detectionId', () => {
  it('depends on the rule and every identity field, not on key order', () => {
    const a = detectionId('old-access-key', { arn: 'arn:aws:iam::1:user/a', slot: 1 });
    expect(a).toMatch(/^old-access-key-[0-9a-f]{16}$/);
    expect(detectionId('old-access-key', { slot: 1, arn: 'arn:aws:iam::1:user/a' })).toBe(a);
    expect(detectionId('old-access-key', { arn: 'arn:aws:iam::1:user/a', slot: 2 })).not.toBe(a);
    expect(detectionId('unused-access-key', { arn: 'arn:aws:iam::1:user/a', slot: 1 })).not.toBe(
      a.replace('old', 'unused'),
    );
  });
});
