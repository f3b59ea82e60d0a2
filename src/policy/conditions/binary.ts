import type { ConditionOperator, PolicyValue } from './operator.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** BinaryEquals: both sides are base64; equal when the decoded bytes are equal. */
export const binaryEquals: ConditionOperator = {
  name: 'BinaryEquals',
  negated: false,
  variables: false,
  test(requestValue: string, policyValue: PolicyValue): boolean | null {
    if (!BASE64.test(requestValue) || !BASE64.test(policyValue.text)) return null;
    return Buffer.from(requestValue, 'base64').equals(Buffer.from(policyValue.text, 'base64'));
  },
};
