import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/shared-data.js';
import { inventoryFromRaw } from './from-raw.js';

const FILE = path.join(SHARED_DATA, 'gaad/cloudsplaining/example-authz-details.json');
type Gaad = Record<string, Record<string, unknown>[]>;
const real = (): Gaad => JSON.parse(readFileSync(FILE, 'utf8')) as Gaad;
const ACCT = '012345678901';

/** The raw API form: every policy document URL-encoded, as GetAccountAuthorizationDetails returns it. */
function urlEncoded(g: Gaad): Gaad {
  const enc = (d: unknown): string => encodeURIComponent(JSON.stringify(d));
  const inline = (list: unknown): unknown =>
    (list as { PolicyDocument: unknown }[] | undefined)?.map((p) => ({
      ...p,
      PolicyDocument: enc(p.PolicyDocument),
    }));
  return {
    UserDetailList: g.UserDetailList!.map((u) => ({ ...u, UserPolicyList: inline(u.UserPolicyList) })),
    GroupDetailList: g.GroupDetailList!.map((u) => ({ ...u, GroupPolicyList: inline(u.GroupPolicyList) })),
    RoleDetailList: g.RoleDetailList!.map((r) => ({
      ...r,
      AssumeRolePolicyDocument: enc(r.AssumeRolePolicyDocument),
      RolePolicyList: inline(r.RolePolicyList),
    })),
    Policies: g.Policies!.map((p) => ({
      ...p,
      PolicyVersionList: (p.PolicyVersionList as { Document: unknown }[]).map((v) => ({
        ...v,
        Document: enc(v.Document),
      })),
    })),
  };
}

/** The same export re-homed in another account (every ARN rewritten). */
function inAccount(g: Gaad, account: string): Gaad {
  return JSON.parse(JSON.stringify(g).replaceAll(`:${ACCT}:`, `:${account}:`)) as Gaad;
}

describe('gaad: the real cloudsplaining export', () => {
  const { inventory, inputs } = inventoryFromRaw([{ file: FILE, raw: real() }]);

  it('reads every record without errors', () => {
    expect(inputs).toEqual([
      { path: FILE, kind: 'iam-authorization-details', records: 3 + 2 + 3 + 32, errors: [] },
    ]);
    expect(inventory.users.map((u) => u.name)).toEqual(['obama', 'userwithlotsofpermissions', 'biden']);
    expect(inventory.groups.map((g) => g.name)).toEqual(['admin', 'biden']);
    expect(inventory.roles.map((r) => r.name)).toEqual(['MyRole', 'MyOtherRole', 'OverprivilegedEC2']);
    expect(inventory.policies.size).toBe(32);
    expect([...inventory.coverage.iamAccounts]).toEqual([ACCT]);
    expect(inventory.coverage.credentialReportAccounts.size).toBe(0);
  });

  it('keeps users with their groups, attached and inline policies', () => {
    const obama = inventory.users.find((u) => u.name === 'obama')!;
    expect(obama).toMatchObject({
      kind: 'user',
      arn: `arn:aws:iam::${ACCT}:user/obama`,
      accountId: ACCT,
      path: '/',
      groupNames: ['admin'],
      attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      inlinePolicies: [],
      permissionsBoundaryArn: null,
      createDate: '2019-12-18T19:10:08.000Z',
    });
    const biden = inventory.users.find((u) => u.name === 'biden')!;
    expect(biden.groupNames).toEqual(['biden']);
    expect(biden.inlinePolicies.map((p) => p.name)).toEqual(['InsecureUserPolicy']);
    expect(biden.inlinePolicies[0]!.document.statements.length).toBeGreaterThan(0);
  });

  it('keeps groups with their policies', () => {
    const admin = inventory.groups.find((g) => g.name === 'admin')!;
    expect(admin.attachedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(inventory.groups.find((g) => g.name === 'biden')!.attachedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/AmazonRDSFullAccess',
    ]);
  });

  it('reads roles: trust policy, RoleLastUsed, instance profiles', () => {
    const my = inventory.roles.find((r) => r.name === 'MyRole')!;
    expect(my.trustPolicy.statements[0]).toMatchObject({
      effect: 'Allow',
      principal: { Service: ['ssm.amazonaws.com'] },
      action: ['sts:AssumeRole'],
    });
    expect(my.lastUsed).toEqual({ date: null, region: null }); // `{}`: never used
    expect(my.inlinePolicies.map((p) => p.name)).toEqual(['EC2-IAM-example']);
    expect(my.isServiceLinked).toBe(false);
    expect(my.description).toBeNull();
    const ec2 = inventory.roles.find((r) => r.name === 'OverprivilegedEC2')!;
    expect(ec2.lastUsed).toEqual({ date: '2019-01-20T18:48:00.000Z', region: 'us-east-1' });
    expect(ec2.attachedPolicyArns).toEqual([`arn:aws:iam::${ACCT}:policy/InsecurePolicy`]);
    expect(ec2.instanceProfileArns).toEqual([`arn:aws:iam::${ACCT}:instance-profile/OverprivilegedEC2`]);
    expect(inventory.instanceProfiles).toEqual([
      {
        arn: `arn:aws:iam::${ACCT}:instance-profile/OverprivilegedEC2`,
        name: 'OverprivilegedEC2',
        id: 'OverprivilegedEC2',
        accountId: ACCT,
        roleArns: [`arn:aws:iam::${ACCT}:role/OverprivilegedEC2`],
      },
    ]);
  });

  it('takes the default version of each managed policy, not another one', () => {
    const admin = inventory.policies.get('arn:aws:iam::aws:policy/AdministratorAccess')!;
    expect(admin).toMatchObject({ name: 'AdministratorAccess', isAwsManaged: true, accountId: null });
    expect(admin.document.statements).toEqual([
      { sid: null, effect: 'Allow', action: ['*'], resource: ['*'] },
    ]);
    const raw = real().Policies!.find((p) => p.PolicyName === 'AWSCodeCommitPowerUser')!;
    const versions = raw.PolicyVersionList as { VersionId: string; IsDefaultVersion: boolean }[];
    const def = versions.find((v) => v.IsDefaultVersion)!;
    const cc = inventory.policies.get('arn:aws:iam::aws:policy/AWSCodeCommitPowerUser')!;
    expect(cc.defaultVersionId).toBe(def.VersionId);
    // The stored older version is kept apart (iam:SetDefaultPolicyVersion can switch back to it).
    expect(cc.nonDefaultVersions?.map((v) => v.versionId)).toEqual(['v10']);
    expect(admin.nonDefaultVersions).toBeUndefined();
    const own = inventory.policies.get(`arn:aws:iam::${ACCT}:policy/NotYourPolicy`)!;
    expect(own).toMatchObject({
      isAwsManaged: false,
      accountId: ACCT,
      defaultVersionId: 'v9',
      attachmentCount: 1,
    });
  });
});

describe('gaad: forms and merging', () => {
  const reference = inventoryFromRaw([{ file: 'a.json', raw: real() }]).inventory;

  it('reads the raw API form (URL-encoded documents) to the same inventory', () => {
    const { inventory, inputs } = inventoryFromRaw([{ file: 'a.json', raw: urlEncoded(real()) }]);
    expect(inputs[0]!.errors).toEqual([]);
    expect(inventory).toEqual(reference);
  });

  it('merges two pages of one export to the same inventory', () => {
    const g = real();
    const page1 = {
      UserDetailList: g.UserDetailList,
      RoleDetailList: g.RoleDetailList!.slice(0, 1),
      Policies: g.Policies!.slice(0, 10),
      IsTruncated: true,
      Marker: 'abc',
    };
    const page2 = {
      GroupDetailList: g.GroupDetailList,
      RoleDetailList: g.RoleDetailList!.slice(1),
      Policies: g.Policies!.slice(10),
      IsTruncated: false,
    };
    const { inventory, inputs } = inventoryFromRaw([
      { file: 'p2.json', raw: page2 },
      { file: 'p1.json', raw: page1 },
    ]);
    expect(inputs.map((i) => [i.path, i.kind, i.errors.length])).toEqual([
      ['p1.json', 'iam-authorization-details', 0],
      ['p2.json', 'iam-authorization-details', 0],
    ]);
    expect(inventory).toEqual(reference);
  });

  it('merges a repeated export without duplicating anything', () => {
    const { inventory } = inventoryFromRaw([
      { file: 'a.json', raw: real() },
      { file: 'b.json', raw: real() },
    ]);
    expect(inventory).toEqual(reference);
  });

  it('keeps two accounts apart and AWS managed policies once', () => {
    const other = '222222222222';
    const { inventory } = inventoryFromRaw([
      { file: 'a.json', raw: real() },
      { file: 'b.json', raw: inAccount(real(), other) },
    ]);
    expect([...inventory.coverage.iamAccounts].sort()).toEqual([ACCT, other]);
    expect(inventory.users).toHaveLength(6);
    expect(inventory.users.filter((u) => u.accountId === other).map((u) => u.name)).toEqual([
      'obama',
      'userwithlotsofpermissions',
      'biden',
    ]);
    // 30 AWS managed once, 2 customer managed per account
    expect(inventory.policies.size).toBe(34);
    expect(inventory.policies.get(`arn:aws:iam::${other}:policy/InsecurePolicy`)?.accountId).toBe(other);
  });

  it('is deterministic whatever the input order', () => {
    const a = { file: 'a.json', raw: real() };
    const b = { file: 'b.json', raw: inAccount(real(), '333333333333') };
    expect(inventoryFromRaw([b, a])).toEqual(inventoryFromRaw([a, b]));
  });
});
