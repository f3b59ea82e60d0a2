import { createHash } from 'node:crypto';
import type { Detection } from '../model/finding.js';
import { severityRank } from '../model/finding.js';
import type { SkippedRule } from '../model/scan.js';
import type { Coverage } from '../model/inventory.js';
import type { RuleContext } from './context.js';
import type { Rule, RuleFinding, RuleInput, RuleRequirement } from './define-rule.js';
import { buildRemediation, formatMessage } from './define-rule.js';
import { RULES } from './index.js';

const INPUT_NAMES: Record<RuleInput, string> = {
  iam: 'IAM authorization details',
  'credential-report': 'credential report',
  ec2: 'EC2 instances',
  lambda: 'Lambda functions',
  organization: 'organization',
  cloudtrail: 'CloudTrail',
};

function hasInput(coverage: Coverage, input: RuleInput): boolean {
  switch (input) {
    case 'iam':
      return coverage.iamAccounts.size > 0;
    case 'credential-report':
      return coverage.credentialReportAccounts.size > 0;
    case 'ec2':
      return coverage.ec2Accounts.size > 0;
    case 'lambda':
      return coverage.lambdaAccounts.size > 0;
    case 'organization':
      return coverage.organization;
    case 'cloudtrail':
      return coverage.cloudtrail;
  }
}

/** The first unmet requirement of a rule, as "missing input: …", or null when it can run. */
export function missingInput(rule: Pick<Rule, 'requires'>, coverage: Coverage): string | null {
  for (const req of rule.requires as readonly RuleRequirement[]) {
    const anyOf: readonly RuleInput[] = typeof req === 'string' ? [req] : req;
    if (!anyOf.some((i) => hasInput(coverage, i))) {
      return `missing input: ${anyOf.map((i) => INPUT_NAMES[i]).join(' or ')}`;
    }
  }
  return null;
}

/** The stable detection id: the rule id and 16 hex digits of the SHA-256 of the canonical identity. */
export function detectionId(ruleId: string, identity: Record<string, string | number>): string {
  const canonical = JSON.stringify(
    Object.keys(identity)
      .sort()
      .map((k) => [k, identity[k]]),
  );
  return `${ruleId}-${createHash('sha256').update(`${ruleId}\u0000${canonical}`).digest('hex').slice(0, 16)}`;
}

/** Turns one rule finding into a Detection. */
export function toDetection(rule: Rule, finding: RuleFinding): Detection {
  const template = rule.messages[finding.messageId] ?? finding.messageId;
  return {
    id: detectionId(rule.id, finding.identity),
    rule: rule.id,
    severity: finding.severity ?? rule.severity,
    title: rule.title,
    message: formatMessage(template, finding.data),
    resource: finding.resource,
    evidence: finding.evidence,
    ...(finding.path === undefined ? {} : { path: finding.path }),
    remediation: buildRemediation(rule, finding),
  };
}

/** Orders detections: most severe first, then rule id, resource ARN and id. */
export function compareDetections(a: Detection, b: Detection): number {
  const bySeverity = severityRank(b.severity) - severityRank(a.severity);
  if (bySeverity !== 0) return bySeverity;
  for (const [x, y] of [
    [a.rule, b.rule],
    [a.resource.arn, b.resource.arn],
    [a.id, b.id],
  ] as const) {
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Runs one rule (no skip logic): its detections, deduplicated by id. */
export function runRule(rule: Rule, ctx: RuleContext): Detection[] {
  const byId = new Map<string, Detection>();
  for (const f of rule.evaluate(ctx)) {
    const d = toDetection(rule, f);
    if (!byId.has(d.id)) byId.set(d.id, d);
  }
  return [...byId.values()];
}

/**
 * Runs every registered rule. A rule whose input is missing is skipped with "missing input: …" (it never
 * guesses); one listed in `config.disabledRules` is skipped with "disabled by configuration".
 */
export function runRules(
  ctx: RuleContext,
  rules: readonly Rule[] = RULES,
): { detections: Detection[]; skipped: SkippedRule[] } {
  const detections: Detection[] = [];
  const skipped: SkippedRule[] = [];
  const disabled = new Set(ctx.config.disabledRules);
  for (const rule of rules) {
    if (disabled.has(rule.id)) {
      skipped.push({ rule: rule.id, reason: 'disabled by configuration' });
      continue;
    }
    const missing = missingInput(rule, ctx.inventory.coverage);
    if (missing !== null) {
      skipped.push({ rule: rule.id, reason: missing });
      continue;
    }
    detections.push(...runRule(rule, ctx));
  }
  return { detections: detections.sort(compareDetections), skipped };
}
