/**
 * A set of IAM actions as a bitset over a fixed, ordered universe (the action catalog). Set algebra on
 * ~22,000 actions is ~690 32-bit words per operation, which is what makes set-wise effective permissions
 * cheap enough for tens of thousands of principals.
 *
 * Operations on sets over different universes throw: that is a programming error, never a data error.
 */

/** The ordered list of actions a set is drawn from; the catalog implements it. */
export interface ActionUniverse {
  /** Canonical names (`s3:GetObject`), by index. */
  readonly names: readonly string[];
  /** Index of a name given in lower case, or undefined when it is not in the universe. */
  indexOfLower(lowerName: string): number | undefined;
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** An immutable set of actions; every operation returns a new set. */
export class ActionSet {
  private emptyFlag: boolean | undefined = undefined;

  private constructor(
    readonly universe: ActionUniverse,
    private readonly words: Uint32Array,
  ) {}

  /** The empty set over `universe`. */
  static empty(universe: ActionUniverse): ActionSet {
    return new ActionSet(universe, new Uint32Array(wordCount(universe)));
  }

  /** The set of every action in `universe`. */
  static full(universe: ActionUniverse): ActionSet {
    return ActionSet.empty(universe).complement();
  }

  /** The set of the given indices; out-of-range indices are ignored. */
  static fromIndices(universe: ActionUniverse, indices: Iterable<number>): ActionSet {
    const words = new Uint32Array(wordCount(universe));
    const n = universe.names.length;
    for (const i of indices) {
      if (Number.isInteger(i) && i >= 0 && i < n) words[i >>> 5]! |= 1 << (i & 31);
    }
    return new ActionSet(universe, words);
  }

  /** The set of the named actions (any case); names not in the universe are ignored. */
  static fromNames(universe: ActionUniverse, names: Iterable<string>): ActionSet {
    const indices: number[] = [];
    for (const name of names) {
      const i = universe.indexOfLower(name.toLowerCase());
      if (i !== undefined) indices.push(i);
    }
    return ActionSet.fromIndices(universe, indices);
  }

  /** The set of the actions in the index range [start, end). */
  static fromRange(universe: ActionUniverse, start: number, end: number): ActionSet {
    const words = new Uint32Array(wordCount(universe));
    const hi = Math.min(end, universe.names.length);
    for (let i = Math.max(0, start); i < hi; i++) words[i >>> 5]! |= 1 << (i & 31);
    return new ActionSet(universe, words);
  }

  /** The union of many sets in one pass (one allocation, whatever the count). */
  static unionAll(universe: ActionUniverse, sets: readonly ActionSet[]): ActionSet {
    for (const set of sets)
      if (set.universe !== universe) throw new Error('ActionSet: sets over different universes');
    // Sets are immutable, so a union with at most one non-empty member can return it as is.
    const nonEmpty = sets.filter((x) => !x.isEmpty());
    if (nonEmpty.length === 1) return nonEmpty[0]!;
    const out = new Uint32Array(wordCount(universe));
    const n = out.length;
    for (const set of nonEmpty) {
      const w = set.words;
      for (let i = 0; i < n; i++) out[i] = (out[i] as number) | (w[i] as number);
    }
    return new ActionSet(universe, out);
  }

  /** Actions in this set or in `other`. */
  union(other: ActionSet): ActionSet {
    const o = this.compatible(other);
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    const out = new Uint32Array(this.words.length);
    for (let i = 0; i < out.length; i++) out[i] = this.words[i]! | o[i]!;
    return new ActionSet(this.universe, out);
  }

  /** Actions in both this set and `other`. */
  intersect(other: ActionSet): ActionSet {
    const o = this.compatible(other);
    if (this.isEmpty() || other.isFull()) return this;
    if (other.isEmpty() || this.isFull()) return other;
    const out = new Uint32Array(this.words.length);
    for (let i = 0; i < out.length; i++) out[i] = this.words[i]! & o[i]!;
    return new ActionSet(this.universe, out);
  }

  /** Actions in this set and not in `other`. */
  subtract(other: ActionSet): ActionSet {
    const o = this.compatible(other);
    if (other.isEmpty() || this.isEmpty()) return this;
    const out = new Uint32Array(this.words.length);
    for (let i = 0; i < out.length; i++) out[i] = this.words[i]! & ~o[i]!;
    return new ActionSet(this.universe, out);
  }

  /** Every action of the universe that is not in this set (what `NotAction` grants). */
  complement(): ActionSet {
    const out = new Uint32Array(this.words.length);
    for (let i = 0; i < out.length; i++) out[i] = ~this.words[i]!;
    // Clear the bits past the end of the universe so that size() and equals() stay exact.
    const tail = this.universe.names.length & 31;
    if (tail !== 0 && out.length > 0) out[out.length - 1]! &= (1 << tail) - 1;
    return new ActionSet(this.universe, out);
  }

  /** Whether the named action (any case) is in the set. */
  has(name: string): boolean {
    const i = this.universe.indexOfLower(name.toLowerCase());
    return i !== undefined && this.hasIndex(i);
  }

  /** Whether the action at catalog index `i` is in the set. */
  hasIndex(i: number): boolean {
    if (!Number.isInteger(i) || i < 0 || i >= this.universe.names.length) return false;
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  /** Number of actions in the set. */
  size(): number {
    let n = 0;
    for (const w of this.words) n += popcount(w);
    return n;
  }

  /** Whether the set is empty. */
  isEmpty(): boolean {
    // Computed once: the words never change after construction.
    if (this.emptyFlag === undefined) {
      this.emptyFlag = true;
      const words = this.words;
      for (let i = 0; i < words.length; i++) {
        if (words[i] !== 0) {
          this.emptyFlag = false;
          break;
        }
      }
    }
    return this.emptyFlag;
  }

  /** Whether the set holds every action of the universe. */
  isFull(): boolean {
    const n = this.universe.names.length;
    const whole = n >>> 5;
    for (let i = 0; i < whole; i++) if (this.words[i] !== 0xffffffff) return false;
    const tail = n & 31;
    return tail === 0 || this.words[whole] === ((1 << tail) - 1) >>> 0;
  }

  /** Whether every action of this set is in `other`. */
  isSubsetOf(other: ActionSet): boolean {
    const o = this.compatible(other);
    for (let i = 0; i < this.words.length; i++) if ((this.words[i]! & ~o[i]!) !== 0) return false;
    return true;
  }

  /** Whether both sets hold the same actions. */
  equals(other: ActionSet): boolean {
    const o = this.compatible(other);
    for (let i = 0; i < this.words.length; i++) if (this.words[i] !== o[i]) return false;
    return true;
  }

  /** Catalog indices of the members, ascending. */
  *indices(): Generator<number> {
    for (let w = 0; w < this.words.length; w++) {
      let bits = this.words[w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        yield w * 32 + (31 - Math.clz32(low));
        bits ^= low;
      }
    }
  }

  /** Canonical names of the members, in catalog order. */
  names(): string[] {
    const out: string[] = [];
    for (const i of this.indices()) out.push(this.universe.names[i]!);
    return out;
  }

  private compatible(other: ActionSet): Uint32Array {
    if (other.universe !== this.universe) throw new Error('ActionSet: sets over different universes');
    return other.words;
  }
}

function wordCount(universe: ActionUniverse): number {
  return Math.ceil(universe.names.length / 32);
}
