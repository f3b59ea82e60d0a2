import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Moto } from '../../ingest/collect/test-utils/moto.js';
import { startMoto } from '../../ingest/collect/test-utils/moto.js';
import { buildAccount } from '../../ingest/collect/test-utils/scenario.js';
import { main } from '../main.js';
import { captureIo } from '../test-utils/capture-io.js';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
  // The default credential chain reads these first; ~/.aws is pointed away by startMoto.
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
});
afterAll(async () => {
  await moto?.stop();
});

describe('iamrisk collect (CLI, against moto_server)', () => {
  it('collects with the default credential chain, then scan reads the folder', async () => {
    await buildAccount(moto);
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'iamrisk-cli-collect-'));
    const io = captureIo(cwd);
    const code = await main(
      ['collect', '--out', 'snap', '--regions', 'us-east-1', '--endpoint-url', moto.endpoint],
      io,
    );
    // IAM (2), EC2, Lambda, and the service resources with a list key (stacks, projects, dev endpoints, jobs,
    // launch templates).
    expect(io.err()).toMatch(/collected 1 account\(s\), 1 region\(s\), 9 file\(s\)/);
    expect(code).toBe(0);
    const scanIo = captureIo(cwd);
    expect(await main(['scan', 'snap', '--format', 'json', '--out', 'report.json'], scanIo)).toBe(0);
    const report = JSON.parse(readFileSync(path.join(cwd, 'report.json'), 'utf8'));
    expect(report.detections.map((d: { rule: string }) => d.rule)).toEqual(
      expect.arrayContaining(['admin-user', 'compute-admin']),
    );
    // A second run into the same folder is refused (exit 2) unless --force.
    const again = captureIo(cwd);
    expect(
      await main(
        ['collect', '--out', 'snap', '--regions', 'us-east-1', '--endpoint-url', moto.endpoint],
        again,
      ),
    ).toBe(2);
    expect(again.err()).toMatch(/not empty.*--force/);
    expect(
      await main(
        ['collect', '--out', 'snap', '--force', '--regions', 'us-east-1', '--endpoint-url', moto.endpoint],
        captureIo(cwd),
      ),
    ).toBe(0);
  });

  it('rejects bad options with one line and exit 2, before calling AWS', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'iamrisk-cli-collect-'));
    for (const [args, message] of [
      [['--cloudtrail', 'http://x'], /--cloudtrail/],
      [['--endpoint-url', 'file:///etc'], /--endpoint-url/],
      [['--regions', 'us-east-1,../x'], /not a region/],
      [['--window-days', '0'], /--window-days/],
    ] as const) {
      const io = captureIo(cwd);
      expect(await main(['collect', '--out', 'snap', '--endpoint-url', moto.endpoint, ...args], io)).toBe(2);
      expect(io.err()).toMatch(message);
    }
  });
});
