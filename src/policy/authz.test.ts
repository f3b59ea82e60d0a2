import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/shared-data.js';
import { inventoryFromRaw } from '../ingest/from-raw.js';
import { createAuthz } from './authz.js';
import { ACCOUNT, arnOf, buildInventory, organization, statements } from './test-utils/build-inventory.js';

const AS_OF = new Date('2026-03-01T12:00:00Z');

describe('principal context', () => {
  const inventory = buildInventory({
    users: [{ name: 'alice', id: 'AIDAALICE', tags: { team: 'red', 'x<y>': 'a"b' } }],
    roles: [{ name: 'app' }],
    groups: [{ name: 'ops' }],
    organization: organization([]),
  });
  const authz = createAuthz(inventory, { asOf: AS_OF });

  it('fills the keys IAM derives from a user, and leaves everything else unknown', () => {
    const ctx = authz.context(arnOf('user', 'alice'))!;
    expect(ctx.missingKeys).toBe('unknown');
    expect(ctx.values).toEqual({
      'aws:CurrentTime': '2026-03-01T12:00:00.000Z',
      'aws:EpochTime': String(AS_OF.getTime() / 1000),
      'aws:TokenIssueTime': '2026-03-01T12:00:00.000Z',
      'aws:PrincipalAccount': ACCOUNT,
      'aws:PrincipalIsAWSService': 'false',
      'aws:PrincipalType': 'User',
      'aws:PrincipalOrgID': 'o-11111111',
      'aws:PrincipalArn': arnOf('user', 'alice'),
      'aws:PrincipalTag/team': 'red',
      'aws:PrincipalTag/x<y>': 'a"b',
      'aws:username': 'alice',
      'aws:userid': 'AIDAALICE',
    });
  });

  it('gives a role AssumedRole and no username or userid', () => {
    const values = authz.context(arnOf('role', 'app'))!.values;
    expect(values['aws:PrincipalType']).toBe('AssumedRole');
    expect(values['aws:username']).toBeUndefined();
    expect(values['aws:userid']).toBeUndefined();
  });

  it('knows nothing about which member of a group acts', () => {
    const values = authz.context(arnOf('group', 'ops'))!.values;
    expect(values['aws:PrincipalArn']).toBeUndefined();
    expect(values['aws:username']).toBeUndefined();
  });

  it('has no org id for an account outside the organization', () => {
    const inv = buildInventory({
      users: [{ name: 'z', account: '100000000009' }],
      organization: organization([]),
    });
    expect(
      createAuthz(inv, { asOf: AS_OF }).context(arnOf('user', 'z', '100000000009'))!.values[
        'aws:PrincipalOrgID'
      ],
    ).toBeUndefined();
  });
});

describe('isAllowed', () => {
  const inventory = buildInventory({
    users: [
      {
        name: 'alice',
        inline: {
          p: statements(
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' },
            {
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: '*',
              Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
            },
            {
              Effect: 'Allow',
              Action: 'ec2:RunInstances',
              Resource: '*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Resource: '*',
              Condition: { DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } },
            },
          ),
        },
      },
    ],
  });
  const authz = createAuthz(inventory, { asOf: AS_OF });
  const alice = arnOf('user', 'alice');

  it('resolves policy variables from the principal', () => {
    expect(authz.isAllowed(alice, 's3:GetObject', 'arn:aws:s3:::home/alice/x').decision).toBe('allowed');
    expect(authz.isAllowed(alice, 's3:GetObject', 'arn:aws:s3:::home/bob/x').decision).toBe(
      'implicitly-denied',
    );
  });

  it('evaluates scenario keys given as extra, and is conditional without them', () => {
    expect(
      authz.isAllowed(alice, 'iam:PassRole', '*', { 'iam:PassedToService': 'lambda.amazonaws.com' }),
    ).toMatchObject({
      decision: 'allowed',
      conditional: false,
    });
    expect(
      authz.isAllowed(alice, 'iam:PassRole', '*', { 'iam:PassedToService': 'ec2.amazonaws.com' }).decision,
    ).toBe('implicitly-denied');
    expect(authz.isAllowed(alice, 'iam:PassRole', '*')).toMatchObject({
      decision: 'allowed',
      conditional: true,
    });
  });

  it('treats unknown keys as conditional and time keys as the as-of time', () => {
    expect(authz.isAllowed(alice, 'ec2:RunInstances', '*')).toMatchObject({
      decision: 'allowed',
      conditional: true,
    });
    expect(authz.isAllowed(alice, 'sts:AssumeRole', '*').decision).toBe('implicitly-denied');
  });

  it('denies unknown principals without throwing', () => {
    expect(authz.isAllowed(arnOf('user', 'nobody'), 's3:GetObject', '*').decision).toBe('implicitly-denied');
    expect(authz.policySet(arnOf('user', 'nobody'))).toBeNull();
    expect(authz.effective(arnOf('user', 'nobody'))).toBeNull();
  });

  it('caches per principal', () => {
    expect(authz.adminVerdict(alice)).toBe(authz.adminVerdict(alice));
    expect(authz.effective(alice)).toBe(authz.effective(alice));
    expect(authz.effective(alice)!.allowedSomewhere.names()).toEqual([
      'ec2:RunInstances',
      'iam:PassRole',
      's3:GetObject',
    ]);
  });
});

describe('the cloudsplaining example export', () => {
  const file = path.join(SHARED_DATA, 'gaad/cloudsplaining/example-authz-details.json');
  const { inventory } = inventoryFromRaw([{ file, raw: JSON.parse(readFileSync(file, 'utf8')) }]);
  const authz = createAuthz(inventory, { asOf: AS_OF });
  const arn = (kind: string, name: string) => `arn:aws:iam::012345678901:${kind}/${name}`;

  it('finds exactly the admins', () => {
    const admins = [...inventory.users, ...inventory.groups, ...inventory.roles]
      .filter((p) => authz.adminVerdict(p.arn).isAdmin)
      .map((p) => p.arn)
      .sort();
    expect(admins).toEqual([
      arn('group', 'admin'),
      arn('user', 'obama'),
      arn('user', 'userwithlotsofpermissions'),
    ]);
  });

  it('says why: AdministratorAccess, directly or via the admin group', () => {
    const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
    expect(authz.adminVerdict(arn('user', 'userwithlotsofpermissions')).grantingStatements).toEqual([
      { policyId: admin, policyName: 'AdministratorAccess', sid: null, viaGroup: arn('group', 'admin') },
    ]);
    expect(
      authz.adminVerdict(arn('user', 'obama')).grantingStatements.map((g) => g.viaGroup ?? null),
    ).toEqual([null, arn('group', 'admin')]);
  });

  it('calls the AWS managed AdministratorAccess document admin, and PowerUserAccess and IAMFullAccess not', () => {
    const doc = (name: string) => {
      const p = inventory.policies.get(`arn:aws:iam::aws:policy/${name}`)!;
      return authz.documentIsAdmin({ id: p.arn, name: p.name, kind: 'aws-managed', document: p.document })
        .isAdmin;
    };
    expect([doc('AdministratorAccess'), doc('PowerUserAccess'), doc('IAMFullAccess')]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
