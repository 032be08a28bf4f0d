/** A growable set of small integers, a bit each. */
export class BitSet {
  private bytes = new Uint8Array(64);

  has(i: number): boolean {
    return (this.bytes[i >> 3] ?? 0) & (1 << (i & 7)) ? true : false;
  }

  add(i: number) {
    if (i >> 3 >= this.bytes.length) {
      const grown = new Uint8Array(
        Math.max(this.bytes.length * 2, (i >> 3) + 1),
      );
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[i >> 3] |= 1 << (i & 7);
  }

  /** Calls `fn` with each member, in increasing order. */
  forEach(fn: (i: number) => void) {
    this.bytes.forEach((byte, index) => {
      for (let bit = 0, rest = byte; rest; bit++, rest >>= 1) {
        if (rest & 1) fn(index * 8 + bit);
      }
    });
  }
}
