import type { PathStep, Remediation, ResourceRef, ResourceType, Severity } from '../model/finding.js';
import type { RuleContext } from './context.js';

/** The inputs a rule may need (PRODUCT.md §2); coverage of each is in `inventory.coverage`. */
export type RuleInput = 'iam' | 'credential-report' | 'ec2' | 'lambda' | 'organization' | 'cloudtrail';

/** A requirement: one input, or a list of which any one is enough (e.g. EC2 or Lambda). */
export type RuleRequirement = RuleInput | readonly RuleInput[];

/** Placeholder values for a message template; every value may be attacker-controlled text. */
export type MessageData = Record<string, string | number>;

/** What a rule's `evaluate` returns for one resource; `runRules` turns it into a Detection. */
export interface RuleFinding<M extends string = string> {
  /** The message template to use, by id. */
  messageId: M;
  data: MessageData;
  /** The fields that make this finding stable across scans; the Detection id is derived from them. */
  identity: Record<string, string | number>;
  resource: ResourceRef;
  /** A raised severity; the reason goes in `evidence.severityReason`. */
  severity?: Severity;
  evidence: Record<string, unknown>;
  /** Escalation steps (PRODUCT.md §5 `path`), for privilege-escalation detections. */
  path?: PathStep[];
  /** Remediation for this resource: steps are message ids, formatted with `data`. */
  fix: { consoleUrl: string; steps: readonly M[]; suggestedPolicy?: Record<string, unknown> | null };
}

/** A rule's metadata and its pure evaluation (after typescript-eslint's `createRule`). */
export interface RuleDefinition<M extends string> {
  /** Equal to the file name and to the RULES.md id; never renamed. */
  id: string;
  title: string;
  resourceTypes: readonly ResourceType[];
  /** Default severity (RULES.md); a finding may raise it. */
  severity: Severity;
  /** Every listed requirement must be met, else the rule is skipped and the scan says so. */
  requires: readonly RuleRequirement[];
  version: number;
  maturity: 'stable' | 'experimental';
  /** What the rule checks and what it deliberately leaves out. */
  description: string;
  references: readonly string[];
  /** One sentence on the general fix; per-finding steps are in `fix.steps`. */
  remediation: string;
  messages: Readonly<Record<M, string>>;
  evaluate(ctx: RuleContext): RuleFinding<M>[];
}

/** A registered rule, with its message ids erased. */
export interface Rule extends Omit<RuleDefinition<string>, 'evaluate'> {
  evaluate(ctx: RuleContext): RuleFinding[];
}

/**
 * Declares a rule; the generic keeps message ids and placeholders checked at compile time.
 *
 * @example export const rule = defineRule({ id: 'admin-user', messages: { admin: 'IAM user {name} …' }, … })
 */
export function defineRule<M extends string>(def: RuleDefinition<M>): Rule {
  return def as unknown as Rule;
}

/** Formats a message template with `{placeholder}` values, in one pass so values are never re-expanded. */
export function formatMessage(template: string, data: MessageData): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, key: string) => {
    const value = Object.prototype.hasOwnProperty.call(data, key) ? data[key] : undefined;
    return value === undefined ? whole : String(value);
  });
}

/** Turns a finding's fix into the Detection remediation. */
export function buildRemediation(rule: Rule, finding: RuleFinding): Remediation {
  return {
    consoleUrl: finding.fix.consoleUrl,
    steps: finding.fix.steps.map((id) => formatMessage(rule.messages[id] ?? id, finding.data)),
    ...(finding.fix.suggestedPolicy === undefined ? {} : { suggestedPolicy: finding.fix.suggestedPolicy }),
  };
}
