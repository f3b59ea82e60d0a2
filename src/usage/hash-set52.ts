/**
 * A set of non-negative integers below 2^53 (event-id hashes), open addressing over one Float64Array: about
 * 16 bytes per member at most, and no per-member allocation, unlike a `Set<number>` of non-small integers.
 *
 * @example const s = new HashSet52(); s.add(7); s.add(7) // true, false
 */
export class HashSet52 {
  private slots: Float64Array;
  private mask: number;
  private shift: number;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Float64Array(size).fill(-1);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
  }

  get size(): number {
    return this.count;
  }

  /** Adds `key`; false when it was already there. */
  add(key: number): boolean {
    if (!(key >= 0 && key < 2 ** 53 && Number.isInteger(key)))
      throw new RangeError(`not a 53-bit key: ${key}`);
    let i = this.slotOf(key);
    for (;;) {
      const v = this.slots[i]!;
      if (v === key) return false;
      if (v === -1) break;
      i = (i + 1) & this.mask;
    }
    this.slots[i] = key;
    if (++this.count * 2 > this.slots.length) this.grow();
    return true;
  }

  has(key: number): boolean {
    let i = this.slotOf(key);
    for (;;) {
      const v = this.slots[i]!;
      if (v === key) return true;
      if (v === -1) return false;
      i = (i + 1) & this.mask;
    }
  }

  private slotOf(key: number): number {
    // Mix the low 32 bits with the high 21 so that keys differing only in high bits spread.
    const lo = key >>> 0;
    const hi = Math.floor(key / 4294967296);
    return Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> this.shift;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    this.shift--;
    for (const v of old) {
      if (v === -1) continue;
      let i = this.slotOf(v);
      while (this.slots[i] !== -1) i = (i + 1) & this.mask;
      this.slots[i] = v;
    }
  }
}
