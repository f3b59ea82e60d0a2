/**
 * Strings numbered in order of first sight, so hot loops compare and hash small integers instead of long
 * ARNs. The numbering is local to one interner.
 *
 * @example const i = new Interner(); i.id('a'); i.id('b'); i.id('a') // 0, 1, 0
 */
export class Interner {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];

  /** The number of `s`, assigned on first sight. */
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  /** The string numbered `i`. */
  value(i: number): string {
    const s = this.list[i];
    if (s === undefined) throw new RangeError(`no string numbered ${i}`);
    return s;
  }

  /** Every string, in number order (the interner's own list: do not change it). */
  values(): readonly string[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  /** Per number, its rank in code-unit string order (the order of `<`). */
  ranks(): Int32Array {
    const order = Array.from({ length: this.list.length }, (_, i) => i);
    order.sort((a, b) => {
      const x = this.list[a]!;
      const y = this.list[b]!;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const rank = new Int32Array(order.length);
    order.forEach((id, r) => (rank[id] = r));
    return rank;
  }
}
