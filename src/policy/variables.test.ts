import { describe, expect, it } from 'vitest';
import { createContext } from './context.js';
import { resolveVariables } from './variables.js';

const ctx = createContext({
  'aws:username': 'alice',
  'aws:PrincipalTag/team': 'red',
  'aws:TagKeys': ['a', 'b'],
});

describe('resolveVariables', () => {
  it.each([
    ['home/${aws:username}/*', 'home/alice/*'],
    ['home/${AWS:UserName}', 'home/alice'],
    ['${aws:PrincipalTag/team}-${aws:username}', 'red-alice'],
    ["${aws:PrincipalTag/dept, 'none'}", 'none'],
    ["${aws:username, 'none'}", 'alice'],
    ["${aws:TagKeys, 'multi'}", 'multi'],
    ['${*}${?}${$}', '*?$'],
    ['no variables', 'no variables'],
    ['broken ${aws:username', 'broken ${aws:username'],
  ])('%s -> %s', (text, expected) => {
    const r = resolveVariables(text, ctx);
    expect(r.kind).toBe('resolved');
    if (r.kind === 'resolved') expect(r.text).toBe(expected);
  });

  it('marks substituted values and special characters literal', () => {
    const r = resolveVariables('a/${*}/${aws:username}*', ctx);
    expect(r).toEqual({
      kind: 'resolved',
      text: 'a/*/alice*',
      parts: [
        { text: 'a/', literal: false },
        { text: '*', literal: true },
        { text: '/', literal: false },
        { text: 'alice', literal: true },
        { text: '*', literal: false },
      ],
    });
  });

  it('is unresolvable for an absent or multi-valued key without default', () => {
    expect(resolveVariables('${aws:userid}', ctx)).toEqual({ kind: 'unresolvable', keys: ['aws:userid'] });
    expect(resolveVariables('${aws:TagKeys}', ctx)).toEqual({ kind: 'unresolvable', keys: ['aws:TagKeys'] });
  });

  it('is unknown when the key is unknown at scan time, even with a default', () => {
    const unknown = createContext({ 'aws:username': 'alice' }, 'unknown');
    expect(resolveVariables("${aws:PrincipalTag/x, 'd'}/${aws:username}", unknown)).toEqual({
      kind: 'unknown',
      keys: ['aws:PrincipalTag/x'],
    });
  });
});
