/**
 * Wrong types in every field of every input kind (issue 8), generated from valid records: each field path of
 * a valid GAAD user / group / role / managed policy, EC2 instance, Lambda function, organization entry and
 * CloudTrail record is replaced by null, a number, a boolean, an array, an object, a huge string, a string of
 * control characters, or removed. Nothing throws; a required field makes a record error naming the record
 * (and the record is dropped); an optional one keeps the record, its model value null. Credential report
 * columns (all text) get empty, garbage, huge and formula values instead.
 */
import { describe, expect, it } from 'vitest';
import { readTrailRecord } from '../../src/ingest/cloudtrail.js';
import { inventoryFromRaw } from '../../src/ingest/from-raw.js';
import type { Inventory } from '../../src/model/inventory.js';
import { CREDENTIAL_REPORT_COLUMNS } from '../../src/model/credential-report.js';

type Json = Record<string, unknown>;
type Path = (string | number)[];

const A = '100000000001';
const FILE = '/exports/input.json';
const HUGE = 'A'.repeat(200_000);
const WRONG: [string, unknown][] = [
  ['removed', undefined],
  ['null', null],
  ['number', 42],
  ['boolean', true],
  ['array', []],
  ['object', {}],
  ['huge string', HUGE],
  ['control characters', '\u0000\u001b[2J\r\n\u202e'],
];
/** Same JSON type: such a value may well be valid (42 for a number, [] for a list), so only no-throw is checked. */
const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const sameType = (a: unknown, b: unknown): boolean => typeOf(a) === typeOf(b);
const valueAt = (v: unknown, path: Path): unknown =>
  path.reduce<unknown>((at, k) => (at as Record<string | number, unknown>)[k], v);

const doc = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'S', Effect: 'Allow', Action: 's3:Get*', Resource: '*' }],
};
const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const tags = [{ Key: 'team', Value: 'data' }];

interface RecordKind {
  name: string;
  record: Json;
  /** The document holding the record, and how errors locate it. */
  wrap: (r: unknown) => unknown;
  locator: string;
  /** Field paths without which the record cannot be read. Replacing them (or a parent) drops the record. */
  required: Path[];
  /** Policy documents and similar: validated elsewhere; any outcome but a throw or an unlocated error. */
  free: Path[];
  /** Optional scalar fields and where their model value is: it becomes null when the type is wrong. */
  nulls: Record<string, (inv: Inventory) => unknown>;
}

const gaad = (list: string) => (r: unknown) => ({
  UserDetailList: [],
  GroupDetailList: [],
  RoleDetailList: [],
  Policies: [],
  [list]: [r],
});
const org = (list: string) => (r: unknown) => ({
  Organization: { Id: 'o-11111111', Arn: `arn:aws:organizations::${A}:organization/o-11111111` },
  [list]: [r],
});

const KINDS: RecordKind[] = [
  {
    name: 'GAAD user',
    wrap: gaad('UserDetailList'),
    locator: 'UserDetailList[0]',
    record: {
      UserName: 'alice',
      UserId: 'AIDAEXAMPLE000000001',
      Arn: `arn:aws:iam::${A}:user/alice`,
      Path: '/',
      CreateDate: '2024-01-01T00:00:00Z',
      GroupList: ['devs'],
      AttachedManagedPolicies: [{ PolicyName: 'p', PolicyArn: `arn:aws:iam::${A}:policy/p` }],
      UserPolicyList: [{ PolicyName: 'inline', PolicyDocument: doc }],
      PermissionsBoundary: {
        PermissionsBoundaryType: 'Policy',
        PermissionsBoundaryArn: `arn:aws:iam::${A}:policy/b`,
      },
      Tags: tags,
    },
    required: [['UserName'], ['Arn']],
    free: [['UserPolicyList']],
    nulls: {
      UserId: (inv) => inv.users[0]!.id,
      CreateDate: (inv) => inv.users[0]!.createDate,
      'PermissionsBoundary.PermissionsBoundaryArn': (inv) => inv.users[0]!.permissionsBoundaryArn,
    },
  },
  {
    name: 'GAAD group',
    wrap: gaad('GroupDetailList'),
    locator: 'GroupDetailList[0]',
    record: {
      GroupName: 'devs',
      GroupId: 'AGPAEXAMPLE000000001',
      Arn: `arn:aws:iam::${A}:group/devs`,
      Path: '/',
      CreateDate: '2024-01-01T00:00:00Z',
      GroupPolicyList: [{ PolicyName: 'inline', PolicyDocument: doc }],
      AttachedManagedPolicies: [{ PolicyName: 'p', PolicyArn: `arn:aws:iam::${A}:policy/p` }],
    },
    required: [['GroupName'], ['Arn']],
    free: [['GroupPolicyList']],
    nulls: { GroupId: (inv) => inv.groups[0]!.id, CreateDate: (inv) => inv.groups[0]!.createDate },
  },
  {
    name: 'GAAD role',
    wrap: gaad('RoleDetailList'),
    locator: 'RoleDetailList[0]',
    record: {
      RoleName: 'app',
      RoleId: 'AROAEXAMPLE000000001',
      Arn: `arn:aws:iam::${A}:role/app`,
      Path: '/',
      CreateDate: '2024-01-01T00:00:00Z',
      Description: 'application role',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: trust,
      RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: doc }],
      AttachedManagedPolicies: [],
      InstanceProfileList: [
        {
          InstanceProfileName: 'app',
          InstanceProfileId: 'AIPAEXAMPLE000000001',
          Arn: `arn:aws:iam::${A}:instance-profile/app`,
          Roles: [{ RoleName: 'app', Arn: `arn:aws:iam::${A}:role/app` }],
        },
      ],
      RoleLastUsed: { LastUsedDate: '2024-05-01T00:00:00Z', Region: 'us-east-1' },
      Tags: tags,
    },
    required: [['RoleName'], ['Arn'], ['AssumeRolePolicyDocument']],
    free: [['AssumeRolePolicyDocument'], ['RolePolicyList']],
    nulls: {
      RoleId: (inv) => inv.roles[0]!.id,
      Description: (inv) => inv.roles[0]!.description,
      MaxSessionDuration: (inv) => inv.roles[0]!.maxSessionDuration,
      'RoleLastUsed.LastUsedDate': (inv) => inv.roles[0]!.lastUsed?.date,
      'RoleLastUsed.Region': (inv) => inv.roles[0]!.lastUsed?.region,
    },
  },
  {
    name: 'GAAD managed policy',
    wrap: gaad('Policies'),
    locator: 'Policies[0]',
    record: {
      PolicyName: 'p',
      PolicyId: 'ANPAEXAMPLE000000001',
      Arn: `arn:aws:iam::${A}:policy/p`,
      Path: '/',
      DefaultVersionId: 'v2',
      AttachmentCount: 1,
      IsAttachable: true,
      CreateDate: '2024-01-01T00:00:00Z',
      UpdateDate: '2024-02-01T00:00:00Z',
      PolicyVersionList: [
        { Document: doc, VersionId: 'v2', IsDefaultVersion: true },
        { Document: doc, VersionId: 'v1', IsDefaultVersion: false },
      ],
    },
    required: [['PolicyName'], ['Arn'], ['PolicyVersionList', 0, 'IsDefaultVersion']],
    free: [
      ['PolicyVersionList', 0, 'Document'],
      ['PolicyVersionList', 1],
    ],
    nulls: {
      PolicyId: (inv) => [...inv.policies.values()][0]!.id,
      AttachmentCount: (inv) => [...inv.policies.values()][0]!.attachmentCount,
      CreateDate: (inv) => [...inv.policies.values()][0]!.createDate,
      UpdateDate: (inv) => [...inv.policies.values()][0]!.updateDate,
    },
  },
  {
    name: 'EC2 instance',
    wrap: (r) => ({ Reservations: [{ ReservationId: 'r-1', OwnerId: A, Instances: [r] }] }),
    locator: 'Reservations[0].Instances[0]',
    record: {
      InstanceId: 'i-0a1b2c3d4e5f60001',
      LaunchTime: '2024-04-01T10:00:00+00:00',
      Placement: { AvailabilityZone: 'us-east-1a' },
      State: { Code: 16, Name: 'running' },
      PublicIpAddress: '203.0.113.10',
      IamInstanceProfile: { Arn: `arn:aws:iam::${A}:instance-profile/app`, Id: 'AIPAEXAMPLE000000001' },
      Tags: [{ Key: 'Name', Value: 'web-1' }],
    },
    required: [['InstanceId'], ['Placement', 'AvailabilityZone']],
    free: [],
    nulls: {
      LaunchTime: (inv) => inv.instances[0]!.launchTime,
      'State.Name': (inv) => inv.instances[0]!.state,
      PublicIpAddress: (inv) => inv.instances[0]!.publicIp,
      'IamInstanceProfile.Arn': (inv) => inv.instances[0]!.instanceProfileArn,
      'Tags.0.Value': (inv) => inv.instances[0]!.name,
    },
  },
  {
    name: 'EC2 reservation',
    wrap: (r) => ({ Reservations: [r] }),
    locator: 'Reservations[0]',
    record: {
      ReservationId: 'r-1',
      OwnerId: A,
      Instances: [{ InstanceId: 'i-0a1b2c3d4e5f60001', Placement: { AvailabilityZone: 'us-east-1a' } }],
    },
    required: [
      ['OwnerId'],
      ['Instances'],
      ['Instances', 0, 'InstanceId'],
      ['Instances', 0, 'Placement', 'AvailabilityZone'],
    ],
    free: [],
    nulls: {},
  },
  {
    name: 'Lambda function',
    wrap: (r) => ({ Functions: [r] }),
    locator: 'Functions[0]',
    record: {
      FunctionName: 'f',
      FunctionArn: `arn:aws:lambda:us-east-1:${A}:function:f`,
      Runtime: 'nodejs20.x',
      Role: `arn:aws:iam::${A}:role/app`,
      LastModified: '2024-03-15T12:34:56.789+0000',
    },
    required: [['FunctionName'], ['FunctionArn'], ['Role']],
    free: [],
    nulls: {
      Runtime: (inv) => inv.functions[0]!.runtime,
      LastModified: (inv) => inv.functions[0]!.lastModified,
    },
  },
  {
    name: 'organization account',
    wrap: org('Accounts'),
    locator: 'Accounts[0]',
    record: {
      Id: A,
      Arn: `arn:aws:organizations::${A}:account/o-11111111/${A}`,
      Name: 'm',
      Email: 'm@example.com',
      Status: 'ACTIVE',
      ParentId: 'r-ab12',
    },
    required: [['Id']],
    free: [],
    nulls: {
      Arn: (inv) => inv.organization!.accounts[0]!.arn,
      Email: (inv) => inv.organization!.accounts[0]!.email,
      ParentId: (inv) => inv.organization!.accounts[0]!.parentId,
    },
  },
  {
    name: 'organization unit',
    wrap: org('OrganizationalUnits'),
    locator: 'OrganizationalUnits[0]',
    record: { Id: 'ou-ab12-11111111', Arn: 'arn:aws:organizations::x', Name: 'prod', ParentId: 'r-ab12' },
    required: [['Id'], ['ParentId']],
    free: [],
    nulls: { Name: (inv) => inv.organization!.organizationalUnits[0]!.name },
  },
  {
    name: 'organization SCP',
    wrap: org('Policies'),
    locator: 'Policies[0]',
    record: {
      PolicySummary: {
        Id: 'p-11111111',
        Arn: `arn:aws:organizations::${A}:policy/o-11111111/service_control_policy/p-11111111`,
        Name: 'guard',
        Type: 'SERVICE_CONTROL_POLICY',
        AwsManaged: false,
      },
      Content: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }],
      }),
      Targets: [{ TargetId: A, Type: 'ACCOUNT' }],
    },
    required: [['PolicySummary', 'Id'], ['PolicySummary', 'Arn'], ['PolicySummary', 'Type'], ['Content']],
    free: [['Content']],
    nulls: {},
  },
];

/** Every path in a JSON value (objects and arrays included), root excluded. */
function pathsOf(v: unknown, prefix: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v as Json);
  return entries.flatMap(([k, x]) => [[...prefix, k], ...pathsOf(x, [...prefix, k])]);
}

function replaced(v: unknown, path: Path, value: unknown): unknown {
  const copy: unknown = structuredClone(v);
  let at = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined && !Array.isArray(at)) delete at[last];
  else at[last] = value;
  return copy;
}

const startsWith = (p: Path, prefix: Path): boolean =>
  prefix.length <= p.length && prefix.every((k, i) => p[i] === k);

function read(raw: unknown): {
  inventory: Inventory;
  records: number;
  errors: { where: string; reason: string }[];
} {
  const { inventory, inputs } = inventoryFromRaw([{ file: FILE, raw }]);
  expect(inputs).toHaveLength(1);
  return { inventory, records: inputs[0]!.records, errors: inputs[0]!.errors };
}

describe.each(KINDS)('wrong types in every field: $name', (kind) => {
  const base = read(kind.wrap(kind.record));
  const paths = pathsOf(kind.record);

  it('the valid record is read without error (the baseline the cases compare with)', () => {
    expect(base.errors).toEqual([]);
    expect(base.records).toBeGreaterThan(0);
    expect(paths.length).toBeGreaterThan(3);
  });

  it.each(paths.map((p) => [p.join('.'), p] as const))('%s', (_name, path) => {
    const isRequired = kind.required.some((r) => startsWith(r, path));
    const isFree = !isRequired && kind.free.some((f) => startsWith(path, f));
    const original = valueAt(kind.record, path);
    for (const [label, value] of WRONG) {
      const got = read(kind.wrap(replaced(kind.record, path, value)));
      const context = `${path.join('.')} = ${label}`;
      for (const e of got.errors) {
        expect(e.where, context).toMatch(new RegExp(`^${FILE} ${kind.locator.replace(/[[\].]/g, '\\$&')}`));
        expect(e.reason, context).not.toMatch(/[\r\n]/);
        expect(e.where.length + e.reason.length, context).toBeLessThan(2_000);
      }
      if (isRequired) {
        if (sameType(value, original)) continue;
        expect(got.records, context).toBe(base.records - 1);
        expect(got.errors.length, context).toBeGreaterThan(0);
      } else if (!isFree) {
        expect(got.records, context).toBe(base.records);
        const model = kind.nulls[path.join('.')];
        if (model && !sameType(value, original)) expect(model(got.inventory), context).toBeNull();
      }
    }
  });
});

describe('wrong values in every credential report column', () => {
  const header = CREDENTIAL_REPORT_COLUMNS.join(',');
  const row: Record<string, string> = Object.fromEntries(CREDENTIAL_REPORT_COLUMNS.map((c) => [c, 'N/A']));
  Object.assign(row, {
    user: 'alice',
    arn: `arn:aws:iam::${A}:user/alice`,
    user_creation_time: '2021-06-10T09:30:00+00:00',
    password_enabled: 'true',
    password_last_used: '2024-05-01T17:42:10+00:00',
    mfa_active: 'false',
    access_key_1_active: 'true',
    access_key_1_last_rotated: '2021-06-10T09:35:00+00:00',
    access_key_2_active: 'false',
    cert_1_active: 'false',
    cert_2_active: 'false',
  });
  const csv = (r: Record<string, string>): string =>
    `${header}\n${CREDENTIAL_REPORT_COLUMNS.map((c) => `"${(r[c] ?? '').replace(/"/g, '""')}"`).join(',')}\n`;
  const REQUIRED = [
    'user',
    'arn',
    'password_enabled',
    'mfa_active',
    'access_key_1_active',
    'access_key_2_active',
  ];
  const VALUES = ['', 'garbage', HUGE, "=cmd|' /C calc'!A0", '"quoted"\r\nnext line', '\u0000\u001b[2J'];

  it('the valid row is read', () => {
    const got = read(csv(row));
    expect(got.errors).toEqual([]);
    expect(got.records).toBe(1);
  });

  it.each([...CREDENTIAL_REPORT_COLUMNS])('%s', (column) => {
    for (const value of VALUES) {
      const got = read(csv({ ...row, [column]: value }));
      const context = `${column} = ${JSON.stringify(value.slice(0, 20))}`;
      for (const e of got.errors) {
        expect(e.where, context).toMatch(new RegExp(`^${FILE} row\\[1\\]`));
        expect(e.reason, context).not.toMatch(/[\r\n]/);
      }
      if (REQUIRED.includes(column) && column !== 'user') {
        expect(got.records, context).toBe(0);
        expect(got.errors.length, context).toBe(1);
      } else if (!REQUIRED.includes(column)) {
        expect(got.records, context).toBe(1);
        const r = got.inventory.credentialReport[0]!;
        if (column === 'user_creation_time') expect(r.userCreationTime, context).toBeNull();
        if (column === 'password_last_used') expect(r.passwordLastUsed, context).toBeNull();
        if (column === 'access_key_1_last_rotated') expect(r.accessKeys[0].lastRotated, context).toBeNull();
      }
    }
  });
});

describe('wrong types in every field of a CloudTrail record', () => {
  const record: Json = {
    eventVersion: '1.09',
    eventID: '00000000-0000-4000-8000-000000000001',
    eventTime: '2026-11-10T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    eventType: 'AwsApiCall',
    awsRegion: 'us-east-1',
    errorCode: 'AccessDenied',
    recipientAccountId: A,
    managementEvent: false,
    eventCategory: 'Data',
    requestParameters: { bucketName: 'b', key: 'k' },
    resources: [{ ARN: 'arn:aws:s3:::b/k', type: 'AWS::S3::Object' }],
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${A}:assumed-role/app/s`,
      accountId: A,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${A}:role/app`, accountId: A } },
    },
  };
  const REQUIRED: Path[] = [
    ['eventID'],
    ['eventTime'],
    ['eventSource'],
    ['eventName'],
    ['userIdentity', 'type'],
  ];
  const NULLS: Record<string, (e: NonNullable<ReturnType<typeof eventOf>>) => unknown> = {
    errorCode: (e) => e.errorCode,
    recipientAccountId: (e) => e.recipientAccountId,
    requestParameters: (e) => e.requestParameters,
    'userIdentity.arn': (e) => e.identity.arn,
    'userIdentity.accountId': (e) => e.identity.accountId,
    'userIdentity.sessionContext': (e) => e.identity.issuerArn,
    'userIdentity.sessionContext.sessionIssuer.arn': (e) => e.identity.issuerArn,
    'userIdentity.sessionContext.sessionIssuer.type': (e) => e.identity.issuerType,
  };
  const eventOf = (r: unknown) => {
    const got = readTrailRecord(r);
    return got.kind === 'event' ? got.event : null;
  };

  it('the valid record is an event', () => expect(eventOf(record)).not.toBeNull());

  it.each(pathsOf(record).map((p) => [p.join('.'), p] as const))('%s', (_name, path) => {
    const original = valueAt(record, path);
    for (const [label, value] of WRONG) {
      const context = `${path.join('.')} = ${label}`;
      const mutated = replaced(record, path, value);
      const got = readTrailRecord(mutated);
      // The lookup-events form (the record as a JSON string) reads the same.
      expect(readTrailRecord({ CloudTrailEvent: JSON.stringify(mutated) }), context).toEqual(got);
      if (got.kind === 'error') {
        expect(got.reason, context).not.toMatch(/[\r\n]/);
        expect(got.reason, context).not.toContain(String.fromCharCode(0x1b));
      }
      if (path[0] === 'eventType') continue; // another eventType is a non-API record, skipped on purpose
      if (REQUIRED.some((r) => startsWith(r, path))) {
        if (!sameType(value, original)) expect(got.kind, context).toBe('error');
      } else {
        expect(got.kind, context).toBe('event');
        const model = NULLS[path.join('.')];
        if (model && !sameType(value, original) && got.kind === 'event')
          expect(model(got.event), context).toBeNull();
      }
    }
  });
});
