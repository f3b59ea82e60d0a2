// The fast path for CloudTrail delivery files (trail-scan.ts: a WebAssembly scanner instead of JSON.parse)
// must give exactly what JSON.parse gives, or nothing at all. For any UTF-8 text without a byte-order mark,
// `scanTrailRecords` either returns null and hands over no record (always when the text is not JSON: the
// caller then parses it as before, with the same errors), or returns the record count of a `{"Records":[…]}`
// document and hands over, in order and once each, what `readTrailRecord` makes of each parsed record.
// Checked on the Stratus Red Team recordings, the demo generator's trail, hand-built raw text (repeated keys,
// escaped and look-alike keys, every kind of whitespace, deep nesting), generated hostile records and every
// kind of invalid JSON; and end to end through `scanCloudTrailFile` against `trailEventsOf(JSON.parse(…))`.
// Realistic plain files must take the fast path (non-null): otherwise it is useless.
// Only behaviour is specified (through scanTrailRecords and scanCloudTrailFile), so the scanner's internals
// may change freely.
import { isUtf8 } from 'node:buffer';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/shared-data.js';
import { generateDemo } from '../demo/generate.js';
import type { TrailEvent, TrailRecord } from './cloudtrail.js';
import { readTrailRecord, trailDocument } from './cloudtrail.js';
import type { TrailFileScan } from './cloudtrail-file.js';
import { scanCloudTrailFile, trailEventsOf } from './cloudtrail-file.js';
import { plainEvent, plainRecord } from './test-utils/trail-events.js';
import { scanTrailRecords } from './trail-scan.js';

/** A number (or any literal) written exactly as given: `1e400`, `-0`, which JSON.stringify cannot write. */
class Lit {
  constructor(readonly text: string) {}
}
const lit = (t: string): Lit => new Lit(t);

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Lit);

// ---------------------------------------------------------------------------------------------------------
// The specification, as one check

/** A plain trail file scanned between a scan and the reading of its events: state must not leak. */
const OTHER_FILE = Buffer.from(
  JSON.stringify({
    Records: [1, 2, 3].map((i) => ({
      eventVersion: '1.08',
      userIdentity: {
        type: 'IAMUser',
        arn: `arn:aws:iam::210987654321:user/u${i}`,
        accountId: '210987654321',
      },
      eventTime: '2025-01-02T03:04:05Z',
      eventSource: 'ec2.amazonaws.com',
      eventName: 'DescribeInstances',
      requestParameters: { other: i, filterSet: { items: [{ name: 'x', valueSet: {} }] } },
      eventID: `other-${i}`,
    })),
  }),
);

/**
 * Checks the specification on one text (UTF-8, no byte-order mark) and returns what `scanTrailRecords` did.
 * When JSON.parse throws: null, nothing handed over. When a count: the text is `{"Records":[…]}` with that
 * many records, each handed over once, in order, as `readTrailRecord` reads the parsed record.
 */
function checkSpec(input: string | Buffer, what = 'text'): number | null {
  const text = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  let parsed: unknown;
  let parses = true;
  try {
    parsed = JSON.parse(text.toString('utf8'));
  } catch {
    parses = false;
  }
  const handed: { i: number; r: TrailRecord }[] = [];
  const n = scanTrailRecords(text, (r, i) => {
    handed.push({ i, r });
  });
  if (!parses) expect(n, `${what}: not JSON, must be null`).toBeNull();
  if (n === null) {
    expect(handed.length, `${what}: null, yet records were handed over`).toBe(0);
    return null;
  }
  expect(
    isObj(parsed) && Object.keys(parsed),
    `${what}: a count for a document other than {"Records"}`,
  ).toEqual(['Records']);
  const records = (parsed as { Records: unknown }).Records;
  if (!Array.isArray(records)) throw new Error(`${what}: a count, yet Records is not an array`);
  expect(n, `${what}: record count`).toBe(records.length);
  expect(
    handed.map((h) => h.i),
    `${what}: record indexes`,
  ).toEqual(records.map((_r, i) => i));
  // Events are kept and read later (usage analysis reads requestParameters afterwards): read them only after
  // another file was scanned.
  scanTrailRecords(OTHER_FILE, () => undefined);
  for (let i = 0; i < n; i++) {
    expect(plainRecord((handed[i] as { r: TrailRecord }).r), `${what}: record ${i}`).toStrictEqual(
      plainRecord(readTrailRecord(records[i])),
    );
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------
// Raw JSON text, token by token

/** JSON text: a literal's raw text, an array, or an object whose keys are raw text (repeatable, escapable). */
type Raw = string | { a: Raw[] } | { o: Entry[] };
type Entry = [string, Raw];

/** Renders `v` with `gap()` whitespace between every two tokens. */
function render(v: Raw, gap: () => string): string {
  if (typeof v === 'string') return v;
  const parts: string[] = [];
  if ('a' in v) {
    for (const x of v.a) parts.push(gap() + render(x, gap) + gap());
    return `[${parts.length === 0 ? gap() : parts.join(',')}]`;
  }
  for (const [k, x] of v.o) parts.push(`${gap()}${k}${gap()}:${gap()}${render(x, gap)}${gap()}`);
  return `{${parts.length === 0 ? gap() : parts.join(',')}}`;
}

const noGap = (): string => '';
const textOf = (v: Raw, gap: () => string = noGap): string => gap() + render(v, gap) + gap();

/** Whitespace strings used in turn. */
function gaps(ws: string[]): () => string {
  let i = 0;
  return () => ws[i++ % ws.length] ?? '';
}

/**
 * `JSON.stringify(s)`, with other spellings of the same string when `mode` asks: bit 1 writes `/` as `\/`,
 * bit 2 writes every third ASCII character as a `\u` escape (upper- or lower-case hex).
 */
function escaped(s: string, mode: number): string {
  const q = JSON.stringify(s);
  if (mode === 0) return q;
  let out = '"';
  let n = 0;
  for (let i = 1; i < q.length - 1; i++) {
    const c = q[i] as string;
    if (c === '\\') {
      const len = q[i + 1] === 'u' ? 6 : 2;
      out += q.slice(i, i + len);
      i += len - 1;
      continue;
    }
    n++;
    const code = c.charCodeAt(0);
    if (c === '/' && (mode & 1) !== 0) out += '\\/';
    else if ((mode & 2) !== 0 && n % 3 === 0 && code < 0x80) {
      const hex = code.toString(16).padStart(4, '0');
      out += `\\u${n % 2 === 0 ? hex : hex.toUpperCase()}`;
    } else out += c;
  }
  return `${out}"`;
}

/** A JavaScript value (with {@link Lit} literals) as raw JSON; string values spelled per `mode`. */
function toRaw(v: unknown, mode: number): Raw {
  if (v instanceof Lit) return v.text;
  if (typeof v === 'string') return escaped(v, mode);
  if (Array.isArray(v)) return { a: v.map((x) => toRaw(x, mode)) };
  if (isObj(v)) return { o: Object.entries(v).map(([k, x]): Entry => [JSON.stringify(k), toRaw(x, mode)]) };
  return JSON.stringify(v) ?? 'null';
}

const recordsFile = (records: Raw[]): Raw => ({ o: [['"Records"', { a: records }]] });

// ---------------------------------------------------------------------------------------------------------
// Realistic records

const ACCOUNT = '123456789012';
const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/alice`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app`;
const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/app/session`;
const IAM_USER = {
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLE',
  arn: USER_ARN,
  accountId: ACCOUNT,
  userName: 'alice',
};

/** A data event by an assumed role, as CloudTrail writes one (every field usage analysis reads is set). */
const BASE_RECORD: Record<string, unknown> = {
  eventVersion: '1.09',
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLE:session',
    arn: SESSION_ARN,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLE',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLE',
        arn: ROLE_ARN,
        accountId: ACCOUNT,
        userName: 'app',
      },
      webIdFederationData: {},
      attributes: { creationDate: '2024-08-01T10:00:00Z', mfaAuthenticated: 'false' },
    },
  },
  eventTime: '2024-08-01T12:34:56Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.7',
  userAgent: '[aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0 exe/x86_64.amzn.2023 prompt/off command/s3.cp]',
  requestParameters: { bucketName: 'b', key: 'k/x.txt', Host: 'b.s3.us-east-1.amazonaws.com' },
  responseElements: null,
  requestID: 'EXAMPLE1234567890',
  eventID: '0b3c1d8e-1111-4a2b-9c3d-000000000001',
  readOnly: true,
  resources: [
    { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::b/k/x.txt' },
    { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::b' },
  ],
  eventType: 'AwsApiCall',
  managementEvent: false,
  recipientAccountId: ACCOUNT,
  eventCategory: 'Data',
};

// ---------------------------------------------------------------------------------------------------------
// Test data: real recordings and the demo generator's trail

const STRATUS_DIR = path.join(SHARED_DATA, 'cloudtrail', 'stratus-red-team');
const STRATUS = readdirSync(STRATUS_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((name) => ({
    name,
    records: JSON.parse(readFileSync(path.join(STRATUS_DIR, name), 'utf8')) as unknown[],
  }));

const TMP = mkdtempSync(path.join(tmpdir(), 'iamrisk-trail-scan-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** The `.json.gz` trail files of a demo org of about fifty principals (written once, in beforeAll). */
let demoFiles: string[] = [];
beforeAll(async () => {
  const dir = path.join(TMP, 'demo');
  await generateDemo({ outDir: dir, principals: 50, cloudtrail: true });
  demoFiles = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json.gz'))
    .sort()
    .map((f) => path.join(dir, f));
});

// ---------------------------------------------------------------------------------------------------------

describe('scanTrailRecords on real and realistic trails (must take the fast path)', () => {
  it('reads every Stratus Red Team recording as {"Records":[…]}, compact and indented, like JSON.parse', () => {
    expect(STRATUS.length).toBeGreaterThanOrEqual(30);
    for (const { name, records } of STRATUS) {
      for (const indent of [undefined, 2]) {
        const text = JSON.stringify({ Records: records }, null, indent);
        expect(checkSpec(text, `${name} (indent ${String(indent)})`), name).toBe(records.length);
      }
    }
  });

  it('leaves the recordings as they are stored (top-level arrays) to JSON.parse', () => {
    for (const { name } of STRATUS) {
      expect(checkSpec(readFileSync(path.join(STRATUS_DIR, name)), name)).toBeNull();
    }
  });

  it("reads every file of the demo generator's trail like JSON.parse", () => {
    expect(demoFiles.length).toBeGreaterThan(20);
    let records = 0;
    for (const file of demoFiles) {
      const n = checkSpec(gunzipSync(readFileSync(file)), path.basename(file));
      expect(n, file).not.toBeNull();
      records += n ?? 0;
    }
    expect(records).toBeGreaterThan(100);
  });

  it('reads realistic records whose values are escaped, non-ASCII or spread over whitespace', () => {
    const records = [
      BASE_RECORD,
      {
        ...BASE_RECORD,
        eventID: 'e2',
        userIdentity: IAM_USER,
        errorCode: 'AccessDenied',
        eventName: 'PutObject',
      },
      {
        ...BASE_RECORD,
        eventID: 'e3',
        requestParameters: { key: 'é/😀/"q"/\\/\u2028', n: [1.5e300, -0, null] },
      },
    ];
    for (const mode of [0, 1, 2, 3]) {
      for (const ws of [[''], [' '], ['\n', '  ', '\t', '\r\n']]) {
        const text = textOf(recordsFile(records.map((r) => toRaw(r, mode))), gaps(ws));
        expect(checkSpec(text, `mode ${mode}, whitespace ${JSON.stringify(ws)}`)).toBe(3);
      }
    }
  });

  it('reads an empty trail file', () => {
    expect(checkSpec('{"Records":[]}')).toBe(0);
    expect(checkSpec(' \n{ "Records" : [ ] }\r\n\t')).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property (a): realistic records whose fields take hostile values

const KEEP = Symbol('keep');
const DELETE = Symbol('delete');

const strangeString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'a"b',
    'back\\slash',
    '\u0000\u0001\u001f\u007f',
    'a/b/c',
    'é',
    'Ω≈ç√',
    '😀',
    '\u2028\u2029',
    '\ud800',
    'x\udc00y',
    'x'.repeat(2048),
    'null',
    '{"eventName":"x"}',
  ),
  fc.string({ unit: 'binary', maxLength: 24 }),
);
const strangeNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(
    lit('1e400'),
    lit('-1e400'),
    lit('-0'),
    lit('0.0'),
    lit('1E+2'),
    lit('2.5e-3'),
    lit('123456789012'),
    lit('12345678901234567890123'),
  ),
);
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  strangeString,
  strangeNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom([], {}, [1, 'x'], { eventName: 'Nested', userIdentity: { type: 'Root', arn: USER_ARN } }),
);
/** Some realistic (valid or nearly valid) values, or any hostile one. */
const pool = (...values: unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: hostile });

const ARNS = [
  USER_ARN,
  ROLE_ARN,
  SESSION_ARN,
  `arn:aws-cn:iam::${ACCOUNT}:role/x`,
  `arn:aws-us-gov:iam::${ACCOUNT}:user/é`,
  'arn:aws:iam::aws:policy/AdministratorAccess',
  'arn:aws:s3:::bucket/key with space',
  `arn:aws:iam::${ACCOUNT}:user/a\u0001b`,
  `arn:aws:iam::${ACCOUNT}:user/\u007f`,
  `arn:aws:iam::${ACCOUNT}:user/x\u2028`,
  'arn:aws:iam::12345678901:user/x',
  `arn:aws:iam::${ACCOUNT}:`,
  `arn:aws:iam::${ACCOUNT}:${'r'.repeat(1000)}`,
  `arn:aws:iam::${ACCOUNT}:${'r'.repeat(1001)}`,
  `ARN:aws:iam::${ACCOUNT}:user/x`,
];
const INNER_EVENT = { ...BASE_RECORD, eventName: 'InnerEvent', eventID: 'inner-id' };

/** CloudTrail's time form with one character changed to any ASCII one. */
const nearTime = fc
  .tuple(fc.nat(19), fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }))
  .map(([at, c]) => {
    const t = '2024-08-01T12:34:56Z';
    return t.slice(0, at) + c + t.slice(at + 1);
  });

/** The field paths a record may change, outer before inner, and the values each may take. */
const FIELD_CHANGES: [string[], fc.Arbitrary<unknown>][] = [
  [['eventID'], fc.oneof(fc.uuid(), pool('', 'x'.repeat(128), 'x'.repeat(129), 42))],
  [
    ['eventTime'],
    fc.oneof(
      { weight: 2, arbitrary: nearTime },
      {
        weight: 1,
        arbitrary: pool(
          '2024-08-01T00:00:00Z',
          '2024-08-01T23:59:59Z',
          '2024-08-01T12:34:56.789Z',
          '2024-08-01T12:34:56+02:00',
          '2013-01-01T00:00:00Z',
          '2012-12-31T23:59:59Z',
          '2024-02-30T10:00:00Z',
          '2024-08-01T24:00:00Z',
          '2024-08-01T12:60:00Z',
          '2024-08-01 12:34:56',
          '２０２４-08-01T00:00:00Z',
          'August 1, 2024',
          '1722500000000',
          1722500000000,
          'x'.repeat(41),
        ),
      },
    ),
  ],
  [
    ['eventSource'],
    pool('iam.amazonaws.com', 'S3.amazonaws.com', 's3 .amazonaws.com', '-s3', 'a'.repeat(129)),
  ],
  [['eventName'], pool('ListBuckets', 'Get Object', 'Get"Object', '_x', 'ListFunctions20150331', 'Ünïcode')],
  [
    ['eventType'],
    pool('AwsApiCall', 'AwsConsoleSignIn', 'AwsCloudTrailInsight', 'AwsServiceEvent', 'awsapicall', 1),
  ],
  [['errorCode'], pool('AccessDenied', 'Client.UnauthorizedOperation', '', 'E'.repeat(300))],
  [['managementEvent'], pool(true, false, 'false', 'true', 0)],
  [['eventCategory'], pool('Data', 'Management', 'data', 'Insight', 'NetworkActivity')],
  [
    ['recipientAccountId'],
    pool(ACCOUNT, '12345678901', '1234567890123', 123456789012, '１２３４５６７８９０１２', ` ${ACCOUNT}`),
  ],
  [
    ['requestParameters'],
    pool(
      { bucketName: 'b', key: 'k' },
      { policyDocument: '{"Version":"2012-10-17","Statement":[]}' },
      {},
      null,
      'string',
      [1, 2],
      { a: { b: [{ c: null }] } },
      { eventName: 'Nested', eventID: 'n', userIdentity: { type: 'Root', arn: USER_ARN } },
    ),
  ],
  [
    ['resources'],
    pool(
      [{ ARN: 'arn:aws:s3:::b', type: 'AWS::S3::Bucket' }],
      { ARN: 'arn:aws:s3:::b' },
      [{ type: 'AWS::S3::Bucket' }],
      [{ ARN: 5 }, { arn: 'arn:aws:s3:::lower' }],
      [null, 'arn:aws:s3:::b', { ARN: 'arn:aws:s3:::c' }, { ARN: 'arn:aws:s3:::d', userIdentity: IAM_USER }],
      Array.from({ length: 120 }, (_x, i) => ({ ARN: `arn:aws:s3:::b${i}` })),
      [],
    ),
  ],
  [
    ['userIdentity'],
    pool(IAM_USER, { type: 'Root', arn: `arn:aws:iam::${ACCOUNT}:root` }, {}, 'IAMUser', [IAM_USER]),
  ],
  [
    ['userIdentity', 'type'],
    pool('IAMUser', 'AssumedRole', 'Root', 'AWSService', '', 'Assumed Role', 'x'.repeat(129)),
  ],
  [['userIdentity', 'arn'], pool(...ARNS)],
  [['userIdentity', 'accountId'], pool(ACCOUNT, '12345', 123456789012)],
  [
    ['userIdentity', 'sessionContext'],
    pool({ sessionIssuer: { type: 'Role', arn: ROLE_ARN } }, { attributes: {} }, [], 'context'),
  ],
  [
    ['userIdentity', 'sessionContext', 'sessionIssuer'],
    pool({ type: 'Role', arn: ROLE_ARN }, { arn: ROLE_ARN }, { type: 'Role' }, 'issuer', []),
  ],
  [['userIdentity', 'sessionContext', 'sessionIssuer', 'type'], pool('Role', 'IAMUser', '', 'Ro le')],
  [['userIdentity', 'sessionContext', 'sessionIssuer', 'arn'], pool(...ARNS)],
  [['insightDetails'], pool({ state: 'Start' }, null)],
  [
    ['CloudTrailEvent'],
    pool(
      JSON.stringify(INNER_EVENT),
      JSON.stringify({ ...INNER_EVENT, CloudTrailEvent: JSON.stringify(INNER_EVENT) }),
      '{not json',
      '[]',
      '"x"',
    ),
  ],
];
/** Fields absent from the base record: rarely added (they send the record down a slower path). */
const RARE = new Set(['insightDetails', 'CloudTrailEvent']);

function setPath(root: Record<string, unknown>, p: string[], v: unknown): void {
  let o: unknown = root;
  for (const k of p.slice(0, -1)) o = isObj(o) ? o[k] : undefined;
  if (!isObj(o)) return;
  const last = p[p.length - 1] as string;
  if (v === DELETE) delete o[last];
  else o[last] = v instanceof Lit ? v : structuredClone(v);
}

const hostileRecord: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    ...FIELD_CHANGES.map(([p, values]) =>
      fc.oneof(
        { weight: RARE.has(p[0] as string) ? 40 : 10, arbitrary: fc.constant<unknown>(KEEP) },
        { weight: 1, arbitrary: fc.constant<unknown>(DELETE) },
        { weight: 3, arbitrary: values },
      ),
    ),
  )
  .map((changes) => {
    const r = structuredClone(BASE_RECORD);
    changes.forEach((c, i) => {
      if (c !== KEEP) setPath(r, (FIELD_CHANGES[i] as [string[], unknown])[0], c);
    });
    return r;
  });

const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r'), maxLength: 4 });

const hostileFile = fc
  .record({
    records: fc.array(hostileRecord, { maxLength: 6 }),
    // Mostly JSON.stringify's own spelling: escapes send most fields down the slower path.
    mode: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(3) }),
    ws: fc.option(fc.array(whitespace, { minLength: 1, maxLength: 6 }), { nil: undefined }),
  })
  .map(({ records, mode, ws }) =>
    textOf(recordsFile(records.map((r) => toRaw(r, mode))), ws === undefined ? noGap : gaps(ws)),
  );

describe('property: realistic records with hostile values are read as JSON.parse reads them', () => {
  it('holds for every generated file (and most take the fast path)', () => {
    let runs = 0;
    let fast = 0;
    fc.assert(
      fc.property(hostileFile, (text) => {
        runs++;
        if (checkSpec(text) !== null) fast++;
      }),
      { numRuns: 300, seed: 20261125 },
    );
    // Otherwise the property proves nothing about the fast path.
    expect(fast).toBeGreaterThan(runs / 2);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property (b): hand-built raw text (repeated keys at every level, look-alike and escaped keys, whitespace)

const ARNS_RAW = [
  `"${USER_ARN}"`,
  `"${ROLE_ARN}"`,
  `"${SESSION_ARN}"`,
  `"arn:aws:iam::${ACCOUNT}:user\\/escaped"`,
  `"arn:aws:iam::${ACCOUNT}:user/\\u00e9"`,
  `"arn:aws:iam::${ACCOUNT}:user/a\\u0001"`,
  '"not an arn"',
];
const TYPES_RAW = [
  '"IAMUser"',
  '"AssumedRole"',
  '"Role"',
  '"Root"',
  '""',
  '"Assumed Role"',
  '"Assumed\\u0052ole"',
];
const ACCOUNTS_RAW = [`"${ACCOUNT}"`, '"12345678901"', ACCOUNT, '"12345678901\\u0032"'];
const RAW_ANY = fc.constantFrom<Raw>(
  '""',
  '"a\\"b"',
  '"back\\\\slash"',
  '"\\u0000\\u001f"',
  '"\\/"',
  '"é"',
  '"😀"',
  '"\\ud800"',
  '"\\udc00\\ud800"',
  '"\\u2028"',
  '"\\b\\f\\n\\r\\t"',
  '"\\u00E9"',
  '0',
  '-0',
  '1e400',
  '-1.5E-3',
  ACCOUNT,
  'true',
  'false',
  'null',
  '[]',
  '{}',
  '[{"eventName":"Inner","userIdentity":{"type":"Root"}}]',
  `{"type":"IAMUser","arn":"${USER_ARN}"}`,
);
/** Mostly realistic raw values, or any. */
const rawOf = (...values: Raw[]): fc.Arbitrary<Raw> =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: RAW_ANY });

function entryFrom(table: [string, fc.Arbitrary<Raw>][]): fc.Arbitrary<Entry> {
  return fc.constantFrom(...table).chain(([key, value]) => value.map((v): Entry => [key, v]));
}

/** Extra entries of an object: usually from `table`; rarely from `rare` (escaped keys, slow-path keys). */
const extra = (
  table: [string, fc.Arbitrary<Raw>][],
  rare: [string, fc.Arbitrary<Raw>][],
): fc.Arbitrary<Entry> =>
  fc.oneof({ weight: 100, arbitrary: entryFrom(table) }, { weight: 1, arbitrary: entryFrom(rare) });

/** An object of `base` entries, with extra entries before (overridden by the base) and after (overriding it). */
const around = (base: fc.Arbitrary<Entry[]>, more: fc.Arbitrary<Entry>): fc.Arbitrary<Raw> =>
  fc
    .record({ pre: fc.array(more, { maxLength: 2 }), base, post: fc.array(more, { maxLength: 3 }) })
    .map(({ pre, base: b, post }) => ({ o: [...pre, ...b, ...post] }));

const issuerRaw = around(
  fc.constant<Entry[]>([
    ['"type"', '"Role"'],
    ['"arn"', `"${ROLE_ARN}"`],
    ['"accountId"', `"${ACCOUNT}"`],
  ]),
  extra(
    [
      ['"type"', rawOf(...TYPES_RAW)],
      ['"arn"', rawOf(...ARNS_RAW)],
      ['"accountId"', rawOf(...ACCOUNTS_RAW)],
      ['"userName"', RAW_ANY],
      ['"arn "', rawOf(...ARNS_RAW)],
      ['"ar"', rawOf(...ARNS_RAW)],
      ['"Arn"', rawOf(...ARNS_RAW)],
      ['"typ"', rawOf(...TYPES_RAW)],
      ['"types"', rawOf(...TYPES_RAW)],
      ['"sessionIssuer"', RAW_ANY],
    ],
    [
      ['"\\u0061rn"', rawOf(...ARNS_RAW)],
      ['"typ\\u0065"', rawOf(...TYPES_RAW)],
    ],
  ),
);
const sessionRaw = around(
  issuerRaw.map((issuer): Entry[] => [
    ['"sessionIssuer"', issuer],
    ['"attributes"', '{"mfaAuthenticated":"false"}'],
  ]),
  extra(
    [
      ['"sessionIssuer"', fc.oneof(issuerRaw, RAW_ANY)],
      ['"sessionIssue"', issuerRaw],
      ['"sessionIssuers"', issuerRaw],
      ['"type"', rawOf(...TYPES_RAW)],
      ['"arn"', rawOf(...ARNS_RAW)],
      ['"webIdFederationData"', RAW_ANY],
    ],
    [['"session\\u0049ssuer"', issuerRaw]],
  ),
);
const identityRaw = around(
  sessionRaw.map((session): Entry[] => [
    ['"type"', '"AssumedRole"'],
    ['"arn"', `"${SESSION_ARN}"`],
    ['"accountId"', `"${ACCOUNT}"`],
    ['"sessionContext"', session],
  ]),
  extra(
    [
      ['"type"', rawOf(...TYPES_RAW)],
      ['"arn"', rawOf(...ARNS_RAW)],
      ['"accountId"', rawOf(...ACCOUNTS_RAW)],
      ['"sessionContext"', fc.oneof(sessionRaw, RAW_ANY)],
      ['"sessionIssuer"', issuerRaw],
      ['"arn "', rawOf(...ARNS_RAW)],
      ['"accountI"', rawOf(...ACCOUNTS_RAW)],
      ['"sessionContexts"', sessionRaw],
      ['"eventName"', RAW_ANY],
      ['"userIdentity"', RAW_ANY],
      ['"principalId"', RAW_ANY],
    ],
    [
      ['"\\u0061rn"', rawOf(...ARNS_RAW)],
      ['"session\\u0043ontext"', sessionRaw],
    ],
  ),
);
const resourceRaw: fc.Arbitrary<Raw> = fc
  .array(
    entryFrom([
      [
        '"ARN"',
        rawOf('"arn:aws:s3:::b"', '"arn:aws:s3:::b\\/k"', '"arn:aws:s3:::\\u00e9"', '"arn:aws:s3:::b/é"'),
      ],
      ['"type"', rawOf('"AWS::S3::Bucket"')],
      ['"accountId"', rawOf(...ACCOUNTS_RAW)],
      ['"arn"', rawOf('"arn:aws:s3:::lower"')],
      ['"userIdentity"', identityRaw],
      ['"eventName"', RAW_ANY],
    ]),
    { maxLength: 4 },
  )
  .map((o) => ({ o }));
const requestParametersRaw: fc.Arbitrary<Raw> = fc.oneof(
  fc
    .array(
      entryFrom([
        ['"bucketName"', rawOf('"b"')],
        ['"k\\u0065y"', RAW_ANY],
        ['"eventName"', RAW_ANY],
        ['"eventID"', RAW_ANY],
        ['"userIdentity"', identityRaw],
        ['"requestParameters"', RAW_ANY],
        ['"__proto__"', RAW_ANY],
        ['"é"', RAW_ANY],
      ]),
      { maxLength: 4 },
    )
    .map((o) => ({ o })),
  fc.constantFrom<Raw>('null', '"params"', '[]', '{}', '[{"a":1}]', '1e400'),
);
const recordExtra = extra(
  [
    ['"eventID"', rawOf('"id-1"', '"id-2"', '"\\u0069d-3"')],
    [
      '"eventTime"',
      rawOf(
        '"2024-08-01T12:34:56Z"',
        '"2024-08-02T00:00:00Z"',
        '"2024-08-01T12:34:56.5Z"',
        '"2024\\u002d08-01T00:00:00Z"',
        '"2010-01-01T00:00:00Z"',
      ),
    ],
    [
      '"eventSource"',
      rawOf('"s3.amazonaws.com"', '"iam.amazonaws.com"', '"iam\\u002eamazonaws.com"', '"S3.x"'),
    ],
    ['"eventName"', rawOf('"A"', '"B"', '"Get\\u004fbject"', '"Get\\/Object"', '"Get Object"')],
    [
      '"eventType"',
      rawOf(
        '"AwsApiCall"',
        '"AwsConsoleSignIn"',
        '"AwsCloudTrailInsight"',
        '"AwsServiceEvent"',
        '"AwsApi\\u0043all"',
      ),
    ],
    ['"errorCode"', rawOf('"AccessDenied"', '""', '"Access\\"Denied"')],
    ['"managementEvent"', rawOf('false', 'true', '"false"')],
    ['"eventCategory"', rawOf('"Data"', '"Management"', '"D\\u0061ta"')],
    ['"recipientAccountId"', rawOf(...ACCOUNTS_RAW)],
    ['"requestParameters"', requestParametersRaw],
    [
      '"resources"',
      fc.oneof(
        fc.array(resourceRaw, { maxLength: 3 }).map((a) => ({ a })),
        RAW_ANY,
      ),
    ],
    ['"userIdentity"', fc.oneof(identityRaw, RAW_ANY)],
    ['"eventNam"', RAW_ANY],
    ['"eventNames"', RAW_ANY],
    ['"EventName"', RAW_ANY],
    ['"eventName "', RAW_ANY],
    ['"userIdentit"', identityRaw],
    ['"type"', rawOf(...TYPES_RAW)],
    ['"arn"', rawOf(...ARNS_RAW)],
    ['"sessionContext"', sessionRaw],
    ['"sessionIssuer"', issuerRaw],
    ['"Records"', fc.constant<Raw>('[]')],
    ['"__proto__"', fc.constant<Raw>('{"eventName":"Proto","eventID":"proto"}')],
  ],
  [
    ['"event\\u004eame"', rawOf('"Escaped"')],
    ['"\\u0065ventID"', rawOf('"escaped-id"')],
    ['"userIdentit\\u0079"', identityRaw],
    ['"eventNamé"', RAW_ANY],
    ['"insightDetails"', RAW_ANY],
    ['"CloudTrailEvent"', fc.constantFrom<Raw>(JSON.stringify(JSON.stringify(INNER_EVENT)), '"{"', '5')],
  ],
);
const rawRecord: fc.Arbitrary<Raw> = around(
  identityRaw.map((identity): Entry[] => [
    ['"eventVersion"', '"1.09"'],
    ['"userIdentity"', identity],
    ['"eventTime"', '"2024-08-01T12:34:56Z"'],
    ['"eventSource"', '"s3.amazonaws.com"'],
    ['"eventName"', '"GetObject"'],
    ['"awsRegion"', '"us-east-1"'],
    [
      '"userAgent"',
      '"aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0 exe/x86_64.amzn.2023 prompt/off command/s3.cp"',
    ],
    ['"requestParameters"', '{"bucketName":"b","key":"k"}'],
    ['"eventID"', '"0b3c1d8e-1111-4a2b-9c3d-000000000001"'],
    ['"eventType"', '"AwsApiCall"'],
    ['"managementEvent"', 'false'],
    ['"recipientAccountId"', `"${ACCOUNT}"`],
    ['"eventCategory"', '"Data"'],
  ]),
  recordExtra,
);

/** Document shapes around the records: the delivery form, and look-alikes JSON.parse reads differently. */
const SHAPES: Record<string, (records: Raw[]) => Raw> = {
  records: recordsFile,
  keyBefore: (r) => ({
    o: [
      ['"x"', '1'],
      ['"Records"', { a: r }],
    ],
  }),
  keyAfter: (r) => ({
    o: [
      ['"Records"', { a: r }],
      ['"x"', '{"Records":[]}'],
    ],
  }),
  repeated: (r) => ({
    o: [
      ['"Records"', { a: r }],
      ['"Records"', { a: r.slice(1) }],
    ],
  }),
  repeatedFirstNotArray: (r) => ({
    o: [
      ['"Records"', '{}'],
      ['"Records"', { a: r }],
    ],
  }),
  escapedKey: (r) => ({ o: [['"Re\\u0063ords"', { a: r }]] }),
  lowerCase: (r) => ({ o: [['"records"', { a: r }]] }),
  notArray: (r) => ({ o: [['"Records"', { o: r.map((x, i): Entry => [`"${i}"`, x]) }]] }),
  topArray: (r) => ({ a: r }),
  digest: (r) => ({
    o: [
      ['"Records"', { a: r }],
      ['"digestStartTime"', '"a"'],
      ['"digestEndTime"', '"b"'],
      ['"logFiles"', '[]'],
    ],
  }),
};
const SHAPE_NAMES = Object.keys(SHAPES);

const rawFile = fc
  .record({
    records: fc.array(rawRecord, { maxLength: 5 }),
    shape: fc.oneof(
      { weight: 4, arbitrary: fc.constant('records') },
      { weight: 1, arbitrary: fc.constantFrom(...SHAPE_NAMES) },
    ),
    ws: fc.option(fc.array(whitespace, { minLength: 1, maxLength: 8 }), { nil: undefined }),
  })
  .map(({ records, shape, ws }) => ({
    shape,
    text: textOf((SHAPES[shape] ?? recordsFile)(records), ws === undefined ? noGap : gaps(ws)),
  }));

describe('property: hand-built raw text is read as JSON.parse reads it', () => {
  it('holds with repeated, look-alike and escaped keys at every level and any whitespace', () => {
    let plain = 0;
    let fast = 0;
    fc.assert(
      fc.property(rawFile, ({ shape, text }) => {
        const n = checkSpec(text);
        if (shape === 'records') {
          plain++;
          if (n !== null) fast++;
        }
      }),
      { numRuns: 400, seed: 20261126 },
    );
    expect(fast).toBeGreaterThan(plain / 2);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Hand-written cases

/** A realistic record's entries (raw text, without braces); entries after them override them. */
const BASE_ENTRIES = render(toRaw(BASE_RECORD, 0), noGap).slice(1, -1);
/** A file of the realistic record and one record of `entries` after (overriding) the realistic entries. */
const withEntries = (entries: string): string =>
  `{"Records":[{${BASE_ENTRIES}},{${BASE_ENTRIES},${entries}}]}`;
/** The same, `entries` before the realistic ones (which override them). */
const entriesFirst = (entries: string): string =>
  `{"Records":[{${BASE_ENTRIES}},{${entries},${BASE_ENTRIES}}]}`;

const { eventType: _eventType, ...NO_EVENT_TYPE } = BASE_RECORD;
const ISSUER = `{"type":"Role","arn":"${ROLE_ARN}","accountId":"${ACCOUNT}"}`;
const HAND_CASES: [string, string][] = [
  ['eventName repeated: the last wins', withEntries('"eventName":"A","eventName":"B"')],
  ['eventName repeated, the last one invalid', withEntries('"eventName":"Good","eventName":"Bad Name"')],
  [
    'a second userIdentity without arn',
    withEntries(
      `"userIdentity":{"type":"IAMUser","arn":"${USER_ARN}","accountId":"${ACCOUNT}"},"userIdentity":{"type":"AssumedRole","accountId":"${ACCOUNT}"}`,
    ),
  ],
  ['userIdentity, then a string userIdentity', withEntries('"userIdentity":"IAMUser"')],
  ['a string userIdentity, then an object', entriesFirst('"userIdentity":"IAMUser"')],
  [
    'sessionContext repeated, the second without an issuer',
    withEntries(
      `"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":${ISSUER}},"sessionContext":{"attributes":{}}}`,
    ),
  ],
  [
    'sessionContext repeated, the second a string',
    withEntries(
      `"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":${ISSUER}},"sessionContext":"x"}`,
    ),
  ],
  [
    'sessionIssuer repeated, the second without arn',
    withEntries(
      `"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":${ISSUER},"sessionIssuer":{"type":"Role"}}}`,
    ),
  ],
  [
    'sessionIssuer repeated, the second an array',
    withEntries(
      `"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":${ISSUER},"sessionIssuer":[]}}`,
    ),
  ],
  [
    'issuer arn and type repeated',
    withEntries(
      `"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":{"arn":"${ROLE_ARN}","type":"Role","arn":"bad","type":"User"}}}`,
    ),
  ],
  [
    'requestParameters object, then null',
    withEntries('"requestParameters":{"a":1},"requestParameters":null'),
  ],
  [
    'requestParameters null, then an object',
    withEntries('"requestParameters":null,"requestParameters":{"b":[2]}'),
  ],
  [
    'requestParameters object, then a string',
    withEntries('"requestParameters":{"a":1},"requestParameters":"p"'),
  ],
  [
    'requestParameters object, then another',
    withEntries('"requestParameters":{"a":1},"requestParameters":{"c":3}'),
  ],
  [
    'requestParameters with repeated keys inside',
    withEntries('"requestParameters":{"a":1,"b":2,"a":{"x":3}}'),
  ],
  ['an escaped key spelling eventName', withEntries('"event\\u004eame":"Escaped"')],
  ['an escaped key spelling eventID', withEntries('"\\u0065ventID":"escaped-id"')],
  [
    'an escaped key in userIdentity',
    withEntries(`"userIdentity":{"type":"IAMUser","\\u0061rn":"${USER_ARN}"}`),
  ],
  [
    'an escaped key in sessionIssuer',
    withEntries(
      `"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":{"\\u0061rn":"${ROLE_ARN}"}}}`,
    ),
  ],
  ['an escaped key in requestParameters (not a field)', withEntries('"requestParameters":{"k\\u0065y":"v"}')],
  ['an escaped key in another field', withEntries('"tlsDetails":{"tls\\u0056ersion":"TLSv1.3"}')],
  ['a non-ASCII key in a record', withEntries('"eventNamé":"X","é":1')],
  [
    'keys that are prefixes or extensions of field names',
    withEntries(
      '"eventNam":"X","eventNames":"Y","EventName":"Z","eventName ":"W","userIdentit":{},"userIdentityX":1',
    ),
  ],
  [
    '"arn " and "ar" in userIdentity',
    withEntries(`"userIdentity":{"type":"IAMUser","arn ":"${USER_ARN}","ar":"${USER_ARN}"}`),
  ],
  [
    'identity field names at the record level',
    withEntries(
      `"type":"Root","arn":"${USER_ARN}","accountId":"${ACCOUNT}","sessionContext":{},"sessionIssuer":${ISSUER}`,
    ),
  ],
  [
    'record field names inside userIdentity',
    withEntries(
      `"userIdentity":{"type":"IAMUser","eventName":"X","eventID":"y","userIdentity":{"type":"Root"}}`,
    ),
  ],
  [
    'field names nested in requestParameters',
    withEntries(
      `"requestParameters":{"eventName":"Nested","eventID":"n","userIdentity":{"type":"Root","arn":"${USER_ARN}"}}`,
    ),
  ],
  [
    'field names nested in resources',
    withEntries(
      '"resources":[{"ARN":"arn:aws:s3:::b","userIdentity":{"type":"Root"},"eventName":"R","ARN":"arn:aws:s3:::c"}]',
    ),
  ],
  [
    'sessionIssuer directly in userIdentity',
    withEntries(`"userIdentity":{"type":"AssumedRole","sessionIssuer":${ISSUER}}`),
  ],
  [
    '"__proto__" keys',
    withEntries(
      `"__proto__":{"eventName":"P"},"userIdentity":{"type":"IAMUser","__proto__":{"arn":"${USER_ARN}"}}`,
    ),
  ],
  [
    'escaped and non-ASCII values',
    withEntries(
      `"eventName":"Get\\u004fbject","errorCode":"Acc\\"ess","recipientAccountId":"12345678901\\u0032","userIdentity":{"type":"IAM\\u0055ser","arn":"arn:aws:iam::${ACCOUNT}:user\\/x","accountId":"${ACCOUNT}"}`,
    ),
  ],
  ['a lone surrogate', withEntries('"errorCode":"\\ud800","requestParameters":{"k":"\\udc00"}')],
  [
    'raw DEL and non-ASCII in values',
    withEntries('"errorCode":"\u007f","eventName":"Ünïcode","userAgent":"é😀\u2028"'),
  ],
  [
    'managementEvent "false" as a string',
    withEntries('"managementEvent":"false","eventCategory":"Management"'),
  ],
  [
    'managementEvent false, eventCategory "Data" escaped',
    withEntries('"managementEvent":true,"eventCategory":"D\\u0061ta"'),
  ],
  ['numbers in string fields', withEntries('"eventID":1e400,"eventTime":-0,"eventSource":1.5E+3')],
  ['eventTime as a number', withEntries('"eventTime":1722500000000')],
  ['eventTime with a non-digit in the century', withEntries('"eventTime":"{024-08-01T12:35:00Z"')],
  [
    'eventTime with a non-digit in the year of the century',
    withEntries('"eventTime":"20x4-08-01T12:35:00Z"'),
  ],
  [
    "eventTime in CloudTrail's form with a day not in the calendar",
    withEntries('"eventTime":"2023-02-29T12:35:00Z"'),
  ],
  ['eventType absent', JSON.stringify({ Records: [NO_EVENT_TYPE, { ...NO_EVENT_TYPE, eventID: 'e2' }] })],
  ['eventType AwsConsoleSignIn', withEntries('"eventType":"AwsConsoleSignIn"')],
  ['eventType AwsCloudTrailInsight', withEntries('"eventType":"AwsCloudTrailInsight"')],
  ['eventType a number', withEntries('"eventType":1')],
  ['eventType null', withEntries('"eventType":null')],
  ['insightDetails present', withEntries('"insightDetails":{"state":"Start"}')],
  ['insightDetails null', withEntries('"insightDetails":null')],
  [
    'CloudTrailEvent holding a JSON event',
    withEntries(`"CloudTrailEvent":${JSON.stringify(JSON.stringify(INNER_EVENT))}`),
  ],
  ['CloudTrailEvent not JSON', withEntries('"CloudTrailEvent":"{not json"')],
  ['CloudTrailEvent not a string', withEntries('"CloudTrailEvent":{"eventName":"X"}')],
  ['resources as an object', withEntries('"resources":{"ARN":"arn:aws:s3:::b"}')],
  [
    'resources without ARN',
    withEntries('"resources":[{"type":"AWS::S3::Bucket"},null,"arn:aws:s3:::b",{"ARN":7}]'),
  ],
  ['userIdentity null', withEntries('"userIdentity":null')],
  ['userIdentity an array', withEntries(`"userIdentity":[{"type":"IAMUser","arn":"${USER_ARN}"}]`)],
  [
    'sessionContext an array',
    withEntries(`"userIdentity":{"type":"AssumedRole","sessionContext":[{"sessionIssuer":${ISSUER}}]}`),
  ],
  [
    'sessionIssuer a string',
    withEntries('"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":"role"}}'),
  ],
  [
    'records that are not objects',
    `{"Records":[1,"x",null,[],true,{${BASE_ENTRIES}},{${BASE_ENTRIES}},{${BASE_ENTRIES}}]}`,
  ],
  ['a record that is an empty object', `{"Records":[{},{${BASE_ENTRIES}},{${BASE_ENTRIES}}]}`],
  ['other top-level keys before Records', `{"x":1,"Records":[{${BASE_ENTRIES}}]}`],
  ['other top-level keys after Records', `{"Records":[{${BASE_ENTRIES}}],"x":1}`],
  ['Records repeated', `{"Records":[{${BASE_ENTRIES}}],"Records":[{${BASE_ENTRIES}},{${BASE_ENTRIES}}]}`],
  ['Records repeated, the first not an array', `{"Records":null,"Records":[{${BASE_ENTRIES}}]}`],
  ['Records repeated, the last not an array', `{"Records":[{${BASE_ENTRIES}}],"Records":{}}`],
  ['Records spelled with an escape', `{"Re\\u0063ords":[{${BASE_ENTRIES}}]}`],
  ['Records not an array', `{"Records":{"0":{${BASE_ENTRIES}}}}`],
  [
    'a digest-like document',
    `{"Records":[{${BASE_ENTRIES}}],"digestStartTime":"a","digestEndTime":"b","logFiles":[]}`,
  ],
  ['a top-level array', `[{${BASE_ENTRIES}}]`],
  ['lookup-events output', `{"Events":[{"CloudTrailEvent":${JSON.stringify(JSON.stringify(INNER_EVENT))}}]}`],
  [
    'whitespace of all four kinds between every token',
    textOf(
      recordsFile([toRaw(BASE_RECORD, 0), toRaw({ ...BASE_RECORD, userIdentity: IAM_USER }, 3)]),
      gaps([' ', '\t', '\n', '\r', ' \t\n\r', '']),
    ),
  ],
];

describe('hand-written edge cases are read as JSON.parse reads them', () => {
  const fast: string[] = [];
  it.each(HAND_CASES)('%s', (name, text) => {
    if (checkSpec(text, name) !== null) fast.push(name);
  });
  it('most of them take the fast path (the others fall back to JSON.parse)', () => {
    expect(fast.length).toBeGreaterThan(HAND_CASES.length / 2);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Invalid JSON

/** A small valid trail file (two records; escapes, non-ASCII, numbers of every form), written by hand. */
const SMALL =
  '{"Records":[{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::123456789012:assumed-role/app/s",' +
  '"accountId":"123456789012","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::123456789012:role\\/app"}}},' +
  '"eventTime":"2024-08-01T12:34:56Z","eventSource":"s3.amazonaws.com","eventName":"GetObject",' +
  '"requestParameters":{"key":"a\\"b\\\\c\\/é","n":-1.5e3,"m":0.25E+2,"z":0,"ok":true,"no":false,"none":null,"list":[1,{},[]]},' +
  '"eventID":"e1","managementEvent":false,"recipientAccountId":"123456789012"},' +
  '{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::123456789012:user/bob","accountId":"123456789012"},' +
  '"eventTime":"2024-08-01T12:35:00Z","eventSource":"iam.amazonaws.com","eventName":"CreateUser","errorCode":"AccessDenied",' +
  '"userAgent":"\\u0041WS Console 😀","eventID":"e2","resources":[{"ARN":"arn:aws:iam::123456789012:user/x"}]}]}';

/** Literals and fragments that are not JSON, tried as a value in several places. */
const NOT_JSON_VALUES = [
  '',
  '01',
  '-01',
  '00',
  '1.',
  '.5',
  '+1',
  '-',
  '1e',
  '1e+',
  '1.5.2',
  '1e5e5',
  '0x10',
  '1_000',
  '--1',
  'tru',
  'nul',
  'fals',
  'True',
  'NULL',
  'NaN',
  'Infinity',
  'undefined',
  "'x'",
  '"\\x"',
  '"\\u12G4"',
  '"\\u12"',
  '"\\U0041"',
  '"\\\'"',
  '"a\u0001b"',
  '"a\tb"',
  '"a\nb"',
  '"a\u001fb"',
  '"a\u0000b"',
  '"abc',
  '"\\',
  '"a"b"',
  '[1,]',
  '[,1]',
  '[1,,2]',
  '{"a":1,}',
  '{,}',
  '{"a"}',
  '{"a":}',
  '{"a" 1}',
  '{a:1}',
  "{'a':1}",
  '[1 2]',
  '{"a":1 "b":2}',
  '[',
  '{',
  ']',
  '}',
  '1 2',
  '[1]]',
  '{"a":1}}',
];

/** Places in a valid file where a value goes: `@` is replaced. */
const VALUE_PLACES = [
  withEntries('"requestParameters":{"v":@}'),
  withEntries('"eventName":@'),
  withEntries('"userIdentity":{"type":"IAMUser","arn":@}'),
  withEntries('"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":{"arn":@}}}'),
  withEntries('"x":[@]'),
  `{"Records":[{${BASE_ENTRIES}},@]}`,
];

describe('invalid JSON is never read (null, no record handed over)', () => {
  it('checks that the fixtures are what they claim', () => {
    expect(checkSpec(SMALL)).toBe(2);
    for (const place of VALUE_PLACES) expect(checkSpec(place.replace('@', '1'))).not.toBeNull();
  });

  it('refuses literals and fragments that are not JSON, wherever a value goes', () => {
    let invalid = 0;
    for (const place of VALUE_PLACES) {
      for (const v of NOT_JSON_VALUES) {
        const text = place.replace('@', () => v);
        // A few fragments are JSON in some places (`[]` from an empty value in an array): checked all the same.
        if (checkSpec(text, `${JSON.stringify(v)} in …${place.slice(-60)}`) === null) invalid++;
      }
    }
    expect(invalid).toBeGreaterThan(VALUE_PLACES.length * (NOT_JSON_VALUES.length - 3));
  });

  it('refuses broken documents', () => {
    const docs: [string, string][] = [
      ['empty', ''],
      ['blank', ' \n\t\r '],
      ['garbage after the closing brace', `${SMALL}x`],
      ['a second closing brace', `${SMALL}}`],
      ['a closing bracket after', `${SMALL}]`],
      ['a comma after', `${SMALL},`],
      ['a number after', `${SMALL} 0`],
      ['two documents back to back', SMALL + SMALL],
      ['two documents with a newline', `${SMALL}\n${SMALL}`],
      ['an empty object after', `${SMALL} {}`],
      ['a NUL byte after', `${SMALL}\u0000`],
      ['garbage before', `x${SMALL}`],
      ['a trailing comma after the last record', SMALL.replace(/\]\}$/, ',]}')],
      ['a trailing comma after Records', SMALL.replace(/\]\}$/, '],}')],
      ['a missing comma between records', SMALL.replace('},{"eventVersion"', '} {"eventVersion"')],
      ['a no-break space between tokens', SMALL.replace('{"Records":', '{\u00a0"Records":')],
      ['a form feed between tokens', SMALL.replace('"eventID":"e1",', '"eventID":"e1",\f')],
      ['a vertical tab between tokens', SMALL.replace('"eventID":"e1",', '"eventID":"e1",\u000b')],
      ['U+2028 between tokens', SMALL.replace('"eventID":"e1",', '"eventID":"e1",\u2028')],
      ['a raw newline in a string', SMALL.replace('GetObject', 'Get\nObject')],
      ['a raw tab in a key', SMALL.replace('"eventName"', '"event\tName"')],
      ['a single-quoted key', SMALL.replace('"eventName"', "'eventName'")],
      ['an unquoted key', SMALL.replace('"eventName"', 'eventName')],
      ['a comment', SMALL.replace('"eventID":"e1",', '"eventID":"e1",/* c */')],
      ['unclosed', '{"Records":[{}'],
      ['Records without a value', '{"Records":}'],
      ['Records without a colon', '{"Records" []}'],
      ['only the key', '{"Records"'],
      ['an unclosed Records array', '{"Records":['],
      ['an unclosed document', '{"Records":[]'],
      ['one brace too many', '{"Records":[]}}'],
    ];
    for (const [name, text] of docs) {
      expect(() => JSON.parse(text), name).toThrow();
      expect(checkSpec(text, name), name).toBeNull();
    }
  });

  it('reads valid documents of other shapes only as the spec allows', () => {
    for (const text of [
      '{}',
      '[]',
      'null',
      '0',
      '"Records"',
      '{"Records":null}',
      '{"Records":{}}',
      '{"Records":"x"}',
      '{"Records":1}',
      '{"records":[]}',
      '{"Events":[]}',
      '{"Records":[],"Records":[]}',
      '{"Records":[{}],"Records":[]}',
      '{"Records":[],"x":null}',
      '[{"Records":[]}]',
    ]) {
      checkSpec(text, text);
    }
  });

  it('refuses every truncation of a valid file', () => {
    const bytes = Buffer.from(SMALL);
    let checked = 0;
    for (let len = 0; len < bytes.length; len++) {
      const prefix = bytes.subarray(0, len);
      if (!isUtf8(prefix)) continue; // outside the input contract
      expect(checkSpec(prefix, `prefix of ${len} bytes`), `prefix of ${len} bytes`).toBeNull();
      checked++;
    }
    expect(checked).toBeGreaterThan(bytes.length - 10);
  });

  it('answers per the spec for every single-byte change of a valid file', () => {
    const bytes = Buffer.from(SMALL);
    const replacements = [...'{}[],:"\\ 0a-+.eE', '\u0001', '\t'].map((c) => c.charCodeAt(0));
    // Every failing change is listed (the first line of its failure), not only the first.
    const failures: string[] = [];
    for (let at = 0; at < bytes.length; at++) {
      for (const b of replacements) {
        if (bytes[at] === b) continue;
        const changed = Buffer.from(bytes);
        changed[at] = b;
        if (!isUtf8(changed)) continue; // outside the input contract
        const what = `byte ${at} ${JSON.stringify(String.fromCharCode(bytes[at] ?? 0))} → ${JSON.stringify(String.fromCharCode(b))}`;
        try {
          checkSpec(changed, what);
        } catch (e) {
          failures.push((e as Error).message.split('\n')[0] ?? what);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers per the spec for every character value at every place of a 16-byte step inside strings', () => {
    // Strings are stepped through 16 bytes at a time, stopping at `"`, `\\`, controls and non-ASCII bytes:
    // each of the first 256 code points, after 0 to 31 plain bytes, in a field that is read and in one skipped.
    const failures: string[] = [];
    for (let code = 0; code < 256; code++) {
      const c = String.fromCharCode(code);
      for (let before = 0; before < 32; before++) {
        const value = `${'a'.repeat(before)}${c}${'b'.repeat(20)}`;
        for (const [name, skipped] of [
          [value, 'x'],
          ['GetUser', value],
        ]) {
          const text =
            '{"Records":[{"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::123456789012:user/u",' +
            '"accountId":"123456789012"},"eventTime":"2024-08-01T12:34:56Z","eventSource":"iam.amazonaws.com",' +
            `"eventName":"${name}","requestParameters":{"x":"${skipped}"},"eventID":"e1"}]}`;
          const what = `code ${code} after ${before} bytes in ${skipped === 'x' ? 'eventName' : 'requestParameters'}`;
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          try {
            // A valid file of this shape is read here, never handed back to JSON.parse.
            expect(checkSpec(text, what), `${what}: record count`).toBe(valid ? 1 : null);
          } catch (e) {
            failures.push((e as Error).message.split('\n')[0] ?? what);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('property: random edits of generated files answer per the spec', () => {
    const ALPHABET = [...'{}[],:"\\ \t\n0123456789aeEflnrstu-+./', '\u0001', '\u0000', 'é'].map((c) =>
      Buffer.from(c),
    );
    const edit = fc.record({
      op: fc.constantFrom('insert', 'delete', 'replace', 'duplicate'),
      at: fc.nat(),
      len: fc.nat(40),
      with: fc.constantFrom(...ALPHABET),
    });
    fc.assert(
      fc.property(rawFile, fc.array(edit, { minLength: 1, maxLength: 3 }), ({ text }, edits) => {
        let b = Buffer.from(text);
        for (const e of edits) {
          const at = b.length === 0 ? 0 : e.at % b.length;
          const tail = b.subarray(at);
          if (e.op === 'insert') b = Buffer.concat([b.subarray(0, at), e.with, tail]);
          else if (e.op === 'delete')
            b = Buffer.concat([b.subarray(0, at), tail.subarray(Math.max(1, e.len % 4))]);
          else if (e.op === 'replace') b = Buffer.concat([b.subarray(0, at), e.with, tail.subarray(1)]);
          else
            b = Buffer.concat([b.subarray(0, at + e.len), tail.subarray(0, e.len), b.subarray(at + e.len)]);
        }
        fc.pre(isUtf8(b));
        checkSpec(b);
      }),
      { numRuns: 400, seed: 20261127 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Nesting and record density

describe('deep nesting', () => {
  const nestedArrays = (d: number): string => `${'['.repeat(d)}1${']'.repeat(d)}`;
  const nestedObjects = (d: number): string => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`;

  it('reads 100 levels in requestParameters (plain: the fast path)', () => {
    expect(checkSpec(withEntries(`"requestParameters":{"a":${nestedArrays(100)}}`))).toBe(2);
    expect(checkSpec(withEntries(`"requestParameters":${nestedObjects(100)}`))).toBe(2);
  });

  it('answers per the spec, without crashing, for 600 levels', () => {
    checkSpec(withEntries(`"requestParameters":{"a":${nestedArrays(600)}}`));
    checkSpec(withEntries(`"requestParameters":${nestedObjects(600)}`));
    checkSpec(withEntries(`"userIdentity":{"type":"IAMUser","x":${nestedArrays(600)}}`));
    checkSpec(
      withEntries(
        `"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":{"x":${nestedArrays(600)}}}}`,
      ),
    );
    checkSpec(`{"Records":[${nestedArrays(600)},{${BASE_ENTRIES}}]}`);
  });

  it('answers per the spec around any depth limit (490 to 530 levels)', () => {
    for (let d = 490; d <= 530; d++) {
      checkSpec(withEntries(`"requestParameters":{"a":${nestedArrays(d)}}`), `depth ${d}`);
      checkSpec(
        withEntries(`"userIdentity":{"type":"IAMUser","x":${nestedObjects(d)}}`),
        `depth ${d} in userIdentity`,
      );
    }
  });

  it('answers per the spec for 100,000 levels', () => {
    checkSpec(withEntries(`"requestParameters":{"a":${nestedArrays(100_000)}}`));
    checkSpec(withEntries(`"requestParameters":{"a":${'['.repeat(100_000)}`));
  });
});

describe('scans from inside onRecord', () => {
  it('leave the outer scan as it was, even when they fill and reset any state the scanner keeps', () => {
    // Enough distinct ARNs to fill any table of strings kept across files.
    const big = Buffer.from(
      JSON.stringify({
        Records: Array.from({ length: 40_000 }, (_x, i) => ({
          ...BASE_RECORD,
          eventID: `big-${i}`,
          userIdentity: { ...IAM_USER, arn: `${USER_ARN}-${i}`, accountId: String(100_000_000_000 + i) },
          eventName: `Name${i}`,
        })),
      }),
    );
    const records = [1, 2, 3, 4].map((i) => ({
      ...BASE_RECORD,
      eventID: `outer-${i}`,
      eventName: `Outer${i % 2}`,
      userIdentity: { ...IAM_USER, arn: `${USER_ARN}-outer-${i}` },
    }));
    const text = Buffer.from(JSON.stringify({ Records: records }));
    const got: TrailRecord[] = [];
    const n = scanTrailRecords(text, (r, i) => {
      got.push(r);
      if (i === 0) expect(scanTrailRecords(big, () => undefined)).toBe(40_000);
      if (i === 1) expect(scanTrailRecords(OTHER_FILE, () => undefined)).toBe(3);
      if (i === 2) expect(scanTrailRecords(big, () => undefined)).toBe(40_000);
    });
    expect(n).toBe(4);
    expect(got.map(plainRecord)).toStrictEqual(records.map((r) => plainRecord(readTrailRecord(r))));
    expect(checkSpec(text)).toBe(4);
  });
});

describe('many small records', () => {
  it('answers per the spec for 10,000 empty records (and for tiny records of other kinds)', () => {
    for (const tiny of ['{}', '1', 'null', '[]', '""', '{"a":1}']) {
      checkSpec(`{"Records":[${Array.from({ length: 10_000 }, () => tiny).join(',')}]}`, tiny);
    }
  });

  it('answers per the spec for tiny records beside a big one, around any records-per-byte limit', () => {
    const tiny = Array.from({ length: 100 }, () => '{}').join(',');
    for (let pad = 9_000; pad <= 13_000; pad += 7) {
      checkSpec(`{"Records":[${tiny},{${BASE_ENTRIES},"pad":"${'p'.repeat(pad)}"}]}`, `pad ${pad}`);
    }
  });

  it('answers per the spec for many small real records (every one compared when read)', () => {
    const small = {
      eventID: 'x',
      eventTime: '2024-08-01T00:00:00Z',
      eventSource: 's3.amazonaws.com',
      eventName: 'A',
    };
    for (const count of [1, 10, 1000, 5000]) {
      checkSpec(JSON.stringify({ Records: Array.from({ length: count }, () => small) }), `${count} records`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// End to end: scanCloudTrailFile against the JSON.parse path

const MAX_BYTES = 256 * 1024 * 1024;

/** What the JSON.parse path gives for `text` (decompressed; a byte-order mark is stripped as the reader does). */
function referenceOf(
  file: string,
  text: Buffer,
): { result: ReturnType<typeof trailEventsOf>; records: number } {
  const raw: unknown = JSON.parse(text.toString('utf8').replace(/^\ufeff/, ''));
  return { result: trailEventsOf(file, raw), records: trailDocument(raw)?.records.length ?? 0 };
}

type Scanned = { scan: TrailFileScan; events: TrailEvent[]; read: unknown[] };

/**
 * Scans a file, keeping its events (compared later, after other files were scanned); a transient scan's
 * events are read during the call instead (the reader may rewrite the same object for the next record).
 */
async function scanFile(file: string, transient = false): Promise<Scanned> {
  const events: TrailEvent[] = [];
  const read: unknown[] = [];
  const scan = await scanCloudTrailFile(
    file,
    MAX_BYTES,
    (e) => {
      if (transient) read.push(plainEvent(e));
      else events.push(e);
    },
    { transient },
  );
  return { scan, events, read };
}

function expectSame(file: string, got: Scanned, text: Buffer): void {
  const { result: ref, records } = referenceOf(file, text);
  expect(got.scan.kind, file).toBe(ref.kind);
  if (got.scan.kind !== 'events' || ref.kind !== 'events') {
    expect(got.scan, file).toEqual(ref);
    return;
  }
  expect(got.scan.file).toBe(file);
  expect(got.scan.records, file).toBe(records);
  expect(got.scan.skipped, file).toEqual(ref.skipped);
  expect(got.scan.errors, file).toEqual(ref.errors);
  const events = got.events.length > 0 ? got.events.map(plainEvent) : got.read;
  expect(events, file).toStrictEqual(ref.events.map(plainEvent));
}

describe('scanCloudTrailFile gives what the JSON.parse path gives', () => {
  const dir = path.join(TMP, 'files');
  mkdirSync(dir, { recursive: true });
  const write = (name: string, data: string | Buffer): string => {
    const file = path.join(dir, name);
    writeFileSync(file, data);
    return file;
  };

  it('for every Stratus Red Team recording as a gzip delivery file, compact and indented', async () => {
    const files = STRATUS.flatMap(({ name, records }) =>
      [undefined, 2].map((indent) => {
        const text = Buffer.from(JSON.stringify({ Records: records }, null, indent));
        return { file: write(`${name}.${String(indent)}.json.gz`, gzipSync(text)), text };
      }),
    );
    const scanned: Scanned[] = [];
    for (const { file } of files) scanned.push(await scanFile(file));
    files.forEach(({ file, text }, i) => expectSame(file, scanned[i] as Scanned, text));
  });

  it('for every Stratus Red Team recording, with events read during the call (a transient scan)', async () => {
    const files = STRATUS.map(({ name, records }) => {
      const text = Buffer.from(JSON.stringify({ Records: records }));
      return { file: write(`${name}.transient.json.gz`, gzipSync(text)), text };
    });
    const scanned: Scanned[] = [];
    for (const { file } of files) scanned.push(await scanFile(file, true));
    files.forEach(({ file, text }, i) => expectSame(file, scanned[i] as Scanned, text));
    expect(scanned.reduce((n, s) => n + s.read.length, 0)).toBeGreaterThan(100);
  });

  it("for every file of the demo generator's trail, kept or read during the call", async () => {
    for (const file of demoFiles)
      expectSame(file, await scanFile(file, true), gunzipSync(readFileSync(file)));
    const scanned: Scanned[] = [];
    for (const file of demoFiles) scanned.push(await scanFile(file));
    let events = 0;
    demoFiles.forEach((file, i) => {
      const got = scanned[i] as Scanned;
      expectSame(file, got, gunzipSync(readFileSync(file)));
      events += got.events.length;
    });
    expect(events).toBeGreaterThan(100);
  });

  it('for a file with a UTF-8 byte-order mark, gzip or not', async () => {
    const text = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(JSON.stringify({ Records: STRATUS[0]?.records ?? [] })),
    ]);
    for (const [name, data] of [
      ['bom.json.gz', gzipSync(text)],
      ['bom.json', text],
    ] as const) {
      const file = write(name, data);
      const got = await scanFile(file);
      expect(got.scan.kind).toBe('events');
      expectSame(file, got, text);
    }
  });

  it('for an empty trail file', async () => {
    const text = Buffer.from('{"Records":[]}');
    const file = write('empty.json.gz', gzipSync(text));
    const got = await scanFile(file);
    expect(got.scan).toEqual({
      kind: 'events',
      file,
      records: 0,
      skipped: { nonApi: 0, insight: 0 },
      errors: [],
    });
    expectSame(file, got, text);
  });

  it('for files the fast path leaves to JSON.parse (other shapes, repeated Records, escaped keys)', async () => {
    const cases: [string, string][] = [
      ['key-after', `{"Records":[{${BASE_ENTRIES}}],"x":1}`],
      ['repeated', `{"Records":[{${BASE_ENTRIES}}],"Records":[{${BASE_ENTRIES}},{${BASE_ENTRIES}}]}`],
      ['escaped-key', withEntries('"event\\u004eame":"Escaped"')],
      ['array', `[{${BASE_ENTRIES}}]`],
      ['lookup', `{"Events":[{"CloudTrailEvent":${JSON.stringify(JSON.stringify(INNER_EVENT))}}]}`],
      ['digest', '{"digestStartTime":"a","digestEndTime":"b","logFiles":[]}'],
      ['not-cloudtrail', '{"UserDetailList":[]}'],
      ['tiny-records', `{"Records":[${Array.from({ length: 500 }, () => '{}').join(',')}]}`],
    ];
    for (const [name, text] of cases) {
      const file = write(`${name}.json.gz`, gzipSync(text));
      expectSame(file, await scanFile(file), Buffer.from(text));
    }
  });

  it('for a file of many unreadable records (the error list is capped the same way)', async () => {
    const bad = Array.from({ length: 30 }, (_x, i) => ({
      ...BASE_RECORD,
      eventID: i % 2 === 0 ? 7 : `id${i}`,
      eventName: 'Bad Name',
    }));
    const text = Buffer.from(
      JSON.stringify({ Records: [...bad, BASE_RECORD, { ...BASE_RECORD, eventType: 'AwsConsoleSignIn' }] }),
    );
    const file = write('bad.json.gz', gzipSync(text));
    const got = await scanFile(file);
    expect(got.scan.kind === 'events' && got.scan.errors.length).toBe(21);
    expectSame(file, got, text);
  });

  it('reports invalid JSON as before', async () => {
    for (const [name, text] of [
      ['invalid.json.gz', '{"Records":[{"a":]}'],
      ['truncated-text.json.gz', SMALL.slice(0, -3)],
      ['trailing.json.gz', `${SMALL}x`],
    ] as const) {
      const file = write(name, gzipSync(text));
      const got = await scanFile(file);
      expect(got.events).toEqual([]);
      expect(got.scan.kind, name).toBe('error');
      if (got.scan.kind === 'error') {
        expect(got.scan.error.where).toBe(file);
        expect(got.scan.error.reason.startsWith('invalid JSON'), got.scan.error.reason).toBe(true);
      }
    }
  });

  it('reports a truncated gzip file as before', async () => {
    const file = write('truncated.json.gz', gzipSync(SMALL).subarray(0, 40));
    const got = await scanFile(file);
    expect(got.events).toEqual([]);
    expect(got.scan).toMatchObject({
      kind: 'error',
      error: { where: file, reason: expect.stringMatching(/gzip/) },
    });
  });

  it('reports text that is not UTF-8 as before', async () => {
    const file = write('latin1.json.gz', gzipSync(Buffer.from(SMALL.replace('😀', ''), 'latin1')));
    const got = await scanFile(file);
    expect(got.events).toEqual([]);
    expect(got.scan).toMatchObject({ kind: 'error', error: { reason: expect.stringMatching(/not UTF-8/) } });
  });
});
