import type { PatternPart } from '../wildcard.js';

/**
 * A policy value after variable substitution. `parts` is set when variables were substituted (their values
 * are literal and never wildcards); `text` is the whole value with variables replaced.
 */
export interface PolicyValue {
  text: string;
  parts: readonly PatternPart[] | null;
}

/**
 * One condition operator (after iam-simulate: one plain object per operator). `test` is the *positive*
 * relation between one request value and one policy value, or null when either cannot be read as the
 * operator's type (a malformed date, IP or ARN), which fails the comparison whether or not the operator is
 * negated. Negated operators (`StringNotEquals`, `NotIpAddress`, …) hold when no policy value relates.
 */
export interface ConditionOperator {
  name: string;
  negated: boolean;
  /** Whether `${...}` in policy values is substituted (string and ARN operators). */
  variables: boolean;
  test(requestValue: string, policyValue: PolicyValue): boolean | null;
}
