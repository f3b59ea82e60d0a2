import { describe, expect, it } from 'vitest';
import type { Organization } from '../model/inventory.js';
import { organizationScps } from './principal-policies-scps.js';
import { findPrincipal, missingPolicyReferences, principalPolicies } from './principal-policies.js';
import {
  ACCOUNT,
  FULL_AWS_ACCESS,
  arnOf,
  buildInventory,
  organization,
  scp,
  statements,
} from './test-utils/build-inventory.js';

const AWS_POLICY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const CUSTOMER = `arn:aws:iam::${ACCOUNT}:policy/team`;
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
const p = statements({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });

const inventory = buildInventory({
  policies: { [AWS_POLICY]: p, [CUSTOMER]: p, [BOUNDARY]: p },
  users: [
    {
      name: 'alice',
      inline: { mine: p },
      attached: [AWS_POLICY, 'arn:aws:iam::aws:policy/Missing'],
      groups: ['dev', 'dev', 'ghost'],
      boundary: BOUNDARY,
    },
  ],
  groups: [{ name: 'dev', inline: { shared: p }, attached: [CUSTOMER] }],
  roles: [{ name: 'app', attached: [CUSTOMER], boundary: 'arn:aws:iam::aws:policy/GoneBoundary' }],
});

describe('principalPolicies', () => {
  it('collects a user’s inline, attached and group policies with ids, kinds and viaGroup', () => {
    const set = principalPolicies(inventory, arnOf('user', 'alice'))!;
    expect(set.identity.map((x) => [x.id, x.kind, x.viaGroup])).toEqual([
      [`${arnOf('user', 'alice')}#inline/mine`, 'inline', undefined],
      [AWS_POLICY, 'aws-managed', undefined],
      // A group named twice contributes once; an unknown group contributes nothing.
      [`${arnOf('group', 'dev')}#inline/shared`, 'inline', arnOf('group', 'dev')],
      [CUSTOMER, 'managed', arnOf('group', 'dev')],
    ]);
    expect(set.boundary).toMatchObject({ id: BOUNDARY, kind: 'boundary' });
    expect(set.scps).toEqual([]);
  });

  it('gives a group only its own policies and no boundary', () => {
    const set = principalPolicies(inventory, arnOf('group', 'dev'))!;
    expect(set.identity.map((x) => x.id)).toEqual([`${arnOf('group', 'dev')}#inline/shared`, CUSTOMER]);
    expect(set.identity.every((x) => x.viaGroup === undefined)).toBe(true);
    expect(set.boundary).toBeNull();
  });

  it('records missing managed policies and boundaries instead of failing', () => {
    expect(principalPolicies(inventory, arnOf('role', 'app'))!.boundary).toBeNull();
    expect(missingPolicyReferences(inventory)).toEqual([
      { principalArn: arnOf('user', 'alice'), policyArn: 'arn:aws:iam::aws:policy/Missing', as: 'attached' },
      {
        principalArn: arnOf('role', 'app'),
        policyArn: 'arn:aws:iam::aws:policy/GoneBoundary',
        as: 'boundary',
      },
    ]);
  });

  it('returns null for unknown principals and finds a role from its session ARN', () => {
    expect(principalPolicies(inventory, arnOf('user', 'nobody'))).toBeNull();
    expect(findPrincipal(inventory, `arn:aws:sts::${ACCOUNT}:assumed-role/app/session-1`)?.arn).toBe(
      arnOf('role', 'app'),
    );
    expect(findPrincipal(inventory, `arn:aws:sts::100000000002:assumed-role/app/s`)).toBeNull();
  });
});

describe('organizationScps', () => {
  const deny = statements({ Effect: 'Deny', Action: 'iam:*', Resource: '*' });
  const rcp = { ...scp('rcp', deny, [ACCOUNT]), type: 'RESOURCE_CONTROL_POLICY' as const };
  const org = organization([
    scp('full', FULL_AWS_ACCESS, ['r-root', 'ou-a', ACCOUNT]),
    scp('deny-iam', deny, ['ou-a']),
    rcp,
  ]);

  it('orders levels root → OU → account and keeps only SCPs', () => {
    const levels = organizationScps(org, ACCOUNT);
    expect(levels.map((l) => l.map((x) => x.name))).toEqual([['full'], ['full', 'deny-iam'], ['full']]);
    expect(levels.flat().every((x) => x.kind === 'scp')).toBe(true);
  });

  it('exempts the management account and accounts outside the organization', () => {
    expect(organizationScps(org, '100000000000')).toEqual([]);
    expect(organizationScps(org, '999999999999')).toEqual([]);
  });

  it('leaves out levels with no SCP in the data rather than denying everything', () => {
    const partial = organization([scp('deny-iam', deny, ['ou-a'])]);
    expect(organizationScps(partial, ACCOUNT).map((l) => l.map((x) => x.name))).toEqual([['deny-iam']]);
  });

  it('survives a cycle in OU parents', () => {
    const cyclic: Organization = {
      ...org,
      organizationalUnits: [
        { id: 'ou-a', arn: null, name: 'A', parentId: 'ou-b' },
        { id: 'ou-b', arn: null, name: 'B', parentId: 'ou-a' },
      ],
    };
    expect(organizationScps(cyclic, ACCOUNT).map((l) => l.map((x) => x.name))).toEqual([
      ['full', 'deny-iam'],
      ['full'],
    ]);
  });

  it('applies SCPs to a user through the inventory organization', () => {
    const inv = buildInventory({ users: [{ name: 'u' }], organization: org });
    expect(principalPolicies(inv, arnOf('user', 'u'))!.scps).toHaveLength(3);
  });
});
