import { describe, expect, it } from 'vitest';
import { matchesPattern, patternToLike } from './mute-pattern.js';

describe('mute patterns', () => {
  it('matches * as any run of characters, case-insensitively, everything else literally', () => {
    expect(matchesPattern('arn:aws:iam::*:role/ci-*', 'arn:aws:iam::100000000001:role/CI-deploy')).toBe(true);
    expect(matchesPattern('arn:aws:iam::*:role/ci-*', 'arn:aws:iam::100000000001:user/ci-deploy')).toBe(
      false,
    );
    expect(matchesPattern('*role/a.b', 'arn:aws:iam::1:role/axb')).toBe(false);
    expect(matchesPattern('*role/(x)+', 'arn:aws:iam::1:role/(x)+')).toBe(true);
    expect(matchesPattern('exact', 'exact-not')).toBe(false);
  });

  it('escapes LIKE metacharacters', () => {
    expect(patternToLike('Arn:*:role/a_b%c!d')).toBe('arn:%:role/a!_b!%c!!d');
  });
});
