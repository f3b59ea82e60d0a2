import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActionSet } from './action-set.js';
import type { ActionUniverse } from './action-set.js';

// 70 actions: not a multiple of 32, so the last word has unused bits that complement() must keep clear.
const NAMES = Array.from({ length: 70 }, (_, i) => `svc${i % 3}:Action${i}`);
const LOWER = new Map(NAMES.map((n, i) => [n.toLowerCase(), i]));
const U: ActionUniverse = { names: NAMES, indexOfLower: (l) => LOWER.get(l) };

const indices = fc.array(fc.integer({ min: 0, max: NAMES.length - 1 }), { maxLength: 80 });
const model = (xs: number[]) => new Set(xs);
const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe('ActionSet', () => {
  it('matches a Set<number> model for union, intersect, subtract, complement, size', () => {
    fc.assert(
      fc.property(indices, indices, (a, b) => {
        const sa = ActionSet.fromIndices(U, a);
        const sb = ActionSet.fromIndices(U, b);
        const ma = model(a);
        const mb = model(b);
        expect([...sa.union(sb).indices()]).toEqual(sorted(new Set([...ma, ...mb])));
        expect([...sa.intersect(sb).indices()]).toEqual(sorted(new Set([...ma].filter((x) => mb.has(x)))));
        expect([...sa.subtract(sb).indices()]).toEqual(sorted(new Set([...ma].filter((x) => !mb.has(x)))));
        const comp = [...sa.complement().indices()];
        expect(comp).toEqual(NAMES.map((_, i) => i).filter((i) => !ma.has(i)));
        expect(sa.size()).toBe(ma.size);
        expect(sa.complement().size()).toBe(NAMES.length - ma.size);
        expect(sa.isSubsetOf(sa.union(sb))).toBe(true);
        expect(sa.union(sb).equals(sb.union(sa))).toBe(true);
      }),
    );
  });

  it('full is the complement of empty, and has no bits beyond the universe', () => {
    const full = ActionSet.full(U);
    expect(full.isFull()).toBe(true);
    expect(full.size()).toBe(70);
    expect(full.hasIndex(70)).toBe(false);
    expect(full.complement().isEmpty()).toBe(true);
    expect(full.equals(ActionSet.empty(U).complement())).toBe(true);
    expect(ActionSet.fromIndices(U, [0]).isFull()).toBe(false);
  });

  it('looks names up case-insensitively and ignores unknown ones', () => {
    const s = ActionSet.fromNames(U, ['SVC1:action1', 'svc9:Nope']);
    expect(s.has('svc1:Action1')).toBe(true);
    expect(s.has('svc1:action4')).toBe(false);
    expect(s.has('svc9:Nope')).toBe(false);
    expect(s.names()).toEqual(['svc1:Action1']);
  });

  it('ignores out-of-range and fractional indices', () => {
    const s = ActionSet.fromIndices(U, [-1, 70, 1.5, 3]);
    expect([...s.indices()]).toEqual([3]);
    expect(s.hasIndex(-1)).toBe(false);
  });

  it('builds ranges', () => {
    expect([...ActionSet.fromRange(U, 65, 99).indices()]).toEqual([65, 66, 67, 68, 69]);
  });

  it('refuses to combine sets over different universes', () => {
    const other: ActionUniverse = { names: NAMES, indexOfLower: () => undefined };
    expect(() => ActionSet.empty(U).union(ActionSet.empty(other))).toThrow(/different universes/);
  });
});
