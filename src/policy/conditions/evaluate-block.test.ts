import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import { CONDITION_OPERATORS, evaluateConditions, parseOperatorName } from './index.js';

describe('evaluateConditions', () => {
  it('is true without a block', () => {
    expect(evaluateConditions(undefined, createContext())).toEqual({ result: 'true', unknownKeys: [] });
  });

  it('lists each unknown key once and stays unknown while nothing is false', () => {
    const ctx = createContext({ 'aws:SourceIp': '10.0.0.1' }, 'unknown');
    const out = evaluateConditions(
      {
        StringEquals: { 'aws:PrincipalTag/team': ['red'] },
        StringLike: { 'aws:PrincipalTag/team': ['r*'] },
        IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] },
      },
      ctx,
    );
    expect(out).toEqual({ result: 'unknown', unknownKeys: ['aws:PrincipalTag/team'] });
  });

  it('is false, not unknown, when a known key fails beside an unknown one', () => {
    const ctx = createContext({ 'aws:SourceIp': '192.0.2.1' }, 'unknown');
    const out = evaluateConditions(
      { StringEquals: { 'aws:PrincipalTag/team': ['red'] }, IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
      ctx,
    );
    expect(out.result).toBe('false');
  });

  it('makes an unknown operator false, never a silent allow, even for negated-looking names', () => {
    for (const op of [
      'StringNotEqualz',
      'ForEveryValue:StringEquals',
      'NullIfExists',
      'ForAllValues:Null',
      '',
    ]) {
      expect(evaluateConditions({ [op]: { 'aws:username': ['x'] } }, createContext()).result).toBe('false');
    }
  });

  it('parses operator names with set prefixes and IfExists, case-insensitively', () => {
    expect(parseOperatorName('ForAnyValue:StringLikeIfExists')).toMatchObject({
      set: 'ForAnyValue',
      ifExists: true,
      operator: { name: 'StringLike' },
    });
    expect(parseOperatorName('null')).toEqual({ operator: null, set: null, ifExists: false });
    expect(parseOperatorName('StringEqualsIfExistsIfExists')).toBeNull();
  });
});

// Meta-test: every registered operator is exercised by at least one JSON case.
describe('operator coverage by case files', () => {
  const casesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cases');
  const text = readdirSync(casesDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => readFileSync(path.join(casesDir, f), 'utf8'))
    .join('\n');
  it.each(CONDITION_OPERATORS.map((op) => op.name))('%s has a case', (name) => {
    expect(text).toMatch(new RegExp(`"(For(All|Any)Values?:)?${name}(IfExists)?"`));
  });
});
