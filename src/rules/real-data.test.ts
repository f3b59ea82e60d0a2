import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/shared-data.js';
import { runRules } from './run.js';
import { buildContext } from './test-utils/rule-tester.js';

// The real-shaped cloudsplaining export: 3 users, 2 groups, 3 roles (all trusting AWS services), 32 policies.
const raw: unknown = JSON.parse(
  readFileSync(path.join(SHARED_DATA, 'gaad/cloudsplaining/example-authz-details.json'), 'utf8'),
);
const account = 'arn:aws:iam::012345678901';

describe('all rules on the cloudsplaining export', () => {
  const { detections, skipped } = runRules(buildContext([{ file: 'example-authz-details.json', raw }]));
  const found = new Set(detections.map((d) => `${d.rule} ${d.resource.arn}`));

  it('flags the administrators and the admin group', () => {
    expect(found).toContain(`admin-user ${account}:user/obama`);
    expect(found).toContain(`admin-group ${account}:group/admin`);
    expect(found).not.toContain(`admin-user ${account}:user/biden`);
  });

  it('flags PassRole on * for non-administrators only', () => {
    expect(found).toContain(`wildcard-passrole ${account}:role/MyRole`);
    expect(found).not.toContain(`wildcard-passrole ${account}:user/obama`);
  });

  it('finds no risky trust: every role trusts an AWS service', () => {
    const trustRules = [
      'public-trust',
      'cross-account-trust',
      'external-admin-access',
      'oidc-trust-unrestricted',
    ];
    expect(detections.filter((d) => trustRules.includes(d.rule))).toEqual([]);
  });

  it('skips the rules whose inputs are absent instead of guessing', () => {
    expect(skipped.map((s) => s.rule)).toEqual(
      expect.arrayContaining(['no-mfa', 'compute-admin', 'inactive-user']),
    );
    expect(
      detections.every((d) =>
        d.remediation.consoleUrl.startsWith('https://console.aws.amazon.com/iam/home#/'),
      ),
    ).toBe(true);
  });
});
