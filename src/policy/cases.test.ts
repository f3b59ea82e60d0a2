import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';

/** One evaluator case as written in `cases/<topic>/<case-set>.json`. */
interface PolicyCase {
  name: string;
  request: Record<string, unknown>;
  identityPolicies: unknown[];
  scps?: unknown[][];
  boundary?: unknown;
  resourcePolicy?: unknown;
  missingKeys?: 'absent' | 'unknown';
  expected: { decision?: string; conditional?: boolean; deniedBy?: string; error?: string };
  skip?: string;
}

const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');

function caseFiles(): string[] {
  return readdirSync(CASES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort();
}

describe('case files', () => {
  it('exist and hold well-formed cases with unique names', () => {
    const files = caseFiles();
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const cases = JSON.parse(readFileSync(path.join(CASES_DIR, file), 'utf8')) as PolicyCase[];
      expect(Array.isArray(cases), file).toBe(true);
      expect(new Set(cases.map((c) => c.name)).size, file).toBe(cases.length);
      for (const c of cases)
        expect(c.expected.decision ?? c.expected.error, `${file}: ${c.name}`).toBeDefined();
    }
  });
});

for (const file of caseFiles()) {
  const cases = JSON.parse(readFileSync(path.join(CASES_DIR, file), 'utf8')) as PolicyCase[];
  describe(file, () => {
    for (const c of cases) {
      const run = c.skip ? it.skip : it;
      run(c.name, () => {
        const { expected, name: _name, skip: _skip, ...input } = c;
        const result = simulate(input);
        if (expected.error !== undefined) {
          expect(result.kind).toBe('error');
          if (result.kind === 'error') expect(result.errors.map((e) => e.code)).toContain(expected.error);
          return;
        }
        if (result.kind === 'error') throw new Error(JSON.stringify(result.errors));
        const d = result.value;
        expect(d.decision).toBe(expected.decision);
        if (expected.conditional !== undefined) expect(d.conditional).toBe(expected.conditional);
        if (expected.deniedBy !== undefined) expect(d.deniedBy).toBe(expected.deniedBy);
        // Invariants every decision keeps.
        if (d.decision === 'allowed') {
          expect(d.deniedBy).toBeNull();
          expect(d.decisive.length).toBeGreaterThan(0);
          expect(d.decisive.every((s) => s.effect === 'Allow')).toBe(true);
        } else if (d.decision === 'explicitly-denied') {
          expect(d.decisive.some((s) => s.effect === 'Deny' && s.conditionResult === 'true')).toBe(true);
        } else {
          expect(d.deniedBy).not.toBeNull();
          expect(d.conditional).toBe(false);
        }
      });
    }
  });
}
