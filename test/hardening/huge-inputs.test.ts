/**
 * Huge inputs stay within bounded memory: a CloudTrail file of a million records is streamed record by
 * record (aggregated in a child process whose peak RSS is measured), and a GAAD whose one inline policy is
 * ~10 MB scans end to end. Inputs are generated at test time into the temp folder and deleted.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { REPO_ROOT } from '../shared-data.js';

const root = mkdtempSync(path.join(tmpdir(), 'iamrisk-huge-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ACCOUNT = '111122223333';
const NAMES: [string, string][] = [
  ['s3.amazonaws.com', 'ListBuckets'],
  ['ec2.amazonaws.com', 'DescribeInstances'],
  ['iam.amazonaws.com', 'ListRoles'],
  ['sts.amazonaws.com', 'GetCallerIdentity'],
  ['lambda.amazonaws.com', 'ListFunctions20150331'],
];

/** One realistic, small management event (~700 bytes). */
function record(i: number): string {
  const role = `role-${i % 50}`;
  const [source, name] = NAMES[i % NAMES.length]!;
  const day = String(1 + (i % 5)).padStart(2, '0');
  return JSON.stringify({
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLE${i % 50}:session`,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/session`,
      accountId: ACCOUNT,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/${role}` } },
    },
    eventTime: `2024-05-${day}T12:${String(i % 60).padStart(2, '0')}:00Z`,
    eventSource: source,
    eventName: name,
    awsRegion: 'us-east-1',
    sourceIPAddress: '10.0.0.1',
    userAgent: 'aws-cli/2.15.0 Python/3.11 "quoted" \\ agent',
    requestParameters: null,
    responseElements: null,
    requestID: `req-${i}`,
    eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  });
}

/** Streams `{"Records":[…]}` of `count` records through gzip into `file`, never holding it whole. */
async function writeTrail(file: string, count: number): Promise<void> {
  const gz = createGzip({ level: constants.Z_BEST_SPEED });
  const done = finished(gz.pipe(createWriteStream(file)));
  gz.write('{"Records":[\n');
  const BATCH = 5000;
  for (let i = 0; i < count; i += BATCH) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(count, i + BATCH); j++) lines.push(record(j));
    if (!gz.write(`${i === 0 ? '' : ',\n'}${lines.join(',\n')}`)) await once(gz, 'drain');
  }
  gz.end('\n]}\n');
  await done;
}

function runChild(file: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'test/hardening/huge-trail-child.ts'), file],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`child exited with ${code}: ${err}`));
      else resolve(JSON.parse(out) as Record<string, unknown>);
    });
  });
}

describe('a CloudTrail file of a million records', () => {
  it('is aggregated record by record: every event counted, peak RSS well under 1 GiB', async () => {
    const COUNT = 1_000_000;
    const file = path.join(root, `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2024/05/01/big.json.gz`);
    mkdirSync(path.dirname(file), { recursive: true });
    await writeTrail(file, COUNT);
    const r = await runChild(file);
    rmSync(file);
    expect(r).toMatchObject({ events: COUNT, records: COUNT, duplicates: 0, errors: [] });
    // The text alone is ~700 MB; reading it whole (string + parsed objects) would take several GiB.
    expect(r.maxRssMiB).toBeLessThan(1024);
  }, 180_000);
});

describe('a GAAD with a ~10 MB inline policy', () => {
  it('loads and scans end to end, with a huge single-statement action list too', async () => {
    const dir = path.join(root, 'policy');
    mkdirSync(dir, { recursive: true });
    const statements = Array.from({ length: 40_000 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: i % 7 === 0 ? 'Deny' : 'Allow',
      Action: [`s3:GetObject`, `ec2:Describe${i % 13}*`],
      Resource: `arn:aws:s3:::bucket-${i}/prefix/${'x'.repeat(120)}/*`,
    }));
    const actions = Array.from({ length: 200_000 }, (_, i) => `svc${i % 300}:Action${i}`);
    const gaad = {
      UserDetailList: [
        {
          UserName: 'big',
          UserId: 'AIDAEXAMPLEBIG0000001',
          Arn: `arn:aws:iam::${ACCOUNT}:user/big`,
          Path: '/',
          CreateDate: '2024-01-01T00:00:00Z',
          UserPolicyList: [
            {
              PolicyName: 'many-statements',
              PolicyDocument: { Version: '2012-10-17', Statement: statements },
            },
            {
              PolicyName: 'long-action-list',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
              },
            },
          ],
          GroupList: [],
          AttachedManagedPolicies: [],
        },
      ],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [],
    };
    const file = path.join(dir, 'gaad.json');
    writeFileSync(file, JSON.stringify(gaad));
    expect(statSync(file).size).toBeGreaterThan(10 * 1024 * 1024);
    // A small trail beside it: its records are counted during aggregation and reported in inputs[].records.
    const trail = path.join(dir, 'trail.json');
    writeFileSync(trail, `{"Records":[${[0, 1, 2].map(record).join(',')}]}`);
    const result = await scan({ paths: [dir], asOf: new Date('2024-05-10T00:00:00Z') });
    expect(result.inputs.map((i) => [path.basename(i.path), i.kind, i.records, i.errors])).toEqual([
      ['gaad.json', 'iam-authorization-details', expect.any(Number), []],
      ['trail.json', 'cloudtrail', 3, []],
    ]);
    expect(result.identities.find((i) => i.name === 'big')).toBeDefined();
  }, 120_000);
});
