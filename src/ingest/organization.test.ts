import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inventoryFromRaw } from './from-raw.js';
import { transform } from './organization.js';

type Org = Record<string, unknown> & { Policies: Record<string, unknown>[] };
const fixture = (): Org =>
  JSON.parse(
    readFileSync(
      path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/organization.json'),
      'utf8',
    ),
  ) as Org;

describe('organization', () => {
  const { inventory, inputs } = inventoryFromRaw([{ file: 'org.json', raw: fixture() }]);
  const org = inventory.organization!;

  it('reads the tree: organization, root, OUs, accounts', () => {
    expect(inputs).toEqual([
      {
        path: 'org.json',
        kind: 'organization',
        records: 1 + 1 + 2 + 3 /* roots, OUs, accounts, SCPs+RCPs */,
        errors: [],
      },
    ]);
    expect(inventory.coverage.organization).toBe(true);
    expect(org).toMatchObject({ id: 'o-11111111', managementAccountId: '100000000001' });
    expect(org.roots).toEqual([
      { id: 'r-ab12', arn: 'arn:aws:organizations::100000000001:root/o-11111111/r-ab12', name: 'Root' },
    ]);
    expect(org.organizationalUnits.map((o) => [o.id, o.parentId])).toEqual([['ou-ab12-11111111', 'r-ab12']]);
    expect(org.accounts.map((a) => [a.id, a.name, a.status, a.parentId])).toEqual([
      ['100000000001', 'management', 'ACTIVE', 'r-ab12'],
      ['100000000002', 'prod', 'ACTIVE', 'ou-ab12-11111111'],
    ]);
  });

  it('reads SCPs and RCPs with their targets and skips other policy types', () => {
    expect(org.policies.map((p) => [p.name, p.type, p.awsManaged, p.targetIds])).toEqual([
      [
        'FullAWSAccess',
        'SERVICE_CONTROL_POLICY',
        true,
        ['r-ab12', 'ou-ab12-11111111', '100000000001', '100000000002'],
      ],
      ['DenyLeaveOrg', 'SERVICE_CONTROL_POLICY', false, ['ou-ab12-11111111']],
      ['EnforceTls', 'RESOURCE_CONTROL_POLICY', false, ['r-ab12']],
    ]);
    expect(org.policies[1]!.document.statements).toEqual([
      { sid: 'NoLeave', effect: 'Deny', action: ['organizations:LeaveOrganization'], resource: ['*'] },
    ]);
    expect(org.policies[2]!.document.statements[0]!.condition).toEqual({
      Bool: { 'aws:SecureTransport': ['false'] },
    });
  });

  it('reports an SCP whose content does not parse and keeps the others', () => {
    const raw = fixture();
    raw.Policies[1]!.Content = '{"Statement": [{"Effect": "Deny"';
    const t = transform(raw, 'org.json');
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]!.where).toBe('org.json Policies[1] (DenyLeaveOrg)');
    expect(t.errors[0]!.reason).toMatch(/^policy document of SCP DenyLeaveOrg: /);
    expect(t.organization!.policies.map((p) => p.name)).toEqual(['FullAWSAccess', 'EnforceTls']);
  });

  it('refuses a document without Organization.Id', () => {
    const raw = fixture();
    raw.Organization = {};
    const t = transform(raw, 'org.json');
    expect(t.organization).toBeNull();
    expect(t.errors).toEqual([{ where: 'org.json', reason: 'organization document has no Organization.Id' }]);
  });

  it('refuses a second, different organization and merges a second file of the same one', () => {
    const other = fixture();
    (other.Organization as Record<string, unknown>).Id = 'o-22222222';
    const extra = {
      Organization: { Id: 'o-11111111' },
      Accounts: [{ Id: '100000000003', Name: 'dev', ParentId: 'r-ab12' }],
    };
    const r = inventoryFromRaw([
      { file: 'a.json', raw: fixture() },
      { file: 'b.json', raw: other },
      { file: 'c.json', raw: extra },
    ]);
    expect(r.inventory.organization!.id).toBe('o-11111111');
    expect(r.inventory.organization!.accounts.map((a) => a.id)).toEqual([
      '100000000001',
      '100000000002',
      '100000000003',
    ]);
    expect(r.inputs[1]!.errors).toEqual([
      {
        where: 'b.json',
        reason: 'organization o-22222222 ignored: this scan already read organization o-11111111',
      },
    ]);
  });
});
