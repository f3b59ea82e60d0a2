import type { ConditionOperator, PolicyValue } from './operator.js';

const EPOCH = /^\d+$/;
// ISO 8601 date or date-time (W3C profile), e.g. 2024-01-31, 2024-01-31T10:00:00Z, 2024-01-31T10:00:00.5+02:00.
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Milliseconds since the epoch for an ISO 8601 date or a whole number of epoch *seconds*; null otherwise. */
export function parseDate(text: string): number | null {
  const t = text.trim();
  if (EPOCH.test(t)) return Number(t) * 1000;
  if (!ISO.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

function date(name: string, negated: boolean, cmp: (r: number, p: number) => boolean): ConditionOperator {
  return {
    name,
    negated,
    variables: false,
    test(requestValue: string, policyValue: PolicyValue): boolean | null {
      const r = parseDate(requestValue);
      const p = parseDate(policyValue.text);
      return r === null || p === null ? null : cmp(r, p);
    },
  };
}

export const dateEquals = date('DateEquals', false, (r, p) => r === p);
export const dateNotEquals = date('DateNotEquals', true, (r, p) => r === p);
export const dateLessThan = date('DateLessThan', false, (r, p) => r < p);
export const dateLessThanEquals = date('DateLessThanEquals', false, (r, p) => r <= p);
export const dateGreaterThan = date('DateGreaterThan', false, (r, p) => r > p);
export const dateGreaterThanEquals = date('DateGreaterThanEquals', false, (r, p) => r >= p);
