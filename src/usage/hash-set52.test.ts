import { describe, expect, it } from 'vitest';
import { HashSet52 } from './hash-set52.js';
import { hashEventId } from '../ingest/cloudtrail.js';

describe('HashSet52', () => {
  it('answers like a Set over many 52-bit keys, through growth', () => {
    const ours = new HashSet52(4);
    const ref = new Set<number>();
    for (let i = 0; i < 50_000; i++) {
      // Event-id hashes, some repeated, and keys that differ only in their high bits.
      const key = i % 7 === 0 ? hashEventId(`id-${i >> 1}`) : (i % 1000) * 2 ** 32 + (i % 3);
      expect(ours.add(key)).toBe(!ref.has(key));
      ref.add(key);
    }
    expect(ours.size).toBe(ref.size);
    for (const k of ref) expect(ours.has(k)).toBe(true);
    expect(ours.has(2 ** 52 + 5)).toBe(false);
  });

  it('keeps 0 and refuses what is not a 53-bit integer', () => {
    const s = new HashSet52();
    expect(s.add(0)).toBe(true);
    expect(s.has(0)).toBe(true);
    expect(() => s.add(-1)).toThrow(RangeError);
    expect(() => s.add(2 ** 53)).toThrow(RangeError);
    expect(() => s.add(1.5)).toThrow(RangeError);
  });
});
