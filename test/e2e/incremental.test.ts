import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoInputPaths } from '../../src/demo/input-paths.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { generateDemo } from '../../src/demo/generate.js';
import type { ScanResult } from '../../src/model/scan.js';

// scan --db twice on an unchanged folder: the second run reads no CloudTrail file again, and still reports
// the same usage (from the per-day rows the store kept).
let dir: string;
let paths: string[];
let asOf: string;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s), isTTY: false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    cwd: dir,
    env: {},
  };
  return { code: await main(args, io), out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'iamrisk-incremental-'));
  const demo = path.join(dir, 'org');
  const manifest = await generateDemo({ outDir: demo, principals: 150, cloudtrailDays: 20 });
  asOf = manifest.asOf;
  paths = await demoInputPaths(demo);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('incremental CloudTrail with a store', () => {
  it('reads every trail file once, then none, with the same usage', async () => {
    const args = ['scan', ...paths, '--as-of', asOf, '--format', 'json', '--db', 'iamrisk.db'];
    const first = await run(args);
    expect(first.code).toBe(0);
    const read = /CloudTrail: (\d+) files read \((\d+) events\), (\d+) already in the store/.exec(first.err);
    expect(read).not.toBeNull();
    expect(Number(read![1])).toBeGreaterThan(100);
    expect(Number(read![3])).toBe(0);

    const second = await run(args);
    expect(second.code).toBe(0);
    const again = /CloudTrail: (\d+) files read \((\d+) events\), (\d+) already in the store/.exec(
      second.err,
    );
    expect(Number(again![1])).toBe(0);
    expect(Number(again![3])).toBe(Number(read![1]));

    const usage = (r: string) =>
      (JSON.parse(r) as ScanResult).identities.map((i) => [i.arn, i.usedActions, i.deniedActions]);
    expect(usage(second.out)).toEqual(usage(first.out));
    expect((JSON.parse(second.out) as ScanResult).summary.byRule).toEqual(
      (JSON.parse(first.out) as ScanResult).summary.byRule,
    );
  });
});
