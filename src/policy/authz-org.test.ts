import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inventoryFromRaw } from '../ingest/from-raw.js';
import { createAuthz } from './authz.js';

// The organization fixture of src/ingest: management account 100000000001 under the root, prod 100000000002
// in OU "Workloads" whose SCP denies organizations:LeaveOrganization; FullAWSAccess on every node.
const ORG = JSON.parse(
  readFileSync(new URL('../ingest/fixtures/organization.json', import.meta.url), 'utf8'),
) as unknown;

function gaad(account: string, roles: { name: string; policy: unknown }[]): unknown {
  return {
    UserDetailList: [],
    GroupDetailList: [],
    Policies: [],
    RoleDetailList: roles.map((r) => ({
      Path: '/',
      RoleName: r.name,
      RoleId: `AROA${r.name.toUpperCase()}`,
      Arn: `arn:aws:iam::${account}:role/${r.name}`,
      CreateDate: '2024-01-01T00:00:00Z',
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
      InstanceProfileList: [],
      RolePolicyList: [{ PolicyName: 'p', PolicyDocument: r.policy }],
      AttachedManagedPolicies: [],
      Tags: [],
    })),
  };
}

const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

describe('admin verdicts with organization data read by src/ingest', () => {
  const { inventory } = inventoryFromRaw([
    { file: 'org.json', raw: ORG },
    { file: 'mgmt.json', raw: gaad('100000000001', [{ name: 'Admin', policy: allowAll }]) },
    { file: 'prod.json', raw: gaad('100000000002', [{ name: 'Admin', policy: allowAll }]) },
  ]);
  const authz = createAuthz(inventory, { asOf: new Date('2026-01-01T00:00:00Z') });

  it('reads the SCP levels root → OU → account for a member account', () => {
    const set = authz.policySet('arn:aws:iam::100000000002:role/Admin')!;
    expect(set.scps.map((level) => level.map((p) => p.name))).toEqual([
      ['FullAWSAccess'],
      ['FullAWSAccess', 'DenyLeaveOrg'],
      ['FullAWSAccess'],
    ]);
    expect(authz.context('arn:aws:iam::100000000002:role/Admin')!.values['aws:PrincipalOrgID']).toBe(
      'o-11111111',
    );
  });

  it('keeps the management account admin, and a guardrail SCP deny restricts the member admin without hiding it', () => {
    expect(authz.adminVerdict('arn:aws:iam::100000000001:role/Admin').isAdmin).toBe(true);
    // DenyLeaveOrg removes one action; the role still controls IAM, so it stays an administrator and the
    // guardrail is listed as a restriction.
    const member = authz.effective('arn:aws:iam::100000000002:role/Admin')!;
    expect(member.allowedOnAll.complement().names()).toEqual(['organizations:LeaveOrganization']);
    const verdict = authz.adminVerdict('arn:aws:iam::100000000002:role/Admin');
    expect(verdict.isAdmin).toBe(true);
    expect(verdict.conditional).toBe(false);
    expect(verdict.restrictingDenies.map((r) => r.policyId)).toEqual([
      expect.stringContaining('service_control_policy'),
    ]);
  });
});
