import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoInputPaths } from '../../src/demo/input-paths.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/generate.js';
import type { DemoManifest } from '../../src/demo/types.js';
import type { ScanResult } from '../../src/model/scan.js';
import { RULES } from '../../src/rules/index.js';
import { scan } from '../../src/scan/scan.js';

// End to end on the demo organization: every planted risk whose rule exists is found on the planted resource,
// and no near-miss control fires its rule.
let dir: string;
let manifest: DemoManifest;
let result: ScanResult;
const implemented = new Set(RULES.map((r) => r.id));

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'iamrisk-demo-e2e-'));
  manifest = await generateDemo({ outDir: dir });
  const paths = await demoInputPaths(dir);
  result = await scan({ paths, asOf: new Date(manifest.asOf) });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo organization scan', () => {
  it('reads every input without error', () => {
    expect(result.inputs.flatMap((i) => i.errors)).toEqual([]);
    expect(result.summary.partial).toBe(false);
    expect(result.summary.skippedRules).toEqual([]);
  });

  it('finds every planted risk on the planted resource', () => {
    const found = new Set(result.detections.map((d) => `${d.rule} ${d.resource.arn}`));
    const missing = manifest.planted
      .filter((p) => implemented.has(p.rule))
      .filter((p) => !found.has(`${p.rule} ${p.resourceArn}`))
      .map((p) => `${p.rule} ${p.resourceArn} (${p.note})`);
    expect(missing).toEqual([]);
  });

  it('does not fire on the near-miss controls', () => {
    const found = new Set(result.detections.map((d) => `${d.rule} ${d.resource.arn}`));
    const wrong = manifest.controls
      .filter((c) => found.has(`${c.rule} ${c.resourceArn}`))
      .map((c) => `${c.rule} ${c.resourceArn} (${c.note})`);
    expect(wrong).toEqual([]);
  });

  it('reads the demo CloudTrail into identities[].usedActions / deniedActions', () => {
    const used = result.identities.filter((i) => i.usedActions.length > 0);
    expect(used.length).toBeGreaterThan(10);
    for (const i of used) {
      for (const a of i.usedActions) {
        expect(a.action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
        expect(a.count).toBeGreaterThan(0);
        expect(a.lastUsed >= result.window.from && a.lastUsed <= result.window.to).toBe(true);
      }
    }
    expect(result.identities.some((i) => i.deniedActions.length > 0)).toBe(true);
    expect(result.summary.skippedRules.map((s) => s.rule)).not.toContain('permissions-gap');
  });

  it('gives every detection a stable id, a console link and remediation steps', () => {
    const ids = result.detections.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of result.detections) {
      expect(d.remediation.consoleUrl).toMatch(/^https:\/\/([a-z0-9-]+\.)?console\.aws\.amazon\.com\//);
      expect(d.remediation.steps.length).toBeGreaterThan(0);
    }
  });
});
