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
}
