import type { CacheEntry } from './SliCache';
import {
  GROWTH_ROOM,
  PrefixColumns,
} from '@sre-catalog/backstage-plugin-sre-common';

/** Bumped whenever the layout changes: snapshots of another version are ignored. */
export const SNAPSHOT_FORMAT = 1;

/** Column encodings: whole counts fit in 4 bytes, anything else keeps its sums. */
const UINT32_VALUES = 1;
const FLOAT64_SUMS = 2;

/**
 * Whether typed arrays are little-endian here (as on x86 and ARM): then runs of
 * u32 are copied as bytes (a memcpy) instead of one call per number, which made
 * restoring 10,000 SLOs' tiers take seconds.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A growable byte buffer with little-endian writes. */
class Writer {
  private bytes = Buffer.alloc(4096);
  length = 0;

  private room(n: number) {
    if (this.length + n <= this.bytes.length) return;
    const grown = Buffer.alloc(
      Math.max(2 * this.bytes.length, this.length + n),
    );
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  u8(v: number) {
    this.room(1);
    this.length = this.bytes.writeUInt8(v, this.length);
  }

  u32(v: number) {
    this.room(4);
    this.length = this.bytes.writeUInt32LE(v, this.length);
  }

  f64(v: number) {
    this.room(8);
    this.length = this.bytes.writeDoubleLE(v, this.length);
  }

  /** The first `n` numbers of `values`. */
  u32s(values: Uint32Array, n: number) {
    if (!LITTLE_ENDIAN) {
      for (let i = 0; i < n; i++) this.u32(values[i]);
      return;
    }
    this.room(4 * n);
    this.bytes.set(
      new Uint8Array(values.buffer, values.byteOffset, 4 * n),
      this.length,
    );
    this.length += 4 * n;
  }

  done(): Buffer {
    return Buffer.from(this.bytes.subarray(0, this.length));
  }
}

class Reader {
  at = 0;
  constructor(private readonly bytes: Buffer) {}

  private need(n: number) {
    if (this.at + n > this.bytes.length) {
      throw new Error('SLI cache snapshot is truncated');
    }
  }

  u8(): number {
    this.need(1);
    return this.bytes.readUInt8(this.at++);
  }

  u32(): number {
    this.need(4);
    const v = this.bytes.readUInt32LE(this.at);
    this.at += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.bytes.readDoubleLE(this.at);
    this.at += 8;
    return v;
  }

  /** `n` numbers into `into` (from its start). */
  u32s(into: Uint32Array, n: number) {
    if (!LITTLE_ENDIAN) {
      for (let i = 0; i < n; i++) into[i] = this.u32();
      return;
    }
    this.need(4 * n);
    new Uint8Array(into.buffer, into.byteOffset, 4 * n).set(
      this.bytes.subarray(this.at, this.at + 4 * n),
    );
    this.at += 4 * n;
  }
}

/** Scratch space for a column's values while decoding (grown as needed). */
let scratch = new Uint32Array(1024);

function wholeCounts(tier: PrefixColumns, c: number): boolean {
  for (let i = 0; i < tier.n; i++) {
    const v = tier.valueOf(c, i);
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) return false;
  }
  return true;
}

function writeTier(out: Writer, tier: PrefixColumns) {
  out.u8(tier.width);
  out.u32(tier.n);
  out.u32s(tier.starts, tier.n);
  for (let c = 0; c < tier.width; c++) {
    if (wholeCounts(tier, c)) {
      out.u8(UINT32_VALUES);
      if (scratch.length < tier.n) scratch = new Uint32Array(tier.n);
      for (let i = 0; i < tier.n; i++) scratch[i] = tier.valueOf(c, i);
      out.u32s(scratch, tier.n);
    } else {
      // Sums as they are, so that a restored tier answers to the last bit.
      out.u8(FLOAT64_SUMS);
      for (let i = 0; i <= tier.n; i++) out.f64(tier.sums[c][i]);
    }
  }
}

function readTier(input: Reader): PrefixColumns {
  const width = input.u8();
  const n = input.u32();
  const tier = new PrefixColumns(width, n + GROWTH_ROOM);
  input.u32s(tier.starts, n);
  for (let c = 0; c < width; c++) {
    const encoding = input.u8();
    const sums = tier.sums[c];
    if (encoding === UINT32_VALUES) {
      if (scratch.length < n) scratch = new Uint32Array(n);
      input.u32s(scratch, n);
      for (let i = 0; i < n; i++) sums[i + 1] = sums[i] + scratch[i];
    } else if (encoding === FLOAT64_SUMS) {
      for (let i = 0; i <= n; i++) sums[i] = input.f64();
    } else {
      throw new Error(`SLI cache snapshot has an unknown encoding ${encoding}`);
    }
  }
  tier.n = n;
  return tier;
}

/** One SLO's cached tiers as bytes (whole counts in 4 bytes each). */
export function encodeCacheEntry(entry: CacheEntry): Buffer {
  const out = new Writer();
  out.u8(SNAPSHOT_FORMAT);
  out.u8(entry.slices ? 1 : 0);
  out.f64(entry.hoursFromMs);
  writeTier(out, entry.minutes);
  writeTier(out, entry.fiveMinutes);
  writeTier(out, entry.hours);
  return out.done();
}

/** The tiers {@link encodeCacheEntry} wrote; throws on bytes it did not write. */
export function decodeCacheEntry(bytes: Buffer): CacheEntry {
  const input = new Reader(bytes);
  const format = input.u8();
  if (format !== SNAPSHOT_FORMAT) {
    throw new Error(`SLI cache snapshot has format ${format}`);
  }
  const slices = input.u8() === 1;
  const hoursFromMs = input.f64();
  const minutes = readTier(input);
  const fiveMinutes = readTier(input);
  const hours = readTier(input);
  if (input.at !== bytes.length) {
    throw new Error('SLI cache snapshot has bytes after its tiers');
  }
  return { hoursFromMs, slices, minutes, fiveMinutes, hours };
}
