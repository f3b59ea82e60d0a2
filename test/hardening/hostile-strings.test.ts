/**
 * Hostile strings end to end (issue 8): payloads in every AWS-sourced field of every input kind go through a
 * real `iamrisk scan`, and every output format is checked: JSON parses and keeps the text exactly; CSV cells
 * never start with = + - @ tab or CR; the terminal table holds no raw control character (colour on or off);
 * SARIF validates against the official 2.1.0 schema. The browser side is test/browser/xss.test.ts.
 */
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { CREDENTIAL_REPORT_COLUMNS } from '../../src/model/credential-report.js';
import type { ScanResult } from '../../src/model/scan.js';

const A = '100000000001';
/** The payloads, each used as the start of a name so that CSV cells begin with it. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "=cmd|' /C calc'!A0",
  '+SUM(1+1)',
  '-2+3',
  '@SUM(1)',
  '\tTAB',
  '\rCR',
  '\u001b]8;;https://evil.example/\u0007click me\u001b]8;;\u0007',
  '\u001b[2J\u001b[H',
  '\u001b[31mred',
  '\u202eevil\u202c.exe',
  '\u2066isolate\u2069',
  'line1\r\nFAKE: line2',
  'nul\u0000byte',
  'del\u007fc1\u0085',
  '{name}{0}%s',
  '$&$1$`',
  '"quoted",comma',
  `long-${'x'.repeat(5000)}`,
];
const P = (i: number): string => PAYLOADS[i % PAYLOADS.length]!;
const all = (s: string): string => PAYLOADS.join(s);

const admin = {
  Version: '2012-10-17',
  Statement: [{ Sid: all(' '), Effect: 'Allow', Action: '*', Resource: '*' }],
};
const publicTrust = (sid: string) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: sid, Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
});
const tags = PAYLOADS.map((p, i) => ({ Key: `k${i}${p}`, Value: p }));

function gaad(): unknown {
  return {
    UserDetailList: PAYLOADS.map((p, i) => ({
      UserName: p,
      UserId: `AIDA${i}`,
      Arn: `arn:aws:iam::${A}:user/${p}`,
      Path: '/',
      GroupList: [`g${P(i + 1)}`],
      UserPolicyList: [{ PolicyName: P(i + 2), PolicyDocument: admin }],
      AttachedManagedPolicies: [],
      Tags: tags,
    })),
    GroupDetailList: PAYLOADS.map((p, i) => ({
      GroupName: `g${p}`,
      Arn: `arn:aws:iam::${A}:group/g${p}`,
      GroupPolicyList: [{ PolicyName: p, PolicyDocument: admin }],
      AttachedManagedPolicies: [],
      GroupId: `AGPA${i}`,
    })),
    RoleDetailList: PAYLOADS.map((p, i) => ({
      RoleName: p,
      RoleId: `AROA${i}`,
      Arn: `arn:aws:iam::${A}:role/${p}`,
      Path: '/',
      Description: p,
      AssumeRolePolicyDocument:
        i % 2 === 0
          ? publicTrust(p)
          : {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: `arn:aws:iam::222222222222:role/${p}` },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
      RolePolicyList: [{ PolicyName: p, PolicyDocument: admin }],
      AttachedManagedPolicies: [],
      InstanceProfileList: [
        { InstanceProfileName: `ip${i}`, Arn: `arn:aws:iam::${A}:instance-profile/ip${i}`, Roles: [] },
      ],
      Tags: tags,
    })),
    Policies: [
      {
        PolicyName: P(0),
        Arn: `arn:aws:iam::${A}:policy/${P(0)}`,
        PolicyVersionList: [{ IsDefaultVersion: true, VersionId: 'v1', Document: admin }],
        // A broken document whose parser error quotes the payloads: the error reason must stay inert too.
      },
      {
        PolicyName: P(9),
        Arn: `arn:aws:iam::${A}:policy/broken`,
        PolicyVersionList: [{ IsDefaultVersion: true, VersionId: 'v1', Document: `{${all('')}` }],
      },
    ],
  };
}

function credentialReport(): string {
  const cell = (v: string): string => `"${v.replace(/"/g, '""')}"`;
  const rows = PAYLOADS.map((p) =>
    CREDENTIAL_REPORT_COLUMNS.map((c) => {
      const v: Record<string, string> = {
        user: p,
        arn: `arn:aws:iam::${A}:user/${p}`,
        user_creation_time: '2020-01-01T00:00:00+00:00',
        password_enabled: 'true',
        password_last_used: '2020-01-02T00:00:00+00:00',
        mfa_active: 'false',
        access_key_1_active: 'true',
        access_key_1_last_rotated: '2020-01-01T00:00:00+00:00',
        access_key_1_last_used_region: p,
        access_key_1_last_used_service: p,
        access_key_2_active: 'false',
      };
      return cell(v[c] ?? 'N/A');
    }).join(','),
  );
  return `${CREDENTIAL_REPORT_COLUMNS.join(',')}\n${rows.join('\n')}\n`;
}

const ec2 = () => ({
  Reservations: [
    {
      OwnerId: A,
      Instances: PAYLOADS.map((p, i) => ({
        InstanceId: `i-${i.toString(16).padStart(17, '0')}`,
        Placement: { AvailabilityZone: 'us-east-1a' },
        PublicIpAddress: '203.0.113.10',
        IamInstanceProfile: { Arn: `arn:aws:iam::${A}:instance-profile/ip${i}` },
        State: { Name: p },
        Tags: [{ Key: 'Name', Value: p }, ...tags],
      })),
    },
  ],
});

const lambda = () => ({
  Functions: PAYLOADS.map((p, i) => ({
    FunctionName: p,
    FunctionArn: `arn:aws:lambda:us-east-1:${A}:function:${p}`,
    Role: `arn:aws:iam::${A}:role/${P(i)}`,
    Runtime: p,
  })),
});

const trail = () => ({
  Records: PAYLOADS.map((p, i) => ({
    eventVersion: '1.09',
    eventID: `e-${i}`,
    eventTime: '2026-11-15T10:00:00Z',
    eventSource: i % 3 === 0 ? p : 's3.amazonaws.com',
    eventName: i % 3 === 1 ? p : 'GetObject',
    eventType: 'AwsApiCall',
    errorCode: p,
    userAgent: p,
    sourceIPAddress: p,
    requestParameters: { bucketName: p, key: p },
    resources: [{ ARN: `arn:aws:s3:::${p}`, type: p }],
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${A}:assumed-role/${p}/${p}`,
      accountId: A,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${A}:role/${p}` } },
    },
  })),
});

let dir: string;
const outputs: Record<string, string> = {};

async function scan(format: string, isTTY = false): Promise<string> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s), isTTY },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    cwd: dir,
    env: {},
  };
  const code = await main(['scan', 'snap', '--as-of', '2026-11-20', '--format', format], io);
  expect(code, err).toBe(3); // partial: the broken policy is reported, the rest is analyzed
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'iamrisk-hostile-'));
  const write = (rel: string, content: string): void => {
    mkdirSync(path.dirname(path.join(dir, 'snap', rel)), { recursive: true });
    writeFileSync(path.join(dir, 'snap', rel), content);
  };
  write('gaad.json', JSON.stringify(gaad()));
  write('credential-report.csv', credentialReport());
  write('ec2.json', JSON.stringify(ec2()));
  write('lambda.json', JSON.stringify(lambda()));
  write('AWSLogs/100000000001/CloudTrail/us-east-1/2026/11/15/t.json', JSON.stringify(trail()));
  for (const f of ['json', 'sarif', 'csv', 'table']) outputs[f] = await scan(f);
  outputs.tty = await scan('table', true);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// C0 and C1 controls except \n, and bidi controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('hostile strings in every AWS-sourced field', () => {
  it('JSON parses and keeps every payload exactly, in names, messages and input errors', () => {
    const result = JSON.parse(outputs.json!) as ScanResult;
    const names = new Set(result.detections.map((d) => d.resource.name));
    const byRule = (rule: string) =>
      new Set(result.detections.filter((d) => d.rule === rule).map((d) => d.resource.name));
    for (const p of PAYLOADS) {
      expect(byRule('admin-user').has(p), `admin-user ${JSON.stringify(p)}`).toBe(true);
      expect(names.has(`g${p}`), `admin-group g${JSON.stringify(p)}`).toBe(true);
      expect(byRule('no-mfa').has(p), `no-mfa ${JSON.stringify(p)}`).toBe(true);
      expect(
        result.detections.some((d) => d.resource.type === 'lambda-function' && d.resource.name === p),
        `lambda ${JSON.stringify(p)}`,
      ).toBe(true);
    }
    expect(byRule('public-trust').size).toBeGreaterThan(0);
    for (const name of byRule('public-trust')) expect(PAYLOADS).toContain(name);
    expect(result.detections.some((d) => d.rule === 'compute-admin')).toBe(true);
    // The payloads travel as JSON escapes, never as raw control characters.
    // eslint-disable-next-line no-control-regex -- C0 controls other than the layout's newlines
    expect(outputs.json).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(result.summary.partial).toBe(true);
    expect(result.inputs.flatMap((i) => i.errors).length).toBeGreaterThan(0);
  });

  it('CSV: no cell starts with = + - @ tab or CR, and each payload is still there after the quote', () => {
    const rows = parse(outputs.csv!, { relax_column_count: false }) as string[][];
    expect(rows.length).toBeGreaterThan(PAYLOADS.length);
    for (const row of rows)
      for (const cell of row) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
    const names = rows.map((r) => r[6]);
    for (const p of PAYLOADS) expect(names).toContain(/^[=+\-@\t\r]/.test(p) ? `'${p}` : p);
  });

  it('the terminal table holds no raw control or bidi character, with colour off and on', () => {
    expect(outputs.table!.length).toBeGreaterThan(1000);
    expect(outputs.table).not.toMatch(CONTROL);
    expect(outputs.table).toContain('Input problems');
    // With colour, the only escape sequences are our own SGR colour codes.
    const tty = outputs.tty!;
    // eslint-disable-next-line no-control-regex -- stripping our own colour codes
    const stripped = tty.replace(/\u001b\[[0-9;]*m/g, '');
    expect(stripped).not.toMatch(CONTROL);
    expect(stripped.replace(/\s+/g, ' ')).toBe(outputs.table!.replace(/\s+/g, ' '));
  });

  it('SARIF validates against the official 2.1.0 schema and keeps the payloads as text', () => {
    const require = createRequire(import.meta.url);
    const Ajv = (AjvDraft04 as unknown as { default: typeof AjvDraft04.default }).default;
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    const sarif = JSON.parse(outputs.sarif!) as { runs: { results: { message: { text: string } }[] }[] };
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const texts = sarif.runs[0]!.results.map((r) => r.message.text).join('\n');
    for (const p of PAYLOADS.slice(0, 4)) expect(texts).toContain(p);
  });
});
