import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionCatalog } from './catalog.js';
import { createAuthz } from './authz.js';
import { arnOf, asDocument, buildInventory, statements } from './test-utils/build-inventory.js';
import type { InventorySpec } from './test-utils/build-inventory.js';

interface Case {
  name: string;
  spec: InventorySpec;
  principal: string;
  isAdmin: boolean;
  conditional?: boolean;
  granting?: { policyId: string; viaGroup?: string }[];
  restricting?: string[];
}

const FILE = JSON.parse(readFileSync(new URL('./authz-admin-cases.json', import.meta.url), 'utf8')) as {
  policies: Record<string, Record<string, unknown>>;
  cases: Case[];
};
const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
const allow = (action: string | string[], extra: Record<string, unknown> = {}) =>
  statements({ Effect: 'Allow', Action: action, Resource: '*', ...extra });
const MFA = { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } };
const everyService = [...actionCatalog().services.keys()].map((s) => `${s}:*`);

// Cases that depend on the catalog itself cannot be fixed data.
const CATALOG_CASES: Case[] = [
  {
    name: 'every catalog service as service:* is admin',
    spec: { roles: [{ name: 'all', inline: { p: allow(everyService) } }] },
    principal: arnOf('role', 'all'),
    isAdmin: true,
  },
  {
    name: 'every catalog service but one as service:* is not admin',
    spec: { roles: [{ name: 'all', inline: { p: allow(everyService.filter((s) => s !== 'sts:*')) } }] },
    principal: arnOf('role', 'all'),
    isAdmin: false,
  },
];

describe('adminVerdict', () => {
  for (const c of [...FILE.cases, ...CATALOG_CASES]) {
    it(c.name, () => {
      const spec = { ...c.spec, policies: { ...FILE.policies, ...c.spec.policies } };
      const authz = createAuthz(buildInventory(spec), { asOf: new Date('2026-01-01T00:00:00Z') });
      const v = authz.adminVerdict(c.principal);
      expect(v.isAdmin).toBe(c.isAdmin);
      if (!c.isAdmin) {
        expect(v.grantingStatements).toEqual([]);
        return;
      }
      expect(v.conditional).toBe(c.conditional ?? false);
      expect(v.grantingStatements.length).toBeGreaterThan(0);
      if (c.granting) {
        expect(
          v.grantingStatements.map((g) => ({
            policyId: g.policyId,
            ...(g.viaGroup ? { viaGroup: g.viaGroup } : {}),
          })),
        ).toEqual(c.granting);
      }
      expect(v.restrictingDenies.map((r) => r.policyId)).toEqual(c.restricting ?? []);
    });
  }
});

describe('documentIsAdmin', () => {
  const policy = (document: ReturnType<typeof statements>) => ({
    id: 'arn:aws:iam::100000000001:policy/p',
    name: 'p',
    kind: 'managed' as const,
    document,
  });
  it('calls a *:* policy admin and a PowerUser policy not', () => {
    const authz = createAuthz(buildInventory({}), { asOf: new Date() });
    expect(authz.documentIsAdmin(policy(allow('*'))).isAdmin).toBe(true);
    expect(authz.documentIsAdmin(policy(asDocument(FILE.policies[POWER]))).isAdmin).toBe(false);
    expect(authz.documentIsAdmin(policy(allow('*', MFA)))).toMatchObject({
      isAdmin: true,
      conditional: true,
    });
  });
});
