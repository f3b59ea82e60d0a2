import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/shared-data.js';
import { loadInputs } from './load.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GAAD = path.join(SHARED_DATA, 'gaad/cloudsplaining/example-authz-details.json');
const TRAIL = path.join(SHARED_DATA, 'cloudtrail/stratus-red-team/aws.execution.ssm-send-command.json');
const TRAIL_EVENTS = (JSON.parse(readFileSync(TRAIL, 'utf8')) as unknown[]).length;
const fixture = (name: string): Buffer => readFileSync(path.join(HERE, 'fixtures', name));

let root: string;
const at = (...p: string[]): string => path.join(root, ...p);
function write(rel: string, content: string | Buffer): string {
  const full = at(rel);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'iamrisk-ingest-'));
  // A snapshot folder: every kind, gzip'd variants, one broken file, and things to skip.
  write('snap/iam/gaad.json.gz', gzipSync(readFileSync(GAAD)));
  write('snap/iam/credential-report.csv', fixture('credential-report.csv'));
  write('snap/compute/ec2.json', fixture('ec2-instances.json'));
  write('snap/compute/lambda.json.gz', gzipSync(fixture('lambda-functions.json')));
  write('snap/org/organization.json', fixture('organization.json'));
  mkdirSync(at('snap/AWSLogs/100000000001/CloudTrail/us-east-1/2024/05/01'), { recursive: true });
  copyFileSync(TRAIL, at('snap/AWSLogs/100000000001/CloudTrail/us-east-1/2024/05/01/trail.json'));
  write(
    'snap/AWSLogs/100000000001/CloudTrail/us-east-1/2024/05/01/s3.json.gz',
    gzipSync(JSON.stringify({ Records: JSON.parse(readFileSync(TRAIL, 'utf8')) })),
  );
  write(
    'snap/AWSLogs/100000000001/CloudTrail-Digest/us-east-1/2024/05/01/d.json.gz',
    gzipSync('{"digestStartTime":"a","digestEndTime":"b","logFiles":[]}'),
  );
  write('snap/broken/bad.json', '{"UserDetailList": [');
  write('snap/.hidden/also-bad.json', 'garbage');
  write('snap/.dotfile.json', 'garbage');
  write('snap/README.md', '# notes, not an input');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadInputs: a folder of exports', () => {
  it('loads every good file, reports the bad one by name, and skips hidden files, digests and non-inputs', async () => {
    const progress: [number, number][] = [];
    const r = await loadInputs([at('snap')], { onProgress: (d, t) => progress.push([d, t]) });
    expect(r.inputs.map((i) => [path.relative(root, i.path), i.kind, i.records, i.errors.length])).toEqual([
      // CloudTrail is only sniffed here; its records are counted when the scan aggregates it (test/hardening/huge-inputs.test.ts).
      ['snap/AWSLogs/100000000001/CloudTrail/us-east-1/2024/05/01/s3.json.gz', 'cloudtrail', 0, 0],
      ['snap/AWSLogs/100000000001/CloudTrail/us-east-1/2024/05/01/trail.json', 'cloudtrail', 0, 0],
      ['snap/broken/bad.json', 'unknown', 0, 1],
      ['snap/compute/ec2.json', 'ec2-instances', 3, 0],
      ['snap/compute/lambda.json.gz', 'lambda-functions', 2, 0],
      ['snap/iam/credential-report.csv', 'credential-report', 4, 0],
      ['snap/iam/gaad.json.gz', 'iam-authorization-details', 40, 0],
      ['snap/org/organization.json', 'organization', 7, 0],
    ]);
    expect(r.inputs[2]!.errors).toEqual([
      { where: at('snap/broken/bad.json'), reason: 'invalid JSON at position 20: unexpected end of input' },
    ]);
    expect(TRAIL_EVENTS).toBe(56);
    expect(r.cloudtrailFiles.map((f) => path.basename(f))).toEqual(['s3.json.gz', 'trail.json']);
    expect(r.inventory.users).toHaveLength(3);
    expect(r.inventory.credentialReport).toHaveLength(4);
    expect(r.inventory.instances).toHaveLength(3);
    expect(r.inventory.functions).toHaveLength(2);
    expect(r.inventory.organization?.id).toBe('o-11111111');
    expect(r.inventory.coverage).toMatchObject({ organization: true, cloudtrail: true });
    expect(progress).toHaveLength(8); // once per file; the digest folder is not even read
    expect(progress.at(-1)).toEqual([8, 8]);
  });

  it('gives the same result whatever order the paths are given in', async () => {
    const a = await loadInputs([at('snap/iam'), at('snap/compute'), at('snap/org')]);
    const b = await loadInputs([
      at('snap/org'),
      at('snap/compute'),
      at('snap/iam'),
      at('snap/iam/gaad.json.gz'),
    ]);
    expect(b).toEqual(a);
    expect(JSON.stringify([...a.inventory.policies.keys()])).toBe(
      JSON.stringify([...b.inventory.policies.keys()]),
    );
  });
});

describe('loadInputs: broken files are errors naming the file, never exceptions', () => {
  const gz = (): Buffer => gzipSync(readFileSync(GAAD));
  const cases: { name: string; content: () => string | Buffer; reason: RegExp | string }[] = [
    {
      name: 'truncated.json.gz',
      content: () => gz().subarray(0, 2000),
      reason: 'truncated gzip: unexpected end of file',
    },
    {
      name: 'corrupt.json.gz',
      content: () => Buffer.concat([gz().subarray(0, 10), Buffer.alloc(200, 0xff)]),
      reason: /^corrupt gzip: /,
    },
    {
      name: 'invalid.json',
      content: () => '{"UserDetailList": [{"UserName": alice}]}',
      reason: 'invalid JSON at position 33: unexpected character',
    },
    {
      name: 'latin1.json',
      content: () => Buffer.from([0x7b, 0x22, 0x61, 0xe9, 0x22, 0x3a, 0x31, 0x7d]),
      reason: /^not UTF-8 text/,
    },
    {
      name: 'garbage.json',
      content: () => 'hello world',
      reason: 'not JSON and not a credential report CSV',
    },
    { name: 'empty.json', content: () => '  \n', reason: 'empty file' },
    {
      name: 'unknown.json',
      content: () => '{"hello": "world"}',
      reason: /^not a recognised AWS export \(expected get-account-authorization-details, /,
    },
    {
      name: 'wrong-shape.json',
      content: () => '{"UserDetailList": "alice"}',
      reason: 'UserDetailList is not a list',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const file = write(`broken-cases/${c.name}`, c.content());
      const r = await loadInputs([file]);
      expect(r.inputs).toHaveLength(1);
      expect(r.inputs[0]!.path).toBe(file);
      expect(r.inputs[0]!.errors).toHaveLength(1);
      expect(r.inputs[0]!.errors[0]!.where).toBe(file);
      expect(r.inputs[0]!.errors[0]!.reason).toMatch(c.reason);
      expect(r.inventory.users).toEqual([]);
    });
  }

  it('refuses a file over the size limit, and a gzip that inflates past it', async () => {
    const plain = write('limits/plain.json', readFileSync(GAAD));
    const bomb = write('limits/bomb.json.gz', gzipSync(Buffer.alloc(5_000_000, 0x20)));
    const r = await loadInputs([plain, bomb], { maxFileBytes: 100_000 });
    expect(r.inputs.map((i) => i.errors[0]?.reason)).toEqual([
      'gzip content is larger than the 100000 bytes limit',
      'file is 177012 bytes, over the 100000 bytes limit for one file',
    ]);
    const ok = await loadInputs([plain]);
    expect(ok.inputs[0]!.errors).toEqual([]);
  });

  it('reports a path that does not exist and reads the others', async () => {
    const r = await loadInputs([at('nope'), at('snap/compute/ec2.json')]);
    expect(r.inputs.map((i) => [i.path, i.errors.map((e) => e.reason)])).toEqual([
      [at('nope'), ['no such file or folder']],
      [at('snap/compute/ec2.json'), []],
    ]);
  });

  it('skips a CloudTrail digest quietly, recognised by its content', async () => {
    const file = write('named/digest-copy.json', '{"digestStartTime":"a","digestEndTime":"b","logFiles":[]}');
    const r = await loadInputs([file]);
    expect(r.inputs).toEqual([]);
    expect(r.cloudtrailFiles).toEqual([]);
  });

  it('reads UTF-16LE with a byte order mark (Windows PowerShell redirection)', async () => {
    const text = readFileSync(path.join(HERE, 'fixtures/lambda-functions.json'), 'utf8');
    const file = write(
      'named/ps.json',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const r = await loadInputs([file]);
    expect(r.inputs[0]).toMatchObject({ kind: 'lambda-functions', records: 2, errors: [] });
  });

  it('reads a file named on the command line whatever its name', async () => {
    const file = write('named/export.txt', readFileSync(path.join(HERE, 'fixtures/lambda-functions.json')));
    const r = await loadInputs([file]);
    expect(r.inputs[0]).toMatchObject({ kind: 'lambda-functions', records: 2, errors: [] });
  });
});
