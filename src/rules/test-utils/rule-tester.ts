/**
 * RuleTester (after typescript-eslint): each rule test lists `fires` and `silent` cases built from small
 * AWS-shaped exports. Every case goes through the real ingest layer and the real authorization service,
 * and asserts identities, severities and evidence, not counts alone.
 */
import { describe, expect, it } from 'vitest';
import { inventoryFromRaw } from '../../ingest/from-raw.js';
import type { Config } from '../../model/config.js';
import { configSchema } from '../../model/config.js';
import type { Detection, Severity } from '../../model/finding.js';
import { createAuthz } from '../../policy/authz.js';
import type { RuleContext } from '../context.js';
import type { Rule } from '../define-rule.js';
import { missingInput, runRule } from '../run.js';
import type { RawInput } from './gaad.js';

/** One expected detection: its resource, severity (default: the rule's) and a subset of its evidence. */
export interface ExpectedDetection {
  resourceArn: string;
  severity?: Severity;
  evidence?: Record<string, unknown>;
  message?: string | RegExp;
  /** The escalation path, step by step (asymmetric matchers allowed). */
  path?: unknown[];
}

/** One test case. */
export interface RuleCase {
  name: string;
  inputs: RawInput[];
  /** "Now"; default 2025-06-01T00:00:00Z. */
  asOf?: string;
  config?: Record<string, unknown>;
  /** For `fires`: exactly these detections (omitted: at least one). */
  expect?: ExpectedDetection[];
}

export const DEFAULT_AS_OF = '2025-06-01T00:00:00Z';

/** Builds the context a scan would give the rule. */
export function buildContext(
  inputs: RawInput[],
  asOf = DEFAULT_AS_OF,
  config: Record<string, unknown> = {},
): RuleContext {
  const { inventory } = inventoryFromRaw(inputs);
  const at = new Date(asOf);
  const parsed: Config = configSchema.parse(config);
  return {
    inventory,
    asOf: at,
    config: parsed,
    authz: createAuthz(inventory, { asOf: at }),
    scannedAccounts: new Set(inventory.coverage.iamAccounts),
    organizationAccounts: new Set(inventory.organization?.accounts.map((a: { id: string }) => a.id) ?? []),
  };
}

function run(rule: Rule, c: RuleCase): Detection[] {
  const ctx = buildContext(c.inputs, c.asOf, c.config);
  // A case whose input is missing would be silent for the wrong reason.
  expect(missingInput(rule, ctx.inventory.coverage), 'the rule must run on this case').toBeNull();
  return runRule(rule, ctx);
}

function checkShape(rule: Rule, d: Detection): void {
  expect(d.rule).toBe(rule.id);
  expect(d.title).toBe(rule.title);
  expect(d.id).toMatch(new RegExp(`^${rule.id}-[0-9a-f]{16}$`));
  expect(d.message, 'no unfilled placeholder').not.toMatch(/\{[A-Za-z0-9_]+\}/);
  expect(d.message.includes(d.resource.name) || d.message.includes(d.resource.accountId)).toBe(true);
  const url = new URL(d.remediation.consoleUrl);
  expect(url.protocol).toBe('https:');
  expect(url.hostname).toMatch(/(^|\.)console\.aws\.amazon\.com$|console\.amazonaws(-us-gov\.com|\.cn)$/);
  expect(d.remediation.steps.length).toBeGreaterThan(0);
  for (const step of d.remediation.steps) expect(step).not.toMatch(/\{[A-Za-z0-9_]+\}/);
  expect(rule.resourceTypes).toContain(d.resource.type);
}

function matches(d: Detection, e: ExpectedDetection, rule: Rule): boolean {
  if (d.resource.arn !== e.resourceArn || d.severity !== (e.severity ?? rule.severity)) return false;
  if (e.evidence !== undefined && !expect.objectContaining(e.evidence).asymmetricMatch(d.evidence))
    return false;
  if (
    e.message !== undefined &&
    !(typeof e.message === 'string' ? d.message === e.message : e.message.test(d.message))
  ) {
    return false;
  }
  if (e.path !== undefined && !expect.arrayContaining(e.path).asymmetricMatch(d.path ?? [])) return false;
  if (e.path !== undefined && (d.path ?? []).length !== e.path.length) return false;
  return true;
}

/** Declares the tests of one rule: every `fires` case detects, every `silent` case detects nothing. */
export function ruleTester(rule: Rule, cases: { fires: RuleCase[]; silent: RuleCase[] }): void {
  describe(rule.id, () => {
    it('has at least one firing and one silent case', () => {
      expect(cases.fires.length).toBeGreaterThan(0);
      expect(cases.silent.length).toBeGreaterThan(0);
    });
    describe('fires', () => {
      for (const c of cases.fires) {
        it(c.name, () => {
          const detections = run(rule, c);
          expect(detections.length, 'detections').toBeGreaterThan(0);
          for (const d of detections) checkShape(rule, d);
          if (c.expect !== undefined) {
            const left = [...detections];
            for (const e of c.expect) {
              const at = left.findIndex((d) => matches(d, e, rule));
              expect(
                at,
                `expected ${JSON.stringify(e)} among ${JSON.stringify(left, null, 1)}`,
              ).toBeGreaterThanOrEqual(0);
              left.splice(at, 1);
            }
            expect(
              left.map((d) => [d.resource.arn, d.message]),
              'unexpected detections',
            ).toEqual([]);
          }
          // Stable ids: the same inputs give the same ids (the timeline keys on them).
          expect(run(rule, c).map((d) => d.id)).toEqual(detections.map((d) => d.id));
        });
      }
    });
    describe('silent', () => {
      for (const c of cases.silent) {
        it(c.name, () => {
          expect(run(rule, c).map((d) => d.message)).toEqual([]);
        });
      }
    });
  });
}
