import type { ConditionOperator, PolicyValue } from './operator.js';

// Equality operators compare the substituted value exactly; `*` in a StringEquals value is a literal.
function equals(r: string, p: PolicyValue): boolean {
  return r === p.text;
}
function equalsIgnoreCase(r: string, p: PolicyValue): boolean {
  return r.toLowerCase() === p.text.toLowerCase();
}

export const stringEquals: ConditionOperator = {
  name: 'StringEquals',
  negated: false,
  variables: true,
  test: equals,
};
export const stringNotEquals: ConditionOperator = {
  name: 'StringNotEquals',
  negated: true,
  variables: true,
  test: equals,
};
export const stringEqualsIgnoreCase: ConditionOperator = {
  name: 'StringEqualsIgnoreCase',
  negated: false,
  variables: true,
  test: equalsIgnoreCase,
};
export const stringNotEqualsIgnoreCase: ConditionOperator = {
  name: 'StringNotEqualsIgnoreCase',
  negated: true,
  variables: true,
  test: equalsIgnoreCase,
};
