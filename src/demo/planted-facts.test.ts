import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from './generate.js';
import { listFiles, parseCsv } from './test-helpers.js';
import type { DemoManifest } from './types.js';

// Independent re-statements of the RULES.md credential-report conditions (default thresholds), so that the
// manifest's planted entries and controls are checked against the written data, not against the generator.
const DAY = 86_400_000;
type Row = Record<string, string>;
const age = (asOf: number, v: string | undefined) =>
  v && /^\d{4}-/.test(v) ? (asOf - Date.parse(v)) / DAY : null;
const keySlots = (r: Row) =>
  [1, 2].map((n) => ({
    active: r[`access_key_${n}_active`] === 'true',
    rotated: r[`access_key_${n}_last_rotated`],
    used: r[`access_key_${n}_last_used_date`],
  }));

const CHECKS: Record<string, (r: Row, asOf: number) => boolean> = {
  'no-mfa': (r) => r.password_enabled === 'true' && r.mfa_active === 'false',
  'root-access-key': (r) => r.user === '<root_account>' && keySlots(r).some((k) => k.active),
  'root-no-mfa': (r) => r.user === '<root_account>' && r.mfa_active === 'false',
  'old-access-key': (r, t) => keySlots(r).some((k) => k.active && (age(t, k.rotated) ?? 0) > 90),
  'unused-access-key': (r, t) =>
    keySlots(r).some((k) => k.active && (age(t, k.used) ?? age(t, k.rotated) ?? 0) > 45),
  'unused-password': (r, t) => r.password_enabled === 'true' && (age(t, r.password_last_used) ?? 0) > 45,
  'multiple-active-keys': (r) => keySlots(r).every((k) => k.active),
  'inactive-user': (r, t) => {
    const uses = [r.password_last_used, ...keySlots(r).map((k) => k.used)]
      .map((v) => age(t, v))
      .filter((a): a is number => a !== null);
    return uses.length > 0 && Math.min(...uses) > 90;
  },
};

describe('planted credential facts', () => {
  let dir: string;
  let manifest: DemoManifest;
  const rows = new Map<string, Row>();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iamrisk-demo-facts-'));
    manifest = await generateDemo({ outDir: dir, principals: 250, cloudtrailDays: 16 });
    for (const f of (await listFiles(dir)).filter((x) => x.includes('credential-report'))) {
      const text = await readFile(join(dir, f), 'utf8');
      const csv = f.endsWith('.csv')
        ? text
        : Buffer.from((JSON.parse(text) as { Content: string }).Content, 'base64').toString('utf8');
      for (const r of parseCsv(csv)) rows.set(r.arn as string, r);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('planted credential risks meet their rule condition and controls do not', () => {
    const asOf = Date.parse(manifest.asOf);
    const checked = (list: typeof manifest.planted) => list.filter((e) => CHECKS[e.rule]);
    expect(checked(manifest.planted).length).toBeGreaterThanOrEqual(8);
    for (const e of checked(manifest.planted))
      expect([e.rule, e.resourceArn, CHECKS[e.rule]?.(rows.get(e.resourceArn) as Row, asOf)]).toEqual([
        e.rule,
        e.resourceArn,
        true,
      ]);
    for (const e of checked(manifest.controls))
      expect([e.rule, e.resourceArn, CHECKS[e.rule]?.(rows.get(e.resourceArn) as Row, asOf)]).toEqual([
        e.rule,
        e.resourceArn,
        false,
      ]);
  });

  it('the permissions-gap risk uses few actions and its control uses every granted one in the window', async () => {
    const used = new Map<string, Set<string>>();
    const from = Date.parse(manifest.asOf) - 15 * DAY;
    for (const f of (await listFiles(dir)).filter((x) => x.endsWith('.json.gz'))) {
      const { Records } = JSON.parse(gunzipSync(await readFile(join(dir, f))).toString('utf8')) as {
        Records: Record<string, unknown>[];
      };
      for (const r of Records) {
        if (Date.parse(r.eventTime as string) < from) continue;
        const issuer =
          (r.userIdentity as { sessionContext?: { sessionIssuer?: { arn: string } } }).sessionContext
            ?.sessionIssuer?.arn ?? '';
        const action = `${(r.eventSource as string).split('.')[0]}:${r.eventName as string}`;
        used.set(issuer, (used.get(issuer) ?? new Set()).add(action));
      }
    }
    const gap = manifest.planted.find((e) => e.rule === 'permissions-gap');
    const control = manifest.controls.find((e) => e.rule === 'permissions-gap');
    expect([...(used.get(gap?.resourceArn ?? '') ?? [])].sort()).toEqual([
      'ec2:DescribeInstances',
      'monitoring:PutMetricData',
    ]);
    expect([...(used.get(control?.resourceArn ?? '') ?? [])].sort()).toEqual([
      'ec2:DescribeInstances',
      'ec2:DescribeVolumes',
    ]);
  });

  it('omits the CloudTrail-only risk and control when CloudTrail is off', async () => {
    const off = await mkdtemp(join(tmpdir(), 'iamrisk-demo-facts-off-'));
    try {
      const m = await generateDemo({ outDir: off, principals: 150, cloudtrail: false });
      expect([...m.planted, ...m.controls].some((e) => e.rule === 'permissions-gap')).toBe(false);
      expect(m.counts.cloudtrailEvents).toBe(0);
    } finally {
      await rm(off, { recursive: true, force: true });
    }
  });
});
