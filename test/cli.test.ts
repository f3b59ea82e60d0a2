import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { CliIo } from '../src/cli/io.js';
import type { ScanResult } from '../src/model/scan.js';
import { SHARED_DATA } from './shared-data.js';

const GAAD = path.join(SHARED_DATA, 'gaad/cloudsplaining/example-authz-details.json');

async function run(args: string[], cwd = os.tmpdir()): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s), isTTY: false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    cwd,
    env: {},
  };
  const code = await main(args, io);
  return { code, out, err };
}

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'iamrisk-cli-'));
}

describe('iamrisk scan', () => {
  it('prints the schema-1 JSON of a real export with its administrators, and exits 0', async () => {
    const { code, out } = await run(['scan', GAAD, '--as-of', '2026-11-20', '--format', 'json']);
    expect(code).toBe(0);
    const result = JSON.parse(out) as ScanResult;
    expect(result.schemaVersion).toBe(1);
    expect(result.asOf).toBe('2026-11-20T00:00:00.000Z');
    expect(result.window).toEqual({
      days: 15,
      from: '2026-11-05T00:00:00.000Z',
      to: '2026-11-20T00:00:00.000Z',
    });
    expect(result.inputs).toEqual([
      expect.objectContaining({ kind: 'iam-authorization-details', errors: [] }),
    ]);
    const admins = result.detections.filter((d) => d.rule === 'admin-user').map((d) => d.resource.name);
    expect(admins.sort()).toEqual(['obama', 'userwithlotsofpermissions']);
    expect(
      result.identities
        .filter((i) => i.isAdmin)
        .map((i) => i.name)
        .sort(),
    ).toEqual(['obama', 'userwithlotsofpermissions']);
    // No credential report in the input: those rules are skipped and said to be, never guessed.
    expect(result.summary.skippedRules).toContainEqual({
      rule: 'no-mfa',
      reason: 'missing input: credential report',
    });
    expect(result.detections.some((d) => d.rule === 'no-mfa')).toBe(false);
  });

  it('gates a pipeline with --fail-on', async () => {
    expect((await run(['scan', GAAD, '--as-of', '2026-11-20', '--fail-on', 'high'])).code).toBe(1);
    expect((await run(['scan', GAAD, '--as-of', '2026-11-20', '--fail-on', 'critical'])).code).toBe(0);
    const bad = await run(['scan', GAAD, '--fail-on', 'urgent']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--fail-on: unknown severity "urgent"');
  });

  it('writes SARIF and CSV to --out', async () => {
    const dir = tempDir();
    expect((await run(['scan', GAAD, '--format', 'sarif', '--out', 'r.sarif'], dir)).code).toBe(0);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'r.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect((await run(['scan', GAAD, '--format', 'csv', '--out', 'r.csv'], dir)).code).toBe(0);
    expect(readFileSync(path.join(dir, 'r.csv'), 'utf8').split('\n')[0]).toMatch(/^id,rule,severity,/);
  });

  it('keeps going past a broken file, names it, and exits 3 (partial)', async () => {
    const dir = tempDir();
    copyFileSync(GAAD, path.join(dir, 'gaad.json'));
    const gz = gzipSync(readFileSync(GAAD));
    writeFileSync(path.join(dir, 'truncated.json.gz'), gz.subarray(0, gz.length / 2));
    writeFileSync(path.join(dir, 'broken.json'), '{"UserDetailList": [');
    const { code, out } = await run(['scan', dir, '--as-of', '2026-11-20'], dir);
    expect(code).toBe(3);
    expect(out).toContain('the scan is partial');
    expect(out).toMatch(/truncated\.json\.gz: truncated gzip/);
    expect(out).toMatch(/broken\.json: invalid JSON/);
    expect(out).toContain('arn:aws:iam::012345678901:user/obama');
  });

  it('fails clearly when nothing could be read', async () => {
    const { code, err } = await run(['scan', '/nonexistent/exports']);
    expect(code).toBe(2);
    expect(err).toContain('/nonexistent/exports');
    expect(err).toContain('no such file or folder');
  });

  it('rejects a bad --as-of and an invalid config file, naming them', async () => {
    const asOf = await run(['scan', GAAD, '--as-of', 'yesterday']);
    expect(asOf.code).toBe(2);
    expect(asOf.err).toContain('--as-of: "yesterday" is not an ISO-8601 date');
    const dir = tempDir();
    writeFileSync(path.join(dir, 'iamrisk.config.json'), JSON.stringify({ trustedAccounts: ['12345'] }));
    const cfg = await run(['scan', GAAD], dir);
    expect(cfg.code).toBe(2);
    expect(cfg.err).toContain(`invalid config ${path.join(dir, 'iamrisk.config.json')}: trustedAccounts.0`);
  });

  it('applies thresholds and trusted accounts from the config file', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'iamrisk.config.json'),
      JSON.stringify({ thresholds: { inactiveDays: 5000 } }),
    );
    const { out } = await run(['scan', GAAD, '--as-of', '2026-11-20', '--format', 'json'], dir);
    const result = JSON.parse(out) as ScanResult;
    // The roles were last used or created about 2,650–2,860 days before: under a 5,000-day threshold.
    expect(result.detections.filter((d) => d.rule === 'inactive-role')).toEqual([]);
  });

  it('records into a store with --db, and muted detections no longer fail the pipeline', async () => {
    const dir = tempDir();
    const args = ['scan', GAAD, '--as-of', '2026-11-20', '--db', 'iamrisk.db', '--fail-on', 'high'];
    const first = await run([...args, '--format', 'json'], dir);
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/Recorded scan 1 in iamrisk\.db/);
    const gating = (JSON.parse(first.out) as ScanResult).detections.filter((d) =>
      ['critical', 'high'].includes(d.severity),
    );
    expect(gating.map((d) => d.rule)).toContain('admin-user');
    // One mute by rule and resource pattern, the others by detection id.
    const byPattern = ['--rule', 'admin-user', '--resource', 'arn:aws:iam::012345678901:user/*'];
    expect(
      (await run(['mute', ...byPattern, '--reason', 'break-glass', '--author', 'secops'], dir)).code,
    ).toBe(0);
    for (const d of gating.filter((x) => x.rule !== 'admin-user')) {
      expect((await run(['mute', d.id, '--reason', 'accepted', '--author', 'secops'], dir)).code).toBe(0);
    }
    const second = await run(args, dir);
    // Still reported, but muted: only unmuted detections gate.
    expect(second.out).toContain('arn:aws:iam::012345678901:user/obama');
    expect(second.code).toBe(0);
    const scans = await run(['scans'], dir);
    expect(scans.code).toBe(0);
    expect(scans.out).toMatch(/\b2\b/);
  });
});
