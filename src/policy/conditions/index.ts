import { arnEquals, arnLike, arnNotEquals, arnNotLike } from './arn-like.js';
import { binaryEquals } from './binary.js';
import { bool } from './bool.js';
import {
  dateEquals,
  dateGreaterThan,
  dateGreaterThanEquals,
  dateLessThan,
  dateLessThanEquals,
  dateNotEquals,
} from './date.js';
import { ipAddress, notIpAddress } from './ip-address.js';
import {
  numericEquals,
  numericGreaterThan,
  numericGreaterThanEquals,
  numericLessThan,
  numericLessThanEquals,
  numericNotEquals,
} from './numeric.js';
import type { ConditionOperator } from './operator.js';
import {
  stringEquals,
  stringEqualsIgnoreCase,
  stringNotEquals,
  stringNotEqualsIgnoreCase,
} from './string-equals.js';
import { stringLike, stringNotLike } from './string-like.js';

/** Every IAM condition operator (the Null check is handled by the block evaluator). */
export const CONDITION_OPERATORS: readonly ConditionOperator[] = [
  stringEquals,
  stringNotEquals,
  stringEqualsIgnoreCase,
  stringNotEqualsIgnoreCase,
  stringLike,
  stringNotLike,
  numericEquals,
  numericNotEquals,
  numericLessThan,
  numericLessThanEquals,
  numericGreaterThan,
  numericGreaterThanEquals,
  dateEquals,
  dateNotEquals,
  dateLessThan,
  dateLessThanEquals,
  dateGreaterThan,
  dateGreaterThanEquals,
  bool,
  binaryEquals,
  ipAddress,
  notIpAddress,
  arnEquals,
  arnLike,
  arnNotEquals,
  arnNotLike,
];

export { evaluateConditions } from './evaluate-block.js';
export { parseOperatorName } from './operator-name.js';
export type { ParsedOperator } from './operator-name.js';
export type { ConditionOperator, PolicyValue } from './operator.js';
export type { Tri } from './tri-state.js';
