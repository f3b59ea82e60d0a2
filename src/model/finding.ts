/** Severities, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Numeric rank for sorting and thresholds: critical = 4 … info = 0. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(s);
}

/** Guard for user-given severities (`--fail-on`). */
export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

export type ResourceType = 'user' | 'role' | 'group' | 'policy' | 'ec2-instance' | 'lambda-function' | 'account';

/** The resource a detection is about, with AWS's own ARN. */
export interface ResourceRef {
  arn: string;
  type: ResourceType;
  name: string;
  accountId: string;
  region: string | null;
}

/** One step of a privilege-escalation path. */
export interface PathStep {
  from: string;
  to: string;
  technique: string;
  actions: string[];
  conditional: boolean;
}

/** How to fix a detection. `consoleUrl` is the "Fix in AWS" link. */
export interface Remediation {
  consoleUrl: string;
  steps: string[];
  suggestedPolicy?: Record<string, unknown> | null;
}

/** One detection, as in PRODUCT.md §5. */
export interface Detection {
  id: string;
  rule: string;
  severity: Severity;
  title: string;
  message: string;
  resource: ResourceRef;
  evidence: Record<string, unknown>;
  path?: PathStep[];
  remediation: Remediation;
}
