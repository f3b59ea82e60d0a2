import type { ConditionOperator, PolicyValue } from './operator.js';

// Integers and decimals, optionally signed; no exponent, hex, or empty string (which Number() would accept).
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function parse(text: string): number | null {
  const t = text.trim();
  return NUMBER.test(t) ? Number(t) : null;
}

function numeric(name: string, negated: boolean, cmp: (r: number, p: number) => boolean): ConditionOperator {
  return {
    name,
    negated,
    variables: false,
    test(requestValue: string, policyValue: PolicyValue): boolean | null {
      const r = parse(requestValue);
      const p = parse(policyValue.text);
      return r === null || p === null ? null : cmp(r, p);
    },
  };
}

export const numericEquals = numeric('NumericEquals', false, (r, p) => r === p);
export const numericNotEquals = numeric('NumericNotEquals', true, (r, p) => r === p);
export const numericLessThan = numeric('NumericLessThan', false, (r, p) => r < p);
export const numericLessThanEquals = numeric('NumericLessThanEquals', false, (r, p) => r <= p);
export const numericGreaterThan = numeric('NumericGreaterThan', false, (r, p) => r > p);
export const numericGreaterThanEquals = numeric('NumericGreaterThanEquals', false, (r, p) => r >= p);
