import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads 30m, 6h, 1d and 90s', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('6h')).toBe(21_600_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('90s')).toBe(90_000);
  });

  it('rejects other text and intervals under a minute, naming the option', () => {
    for (const bad of ['6', 'h', '-1h', '1.5h', '10s', '0m', '400d', '6 hours'])
      expect(() => parseDuration(bad), bad).toThrow(/--every: .* is not an interval/);
  });
});
