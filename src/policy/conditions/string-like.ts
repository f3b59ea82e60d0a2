import { matchesParts, matchesWildcard } from '../wildcard.js';
import type { ConditionOperator, PolicyValue } from './operator.js';

const CASE_SENSITIVE = { caseInsensitive: false };

// StringLike: case-sensitive, `*` and `?` anywhere in the value; substituted variable values stay literal.
function like(r: string, p: PolicyValue): boolean {
  return p.parts === null
    ? matchesWildcard(p.text, r, CASE_SENSITIVE)
    : matchesParts(p.parts, r, CASE_SENSITIVE);
}

export const stringLike: ConditionOperator = {
  name: 'StringLike',
  negated: false,
  variables: true,
  test: like,
};
export const stringNotLike: ConditionOperator = {
  name: 'StringNotLike',
  negated: true,
  variables: true,
  test: like,
};
