/**
 * Strings numbered in order of first sight, so hot loops compare and hash small integers instead of long
 * ARNs. The numbering is local to one interner.
 *
 * @example const i = new Interner(); i.id('a'); i.id('b'); i.id('a') // 0, 1, 0
 */
export class Interner {
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];

  /** The number of `s`, assigned on first sight. */
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  /** The string numbered `i`. */
  value(i: number): string {
    const s = this.values[i];
    if (s === undefined) throw new RangeError(`no string numbered ${i}`);
    return s;
  }

  get size(): number {
    return this.values.length;
  }

  /** Per number, its rank in code-unit string order (the order of `<`). */
  ranks(): Int32Array {
    const order = Array.from({ length: this.values.length }, (_, i) => i);
    order.sort((a, b) => {
      const x = this.values[a]!;
      const y = this.values[b]!;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const rank = new Int32Array(order.length);
    order.forEach((id, r) => (rank[id] = r));
    return rank;
  }
}
