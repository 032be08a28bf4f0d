import type { WindowCounts } from '../math';

/**
 * The SLO data kernel, part 1: bucket starts in time order with running sums of
 * their value columns, so that the sum over any time range is two binary searches
 * (SLO-MATH.md, "Storage that scales"). The store's reads, the evaluator's cache,
 * its snapshots, the incident detector and the budget calculator all sum windows
 * with it.
 */

/** @public A stored bucket: counts of `[startMs, startMs + sizeMs)`. */
export type SliBucket = { startMs: number; good: number; total: number };

/**
 * Spare buckets of a tier read whole, and its least growth: tiers grow by a bucket
 * at a time and are trimmed as often, so a proportional reserve is memory wasted.
 *
 * @public
 */
export const GROWTH_ROOM = 16;

/**
 * Index of the first row in `[lo, hi)` whose start is at or after `t`, over starts
 * `stride` numbers apart (rows of a flat array), in time order.
 *
 * @public
 */
export function lowerBound(
  starts: ArrayLike<number>,
  t: number,
  lo: number = 0,
  hi: number = starts.length,
  stride: number = 1,
): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (starts[mid * stride] < t) a = mid + 1;
    else b = mid;
  }
  return a;
}

/**
 * The columns of a tier in ONE allocation: the sums (8-byte aligned) then the
 * starts, as views of one ArrayBuffer. A typed array of its own per column costs
 * an allocation each (with V8's external-memory bookkeeping), which at 10,000 SLOs
 * x 3 tiers was a large part of building or restoring the cache.
 */
function allocate(
  width: number,
  capacity: number,
): [Uint32Array, Float64Array[]] {
  const sumBytes = 8 * (capacity + 1);
  const buffer = new ArrayBuffer(width * sumBytes + 4 * capacity);
  const sums = new Array<Float64Array>(width);
  for (let c = 0; c < width; c++) {
    sums[c] = new Float64Array(buffer, c * sumBytes, capacity + 1);
  }
  return [new Uint32Array(buffer, width * sumBytes, capacity), sums];
}

/**
 * One tier of one SLO: bucket starts in time order and running sums of each value
 * column, so the sum over any time range is two binary searches. Starts are kept
 * in whole seconds (buckets start on their grid, in whole minutes), in half the
 * memory of milliseconds as doubles; the methods take and give milliseconds.
 * Columns 0 and 1 are `good, total` wherever events are summed.
 *
 * @public
 */
export class PrefixColumns {
  n = 0;
  /** Bucket starts in epoch seconds. */
  starts: Uint32Array;
  /** `sums[c][i]` is the sum of column c over the first i buckets. */
  sums: Float64Array[];

  constructor(readonly width: number, capacity = 16) {
    const [starts, sums] = allocate(width, capacity);
    this.starts = starts;
    this.sums = sums;
  }

  /**
   * Rows of `stride` numbers (start, then at least `width` values), in time order,
   * with room for {@link GROWTH_ROOM} more buckets.
   */
  static of(
    width: number,
    flat: Float64Array,
    stride: number = width + 1,
  ): PrefixColumns {
    const n = flat.length / stride;
    const p = new PrefixColumns(width, n + GROWTH_ROOM);
    // Rows in time order (as the store returns them) are appended column by
    // column without upsert's per-row search and branches: a cold start builds
    // 30,000 tiers of hundreds of rows. The first row out of order (or not on a
    // whole second) and all after it go through upsert.
    const { starts, sums } = p;
    let i = 0;
    for (let last = -1; i < n; i++) {
      const start = flat[i * stride] / 1000;
      if (!(start > last && Number.isInteger(start) && start <= 0xffffffff)) {
        break;
      }
      starts[i] = start;
      last = start;
    }
    for (let c = 0; c < width; c++) {
      const s = sums[c];
      for (let k = 0, at = 1 + c; k < i; k++, at += stride) {
        s[k + 1] = s[k] + flat[at];
      }
    }
    p.n = i;
    for (; i < n; i++) p.upsert(flat, i * stride);
    return p;
  }

  /**
   * `good, total` of buckets (any order, no two with the same start) that start in
   * `[fromMs, beforeMs)`, plus the named extra columns of each.
   */
  static ofBuckets<T extends SliBucket>(
    buckets: readonly T[],
    options: {
      fromMs?: number;
      beforeMs?: number;
      extra?: ReadonlyArray<keyof T & string>;
    } = {},
  ): PrefixColumns {
    const { fromMs = -Infinity, beforeMs = Infinity, extra = [] } = options;
    const p = new PrefixColumns(2 + extra.length, buckets.length);
    const row = new Array<number>(3 + extra.length);
    for (const b of buckets) {
      if (b.startMs < fromMs || b.startMs >= beforeMs) continue;
      row[0] = b.startMs;
      row[1] = b.good;
      row[2] = b.total;
      for (let c = 0; c < extra.length; c++) {
        row[3 + c] = Number(b[extra[c]] ?? 0);
      }
      p.upsert(row, 0);
    }
    return p;
  }

  /** Start of bucket i (ms). */
  startOf(i: number): number {
    return this.starts[i] * 1000;
  }

  /** Value of column c in bucket i. */
  valueOf(c: number, i: number): number {
    return this.sums[c][i + 1] - this.sums[c][i];
  }

  /** Grows by an eighth: tiers grow slowly, and are trimmed as they do. */
  private grow() {
    const capacity =
      this.starts.length + Math.max(GROWTH_ROOM, this.starts.length >> 3);
    const [starts, sums] = allocate(this.width, capacity);
    starts.set(this.starts.subarray(0, this.n));
    for (let c = 0; c < this.width; c++) {
      sums[c].set(this.sums[c].subarray(0, this.n + 1));
    }
    this.starts = starts;
    this.sums = sums;
  }

  /**
   * Index of the first bucket starting at or after `t` (ms). The evaluator's hot
   * loop: {@link lowerBound} specialised to this tier's Uint32Array of seconds, so
   * that it stays monomorphic (the generic one also sees Float64Arrays).
   *
   * With 10,000 SLOs the tiers (hundreds of MB) do not fit any CPU cache, so what
   * a search costs is the cache lines it touches, not its comparisons. Most
   * searches of an evaluation are at either end (a window ends now, a trim is
   * before the first bucket), and a tier is a regular grid with few gaps (one
   * bucket per hour or per 5 minutes): the ends are answered from the first and
   * last start, and otherwise the index the grid's step points to is checked
   * (one more line) before falling back to the binary search.
   */
  lowerBound(t: number): number {
    const n = this.n;
    const starts = this.starts;
    const seconds = t / 1000;
    if (n === 0 || !(seconds > starts[0])) return 0;
    const last = starts[n - 1];
    if (seconds > last) return n;
    // starts[0] < seconds <= last, so 1 <= guess <= n - 1 on a gapless grid.
    const guess = Math.ceil(
      ((seconds - starts[0]) * (n - 1)) / (last - starts[0]),
    );
    if (guess >= 1 && guess < n) {
      if (starts[guess] >= seconds) {
        if (starts[guess - 1] < seconds) return guess;
      }
    }
    let lo = 1;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < seconds) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Sets the bucket at `row[at]` to the values after it (replacing one with that start). */
  upsert(row: ArrayLike<number>, at: number) {
    const start = row[at] / 1000;
    if (!Number.isInteger(start) || start < 0 || start > 0xffffffff) {
      throw new Error(`SLI bucket start ${row[at]} is not a whole second`);
    }
    const n = this.n;
    const w = this.width;
    if (n === 0 || start > this.starts[n - 1]) {
      if (n === this.starts.length) this.grow();
      this.starts[n] = start;
      for (let c = 0; c < w; c++) {
        const s = this.sums[c];
        s[n + 1] = s[n] + row[at + 1 + c];
      }
      this.n = n + 1;
      return;
    }
    const i = this.lowerBound(row[at]);
    if (this.starts[i] === start) {
      for (let c = 0; c < w; c++) {
        const s = this.sums[c];
        const delta = row[at + 1 + c] - (s[i + 1] - s[i]);
        if (delta !== 0) for (let j = i + 1; j <= n; j++) s[j] += delta;
      }
      return;
    }
    if (n === this.starts.length) this.grow();
    this.starts.copyWithin(i + 1, i, n);
    this.starts[i] = start;
    for (let c = 0; c < w; c++) {
      const s = this.sums[c];
      const v = row[at + 1 + c];
      s.copyWithin(i + 2, i + 1, n + 1);
      s[i + 1] = s[i] + v;
      for (let j = i + 2; j <= n + 1; j++) s[j] += v;
    }
    this.n = n + 1;
  }

  /** Forgets buckets that start before `t`. */
  dropBefore(t: number) {
    const k = this.lowerBound(t);
    if (k === 0) return;
    this.starts.copyWithin(0, k, this.n);
    for (const s of this.sums) s.copyWithin(0, k, this.n + 1);
    this.n -= k;
  }

  /** Sum of column c over buckets `[a, b)` (indexes from {@link PrefixColumns.lowerBound}). */
  sum(c: number, a: number, b: number): number {
    return this.sums[c][b] - this.sums[c][a];
  }

  /**
   * Adds columns 0 and 1 (`good, total`) of the buckets starting in
   * `[fromMs, toMs)` to `into`, without allocating.
   */
  addEvents(fromMs: number, toMs: number, into: WindowCounts) {
    if (toMs <= fromMs || this.n === 0) return;
    const a = this.lowerBound(fromMs);
    const b = this.lowerBound(toMs);
    const good = this.sums[0];
    const total = this.sums[1];
    into.good += good[b] - good[a];
    into.total += total[b] - total[a];
  }

  /** The buckets as objects (for the rare paths that need them). */
  toObjects(): Array<{ startMs: number; values: number[] }> {
    return Array.from({ length: this.n }, (_, i) => ({
      startMs: this.startOf(i),
      values: this.sums.map((_s, c) => this.valueOf(c, i)),
    }));
  }
}
