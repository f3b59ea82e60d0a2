import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from './arbitraries.js';
import type { Scenario } from './arbitraries.js';
import { KNOWN_DIFFERENCES } from './exceptions.js';
import { ours, theirs } from './oracle.js';

let tally = newTally();

function newTally() {
  return { runs: 0, allowed: 0, explicit: 0, implicit: 0, excepted: new Map<string, number>() };
}

async function agree(s: Scenario): Promise<boolean> {
  const mine = ours(s).decision;
  const other = await theirs(s);
  tally.runs++;
  if (mine === 'allowed') tally.allowed++;
  else if (mine === 'explicitly-denied') tally.explicit++;
  else tally.implicit++;
  if (mine === other) return true;
  const known = KNOWN_DIFFERENCES.find((d) => d.applies(s));
  if (known) {
    tally.excepted.set(known.id, (tally.excepted.get(known.id) ?? 0) + 1);
    return true;
  }
  throw new Error(`ours=${mine} iam-simulate=${other}\n${JSON.stringify(s, null, 1)}`);
}

// The figures docs/policy-evaluator.md quotes; printed so that a run can be checked against them.
function report(label: string): void {
  const excepted = Object.fromEntries(tally.excepted);
  process.stdout.write(`differential (${label}): ${JSON.stringify({ ...tally, excepted })}\n`);
}

describe('differential: evaluateRequest vs iam-simulate', () => {
  it('agrees on 15,000 generated scenarios (fixed seed)', async () => {
    tally = newTally();
    await fc.assert(fc.asyncProperty(scenario, agree), { numRuns: 15_000, seed: 20240601 });
    report('fixed seed');
    // The generator must exercise every outcome, or agreement would prove little.
    expect(tally.allowed).toBeGreaterThan(1500);
    expect(tally.explicit).toBeGreaterThan(1500);
    expect(tally.implicit).toBeGreaterThan(1500);
  });

  it('agrees on 3,000 scenarios from a random seed', async () => {
    tally = newTally();
    await fc.assert(fc.asyncProperty(scenario, agree), { numRuns: 3_000 });
    report('random seed');
  });
});
