import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/shared-data.js';
import { generateDemo } from './generate.js';
import { demoInputPaths } from './input-paths.js';
import { hashTree, listFiles, parseCsv } from './test-helpers.js';
import type { DemoManifest } from './types.js';

type Json = Record<string, unknown>;
const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'iamrisk-demo-test-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function readJson(dir: string, rel: string): Promise<Json> {
  return JSON.parse(await readFile(join(dir, rel), 'utf8')) as Json;
}

describe('generateDemo', () => {
  let dir: string;
  let manifest: DemoManifest;
  beforeAll(async () => {
    dir = await tempDir();
    manifest = await generateDemo({ outDir: dir, principals: 300, cloudtrailDays: 20 });
  });

  it('writes the same bytes for the same options and different ones for another seed', async () => {
    const again = await tempDir();
    await generateDemo({ outDir: again, principals: 300, cloudtrailDays: 20 });
    expect(await hashTree(again)).toBe(await hashTree(dir));
    const other = await tempDir();
    await generateDemo({ outDir: other, principals: 300, cloudtrailDays: 20, seed: 2 });
    expect(await hashTree(other)).not.toBe(await hashTree(dir));
  });

  it('plants at least one resource for every RULES.md rule id', async () => {
    const rulesMd = await readFile(resolve(SHARED_DATA, '../spec/RULES.md'), 'utf8');
    const ids = [...rulesMd.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(23);
    const planted = new Set(manifest.planted.map((p) => p.rule));
    expect(ids.filter((id) => !planted.has(id as string))).toEqual([]);
    const known = new Set(ids);
    expect([...manifest.planted, ...manifest.controls].filter((e) => !known.has(e.rule))).toEqual([]);
  });

  it('names only resources that exist in the exports', async () => {
    const arns = new Set<string>();
    for (const f of await listFiles(dir)) {
      if (f.includes('authorization-details')) {
        const raw = await readJson(dir, f);
        for (const list of ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const) {
          for (const item of raw[list] as Json[]) arns.add(item.Arn as string);
        }
      }
      const account = f.split('/')[0] as string;
      if (f.endsWith('describe-instances.json')) {
        const region = f.split('/')[2] as string;
        for (const r of (await readJson(dir, f)).Reservations as Json[]) {
          for (const i of r.Instances as Json[])
            arns.add(`arn:aws:ec2:${region}:${account}:instance/${i.InstanceId as string}`);
        }
      }
      if (f.endsWith('list-functions.json'))
        for (const fn of (await readJson(dir, f)).Functions as Json[]) arns.add(fn.FunctionArn as string);
    }
    for (const a of manifest.accounts) arns.add(`arn:aws:iam::${a.id}:root`);
    const missing = [...manifest.planted, ...manifest.controls].filter((e) => !arns.has(e.resourceArn));
    expect(missing).toEqual([]);
  });

  it('writes the documented shapes: organization, IAM (CLI, raw API, paged), credential reports, compute', async () => {
    const org = await readJson(dir, 'organization.json');
    expect(Object.keys(org).sort()).toEqual([
      'Accounts',
      'Organization',
      'OrganizationalUnits',
      'Policies',
      'Roots',
    ]);
    const policies = org.Policies as { PolicySummary: Json; Content: string; Targets: Json[] }[];
    const full = policies.find((p) => p.PolicySummary.Name === 'FullAWSAccess');
    expect(full?.Targets.length).toBe(
      1 + (org.OrganizationalUnits as Json[]).length + (org.Accounts as Json[]).length,
    );
    for (const p of policies) expect(JSON.parse(p.Content)).toHaveProperty('Statement');

    const raw = await readJson(dir, '100000000007/iam/authorization-details.json');
    const role = (raw.RoleDetailList as Json[])[0] as Json;
    expect(typeof role.AssumeRolePolicyDocument).toBe('string');
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument as string))).toHaveProperty(
      'Statement',
    );

    const page1 = await readJson(dir, '100000000005/iam/authorization-details-page-1.json');
    const page2 = await readJson(dir, '100000000005/iam/authorization-details-page-2.json');
    expect([page1.IsTruncated, typeof page1.Marker, page2.IsTruncated]).toEqual([true, 'string', false]);

    const report = await readJson(dir, '100000000004/iam/credential-report.json');
    const rows = parseCsv(Buffer.from(report.Content as string, 'base64').toString('utf8'));
    expect(rows[0]?.user).toBe('<root_account>');
    expect(Object.keys(rows[0] ?? {})).toHaveLength(22);
    const csvRows = parseCsv(await readFile(join(dir, '100000000006/iam/credential-report.csv'), 'utf8'));
    expect(csvRows.length).toBeGreaterThan(1);

    const instances = await readJson(dir, '100000000006/ec2/us-east-1/describe-instances.json');
    expect((instances.Reservations as Json[]).length).toBeGreaterThan(0);
  });

  it('lists the exports to scan without the manifest', async () => {
    const paths = (await demoInputPaths(dir)).map((p) => p.slice(dir.length + 1));
    expect(paths).toEqual([...manifest.accounts.map((a) => a.id), 'cloudtrail', 'organization.json'].sort());
  });

  it('leaves out the demo store kept beside the exports (a second `iamrisk demo` must not scan it)', async () => {
    const before = await demoInputPaths(dir);
    for (const f of ['iamrisk.db', 'iamrisk.db-wal', 'iamrisk.db-shm', '.hidden.json']) {
      await writeFile(join(dir, f), 'SQLite format 3\u0000');
    }
    try {
      expect(await demoInputPaths(dir)).toEqual(before);
    } finally {
      for (const f of ['iamrisk.db', 'iamrisk.db-wal', 'iamrisk.db-shm', '.hidden.json'])
        await rm(join(dir, f));
    }
  });

  it('writes gzip trail files in the S3 layout with realistic records', async () => {
    const trail = (await listFiles(dir)).filter((f) => f.startsWith('cloudtrail/'));
    expect(trail.length).toBe(manifest.counts.cloudtrailFiles);
    const layout =
      /^cloudtrail\/AWSLogs\/o-11111111\/(\d{12})\/CloudTrail\/([a-z0-9-]+)\/\d{4}\/\d{2}\/\d{2}\/\1_CloudTrail_\2_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/;
    expect(trail.filter((f) => !layout.test(f))).toEqual([]);
    let events = 0;
    let denied = 0;
    const types = new Set<string>();
    const ids = new Set<string>();
    for (const f of trail) {
      const { Records } = JSON.parse(gunzipSync(await readFile(join(dir, f))).toString('utf8')) as {
        Records: Json[];
      };
      events += Records.length;
      for (const r of Records) {
        expect(r).toMatchObject({
          eventVersion: expect.stringMatching(/^1\.0[89]$/),
          eventSource: expect.stringMatching(/\.amazonaws\.com$/),
          eventID: expect.stringMatching(/^[0-9a-f-]{36}$/),
        });
        expect(Date.parse(r.eventTime as string)).toBeLessThan(Date.parse(manifest.asOf));
        types.add((r.userIdentity as Json).type as string);
        ids.add(r.eventID as string);
        if (r.errorCode === 'AccessDenied') denied++;
      }
    }
    expect(events).toBe(manifest.counts.cloudtrailEvents);
    // Event ids are unique, as CloudTrail's are: readers de-duplicate on them.
    expect(ids.size).toBe(events);
    expect([...types].sort()).toEqual(['AssumedRole', 'IAMUser']);
    expect(denied).toBeGreaterThan(0);
  });
});

describe('generateDemo at benchmark scale', () => {
  it('writes 10,000 principals without CloudTrail, counts matching the exports', async () => {
    const dir = await tempDir();
    // Generation speed is reported by `npm run bench`; tests assert behaviour only.
    const manifest = await generateDemo({ outDir: dir, principals: 10_000, cloudtrail: false });
    expect(manifest.counts.principals).toBe(10_000);
    expect(manifest.counts.cloudtrailFiles).toBe(0);
    let written = 0;
    const files = await listFiles(dir);
    for (const f of files.filter((x) => x.includes('authorization-details'))) {
      const raw = await readJson(dir, f);
      written +=
        (raw.UserDetailList as Json[]).length +
        (raw.RoleDetailList as Json[]).length +
        (raw.GroupDetailList as Json[]).length;
    }
    expect(written).toBe(10_000);
    const functionArns = new Set<string>();
    for (const f of files.filter((x) => x.endsWith('list-functions.json'))) {
      for (const fn of (await readJson(dir, f)).Functions as Json[])
        functionArns.add(fn.FunctionArn as string);
    }
    expect(functionArns.size).toBe(manifest.counts.functions);
    expect(files.some((f) => f.startsWith('cloudtrail'))).toBe(false);
    expect(manifest.counts.files).toBe(files.length);
  });
});
