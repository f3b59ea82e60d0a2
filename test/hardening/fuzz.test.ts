/**
 * Property-based fuzzing (issue 8), fixed seeds and bounded runs: random JSON into every reader's `transform`
 * and into `inventoryFromRaw`, random policy documents and requests into `simulate`, random bytes (raw and
 * gzip'd) into `loadInputs` through temp files. No throw escapes; errors are data naming the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readTrailRecord } from '../../src/ingest/cloudtrail.js';
import * as credentialReport from '../../src/ingest/credential-report.js';
import * as ec2 from '../../src/ingest/ec2.js';
import { inventoryFromRaw } from '../../src/ingest/from-raw.js';
import * as gaad from '../../src/ingest/gaad.js';
import * as lambda from '../../src/ingest/lambda.js';
import { loadInputs } from '../../src/ingest/load.js';
import * as organization from '../../src/ingest/organization.js';
import { simulate } from '../../src/policy/simulate.js';

const FILE = '/fuzz/input.json';
const params = (seed: number, numRuns = 1000): fc.Parameters<unknown> => ({ seed, numRuns });
const key = fc.constantFrom(
  'UserDetailList',
  'GroupDetailList',
  'RoleDetailList',
  'Policies',
  'Reservations',
  'Instances',
  'Functions',
  'Organization',
  'Accounts',
  'Roots',
  'OrganizationalUnits',
  'Content',
  'Records',
  'Events',
  'UserName',
  'RoleName',
  'Arn',
  'AssumeRolePolicyDocument',
  'PolicyVersionList',
  'IsDefaultVersion',
  'Document',
  'Statement',
  'Effect',
  'Action',
  'Resource',
  'Principal',
  'Condition',
  'Id',
  'OwnerId',
  'InstanceId',
  'FunctionName',
  'FunctionArn',
  'Role',
  'PolicySummary',
  'Type',
  'eventName',
  'eventSource',
  'userIdentity',
);
const text = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'arn:aws:iam::100000000001:role/x',
    '2024-01-01T00:00:00Z',
    '*',
    'Allow',
    'Deny',
    '100000000001',
    'sts:AssumeRole',
    'us-east-1a',
    'i-0123456789abcdef0',
    '${aws:username}',
    '\u001b[2J',
  ),
);
/** JSON shaped like AWS exports: the known keys appear often, so fuzzing reaches deep into the readers. */
const awsish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(key, fc.string()), tie('value'), { maxKeys: 6 }),
  ),
})).value;
const doc = fc.dictionary(key, awsish, { minKeys: 1, maxKeys: 6 });

const READERS = { gaad, credentialReport, ec2, lambda, organization };

describe('fuzzing the readers', () => {
  it.each(Object.entries(READERS))('%s.transform never throws on any JSON', (_name, reader) => {
    fc.assert(
      fc.property(fc.oneof(doc, awsish, fc.jsonValue()), (raw) => {
        const t = reader.transform(raw, FILE);
        expect(Number.isInteger(t.records)).toBe(true);
        for (const e of t.errors) expect(e.where.startsWith(FILE)).toBe(true);
      }),
      params(8),
    );
  });

  it('inventoryFromRaw never throws, and names the file in every error', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(doc, awsish), { minLength: 1, maxLength: 3 }), (raws) => {
        const docs = raws.map((raw, i) => ({ file: `/fuzz/${i}.json`, raw }));
        const { inputs } = inventoryFromRaw(docs);
        for (const input of inputs)
          for (const e of input.errors) expect(e.where.startsWith(input.path)).toBe(true);
      }),
      params(9),
    );
  });

  it('readTrailRecord never throws and refuses records whose required fields are not text', () => {
    fc.assert(
      fc.property(fc.oneof(doc, awsish), (rec) => {
        const r = readTrailRecord(rec);
        expect(['event', 'skipped', 'error']).toContain(r.kind);
        if (r.kind === 'event') expect(typeof r.event.eventName).toBe('string');
      }),
      params(10, 1000),
    );
  });
});

const action = fc.oneof(
  fc.constantFrom(
    '*',
    's3:GetObject',
    's3:*',
    'iam:Pass*',
    'notaservice:DoThing',
    'ec2:?un*',
    'S3:getobject',
  ),
  fc.string(),
);
const stringOrList = (a: fc.Arbitrary<string>) => fc.oneof(a, fc.array(a, { maxLength: 3 }));
const statement = fc.record(
  {
    Sid: fc.oneof(fc.string(), fc.integer()),
    Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), fc.string()),
    Action: stringOrList(action),
    NotAction: stringOrList(action),
    Resource: stringOrList(
      fc.oneof(fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:iam::*:role/${aws:username}'), fc.string()),
    ),
    NotResource: stringOrList(fc.constant('arn:aws:s3:::b')),
    Principal: fc.oneof(fc.constant('*'), fc.record({ AWS: stringOrList(fc.string()) })),
    Condition: fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          'StringEquals',
          'StringLike',
          'ArnLike',
          'IpAddress',
          'DateGreaterThan',
          'NumericLessThan',
          'Bool',
          'Null',
          'ForAnyValue:StringLike',
          'StringEqualsIfExists',
        ),
        fc.string(),
      ),
      fc.dictionary(
        fc.oneof(fc.constantFrom('aws:username', 'aws:SourceIp', 'aws:CurrentTime'), fc.string()),
        fc.oneof(stringOrList(fc.string()), fc.integer(), fc.boolean()),
        { maxKeys: 2 },
      ),
      { maxKeys: 2 },
    ),
  },
  { requiredKeys: ['Effect'] },
);
const policy = fc.oneof(
  fc.record({
    Version: fc.constantFrom('2012-10-17', '2008-10-17'),
    Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 })),
  }),
  awsish,
);

describe('fuzzing the policy evaluator', () => {
  it('simulate never throws: a decision, or errors as data', () => {
    fc.assert(
      fc.property(
        fc.record({
          request: fc.record({
            principalArn: fc.oneof(fc.constant('arn:aws:iam::100000000001:user/alice'), fc.string()),
            action: fc.oneof(action, fc.constant('s3:GetObject')),
            resource: fc.oneof(fc.constant('arn:aws:s3:::b/k'), fc.string()),
            context: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string())), { maxKeys: 3 }),
          }),
          identityPolicies: fc.array(
            fc.oneof(
              policy,
              policy.map((p) => JSON.stringify(p)),
            ),
            { maxLength: 3 },
          ),
          boundary: fc.option(policy, { nil: undefined }),
          resourcePolicy: fc.option(policy, { nil: undefined }),
          scps: fc.option(fc.array(fc.array(policy, { maxLength: 2 }), { maxLength: 2 }), { nil: undefined }),
        }),
        (input) => {
          const r = simulate(input);
          if (r.kind === 'error') {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) expect(typeof e.message).toBe('string');
          } else expect(r.kind).toBe('ok');
        },
      ),
      params(11, 500),
    );
  });

  it('simulate never throws on any value at all', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => void simulate(input)),
      params(12, 300),
    );
  });
});

describe('fuzzing loadInputs with bytes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;

  it('random bytes, random gzip, and mutated real exports never make loadInputs reject', async () => {
    const seedDoc = Buffer.from(
      JSON.stringify({ UserDetailList: [{ UserName: 'a', Arn: 'arn:aws:iam::100000000001:user/a' }] }),
    );
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array(gzipSync(b))),
      fc.tuple(fc.nat(seedDoc.length - 1), fc.integer({ min: 0, max: 255 })).map(([i, v]) => {
        const b = Buffer.from(seedDoc);
        b[i] = v;
        return new Uint8Array(b);
      }),
      fc.nat(200).map((cut) => new Uint8Array(gzipSync(seedDoc).subarray(0, cut))),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const file = path.join(dir, `f${n++}.json`);
        writeFileSync(file, b);
        const { inputs } = await loadInputs([file]);
        expect(inputs).toHaveLength(1);
        for (const e of inputs[0]!.errors) {
          expect(e.where.startsWith(file)).toBe(true);
          expect(e.reason.length).toBeGreaterThan(0);
        }
        rmSync(file);
      }),
      params(13, 300),
    );
  });
});
