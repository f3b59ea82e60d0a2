import { describe, expect, it } from 'vitest';
import { formatMessage } from './define-rule.js';

describe('formatMessage', () => {
  it('fills placeholders', () => {
    expect(formatMessage('IAM user {name} has {count} keys.', { name: 'alice', count: 2 })).toBe(
      'IAM user alice has 2 keys.',
    );
  });
  it('never re-expands placeholders found in values (names are attacker-controlled)', () => {
    expect(formatMessage('{a} and {b}', { a: '{b}', b: 'x' })).toBe('{b} and x');
  });
  it('leaves unknown placeholders visible rather than inventing text, and ignores inherited keys', () => {
    expect(formatMessage('{missing} {toString}', {})).toBe('{missing} {toString}');
  });
  it('does not interpret replacement patterns in values', () => {
    expect(formatMessage('user {name}', { name: "$& $' $`" })).toBe("user $& $' $`");
  });
});
