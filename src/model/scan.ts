import type { Detection, Severity } from './finding.js';
import type { InputSummary } from './input.js';

/** An identity in the JSON output, with its usage in the window. */
export interface IdentitySummary {
  arn: string;
  type: 'user' | 'role';
  accountId: string;
  name: string;
  isAdmin: boolean;
  usedActions: { action: string; lastUsed: string; count: number }[];
  deniedActions: { action: string; lastDenied: string; count: number }[];
}

/** A rule that did not run, and why (e.g. its input was missing). */
export interface SkippedRule {
  rule: string;
  reason: string;
}

/** The result of one scan; `scan --format json` prints exactly this (schemaVersion 1). */
export interface ScanResult {
  schemaVersion: 1;
  asOf: string;
  window: { days: number; from: string; to: string };
  inputs: InputSummary[];
  summary: {
    detections: number;
    bySeverity: Record<Severity, number>;
    byRule: Record<string, number>;
    skippedRules: SkippedRule[];
    partial: boolean;
  };
  identities: IdentitySummary[];
  detections: Detection[];
}
