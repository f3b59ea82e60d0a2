import { arnFieldsMatch } from '../arn.js';
import type { ConditionOperator, PolicyValue } from './operator.js';
import { matchesParts } from '../wildcard.js';

// ArnEquals and ArnLike behave the same: each ARN field is matched on its own with wildcards
// (IAM User Guide, "Amazon Resource Name (ARN) condition operators").
function arn(r: string, p: PolicyValue): boolean | null {
  const fields = arnFieldsMatch(p.text, r);
  if (fields !== true || p.parts === null) return fields;
  // Substituted variable values are literal: `*` inside them must not act as a wildcard.
  return matchesParts(p.parts, r, { caseInsensitive: false });
}

export const arnEquals: ConditionOperator = { name: 'ArnEquals', negated: false, variables: true, test: arn };
export const arnLike: ConditionOperator = { name: 'ArnLike', negated: false, variables: true, test: arn };
export const arnNotEquals: ConditionOperator = {
  name: 'ArnNotEquals',
  negated: true,
  variables: true,
  test: arn,
};
export const arnNotLike: ConditionOperator = {
  name: 'ArnNotLike',
  negated: true,
  variables: true,
  test: arn,
};
