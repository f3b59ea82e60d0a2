import type { ConditionOperator, PolicyValue } from './operator.js';

function parseBool(text: string): boolean | null {
  const t = text.toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : null;
}

/** Bool: `true` / `false`, case-insensitive; anything else never matches. */
export const bool: ConditionOperator = {
  name: 'Bool',
  negated: false,
  variables: true,
  test(requestValue: string, policyValue: PolicyValue): boolean | null {
    const r = parseBool(requestValue);
    const p = parseBool(policyValue.text);
    return r === null || p === null ? null : r === p;
  },
};
