import { describe, expect, it } from 'vitest';
import type { ScanCoverage } from './coverage.js';
import { canResolve } from './coverage.js';
import type { FindingState } from './lifecycle.js';
import { planLifecycle } from './lifecycle.js';
import { ACCOUNT, OTHER_ACCOUNT, detection, roleArn } from './test-utils/scan-builder.js';

const full: ScanCoverage = {
  iamAccounts: [ACCOUNT],
  credentialReportAccounts: [ACCOUNT],
  ec2Accounts: [],
  lambdaAccounts: [ACCOUNT],
  organization: false,
  cloudtrail: false,
  skippedRules: [],
  partial: false,
};

const state = (over: Partial<FindingState>): FindingState => ({
  detectionId: 'd',
  rule: 'admin-role',
  severity: 'high',
  resourceArn: roleArn('r'),
  resourceType: 'role',
  accountId: ACCOUNT,
  status: 'open',
  firstSeenScan: 1,
  firstSeenAt: 't1',
  reopenCount: 0,
  ...over,
});

describe('canResolve', () => {
  it('needs the inputs of the rule for that account, a run rule and a complete scan', () => {
    expect(canResolve(full, 'admin-role', ACCOUNT, 'role')).toBe(true);
    expect(canResolve(full, 'admin-role', OTHER_ACCOUNT, 'role')).toBe(false);
    expect(canResolve({ ...full, partial: true }, 'admin-role', ACCOUNT, 'role')).toBe(false);
    expect(canResolve({ ...full, skippedRules: ['admin-role'] }, 'admin-role', ACCOUNT, 'role')).toBe(false);
    // no-mfa needs the credential report of the account.
    expect(canResolve({ ...full, credentialReportAccounts: [] }, 'no-mfa', ACCOUNT, 'user')).toBe(false);
    // compute-admin on an instance: Lambda coverage alone does not prove the instance fixed.
    expect(canResolve(full, 'compute-admin', ACCOUNT, 'ec2-instance')).toBe(false);
    expect(canResolve(full, 'compute-admin', ACCOUNT, 'lambda-function')).toBe(true);
    // A rule this version does not know needs the account's IAM data.
    expect(canResolve(full, 'retired-rule', ACCOUNT, 'role')).toBe(true);
    expect(canResolve({ ...full, iamAccounts: [] }, 'retired-rule', ACCOUNT, 'role')).toBe(false);
  });
});

describe('planLifecycle', () => {
  const d = detection('admin-role', roleArn('r'), 'critical');
  it('detects new ids, reopens resolved ones, changes severity and resolves covered absentees', () => {
    const existing = new Map([
      [d.id, state({ detectionId: d.id, status: 'resolved', reopenCount: 2 })],
      ['gone', state({ detectionId: 'gone' })],
      ['elsewhere', state({ detectionId: 'elsewhere', accountId: OTHER_ACCOUNT })],
    ]);
    const fresh = detection('public-trust', roleArn('p'));
    const plan = planLifecycle(existing, [d, fresh, d], full, { id: 5, at: 't5' });
    expect(plan.events.map((e) => [e.kind, e.detectionId, e.fromSeverity, e.toSeverity])).toEqual([
      ['reopened', d.id, 'high', 'critical'],
      ['detected', fresh.id, null, 'high'],
      ['resolved', 'gone', 'high', null],
    ]);
    expect(plan.seen.map((s) => [s.detection.id, s.firstSeenScan, s.reopenCount])).toEqual([
      [d.id, 1, 3],
      [fresh.id, 5, 0],
    ]);
    expect(plan.resolved.map((f) => f.detectionId)).toEqual(['gone']);
  });
});
