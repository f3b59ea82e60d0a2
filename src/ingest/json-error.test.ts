import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonError } from './json-error.js';

describe('findJsonError', () => {
  const cases: [string, number, RegExp][] = [
    ['{"a": x}', 6, /unexpected character/],
    ['{"a": 1', 7, /unexpected end of input/],
    ['{"a": 1,}', 8, /property name/],
    ['[1, 2,]', 6, /unexpected character/],
    ['{"a" 1}', 5, /expected ':'/],
    ['{"a": 1} {}', 9, /after the JSON value/],
    ['["a\u0001"]', 1, /string/],
    ['["\\x"]', 1, /string/],
    ['[1 2]', 3, /expected ','/],
  ];
  for (const [text, position, reason] of cases) {
    it(`locates the error in ${JSON.stringify(text)}`, () => {
      const e = findJsonError(text);
      expect(e?.position).toBe(position);
      expect(e?.reason).toMatch(reason);
    });
  }

  it('agrees with JSON.parse: valid JSON has no error, and every strict prefix of an object has one', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(findJsonError(text)).toBeNull();
        const cut = text.trimEnd();
        if (cut.length > 1 && (cut.startsWith('{') || cut.startsWith('['))) {
          expect(findJsonError(cut.slice(0, -1))).not.toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('handles deep nesting without overflowing the stack', () => {
    expect(findJsonError('['.repeat(200_000))?.reason).toBe('unexpected end of input');
  });
});
