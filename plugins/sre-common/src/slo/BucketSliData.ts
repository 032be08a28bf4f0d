import type { SliData, SliceCounts } from './evaluateSlo';
import type { WindowCounts } from './math';

/** @public A stored bucket: counts of `[startMs, startMs + sizeMs)`. */
export type SliBucket = { startMs: number; good: number; total: number };

/**
 * Answers window sums over buckets of one fixed size with prefix sums, so every
 * window costs two binary searches however long it is. Slices are built from the
 * buckets when the slice length is a multiple of the bucket size.
 *
 * @public
 */
export class BucketSliData implements SliData {
  private readonly starts: Float64Array;
  private readonly goodPrefix: Float64Array;
  private readonly totalPrefix: Float64Array;
  private sliceCache?: {
    starts: Float64Array;
    good: Float64Array;
    bad: Float64Array;
    ratio: Float64Array;
  };

  /** `buckets` sorted by start, without duplicates. */
  constructor(
    buckets: SliBucket[],
    private readonly bucketMs: number,
    private readonly slice?: { sliceMs: number; sliceTarget: number },
  ) {
    const n = buckets.length;
    this.starts = new Float64Array(n);
    this.goodPrefix = new Float64Array(n + 1);
    this.totalPrefix = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      this.starts[i] = buckets[i].startMs;
      this.goodPrefix[i + 1] = this.goodPrefix[i] + buckets[i].good;
      this.totalPrefix[i + 1] = this.totalPrefix[i] + buckets[i].total;
    }
  }

  /** Index of the first start >= t. */
  private static lowerBound(starts: Float64Array, t: number): number {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Buckets that start inside `[from, to)` count whole. */
  events(fromMs: number, toMs: number): WindowCounts {
    const a = BucketSliData.lowerBound(this.starts, fromMs);
    const b = BucketSliData.lowerBound(this.starts, toMs);
    return {
      good: this.goodPrefix[b] - this.goodPrefix[a],
      total: this.totalPrefix[b] - this.totalPrefix[a],
    };
  }

  slices(fromMs: number, toMs: number): SliceCounts {
    if (!this.slice) {
      throw new Error('BucketSliData was built without a slice definition');
    }
    const { sliceMs } = this.slice;
    const cache = this.buildSlices();
    const firstSlice = Math.ceil(fromMs / sliceMs) * sliceMs;
    const lastSlice = Math.floor(toMs / sliceMs) * sliceMs;
    const possible = Math.max(0, (lastSlice - firstSlice) / sliceMs);
    const a = BucketSliData.lowerBound(cache.starts, firstSlice);
    const b = BucketSliData.lowerBound(cache.starts, lastSlice);
    const good = cache.good[b] - cache.good[a];
    const bad = cache.bad[b] - cache.bad[a];
    return {
      good,
      bad,
      empty: possible - good - bad,
      ratioSum: cache.ratio[b] - cache.ratio[a],
    };
  }

  /** Prefix sums over the slices that have data (built once). */
  private buildSlices() {
    if (this.sliceCache) return this.sliceCache;
    const { sliceMs, sliceTarget } = this.slice!;
    if (sliceMs % this.bucketMs !== 0) {
      throw new Error(
        `slice of ${sliceMs}ms is not a multiple of the ${this.bucketMs}ms buckets`,
      );
    }
    const starts: number[] = [];
    const good: number[] = [0];
    const bad: number[] = [0];
    const ratio: number[] = [0];
    let i = 0;
    while (i < this.starts.length) {
      const sliceStart = Math.floor(this.starts[i] / sliceMs) * sliceMs;
      let j = i;
      while (j < this.starts.length && this.starts[j] < sliceStart + sliceMs)
        j++;
      const g = this.goodPrefix[j] - this.goodPrefix[i];
      const t = this.totalPrefix[j] - this.totalPrefix[i];
      if (t > 0) {
        const r = g / t;
        starts.push(sliceStart);
        const isGood = r >= sliceTarget ? 1 : 0;
        good.push(good[good.length - 1] + isGood);
        bad.push(bad[bad.length - 1] + 1 - isGood);
        ratio.push(ratio[ratio.length - 1] + r);
      }
      i = j;
    }
    this.sliceCache = {
      starts: Float64Array.from(starts),
      good: Float64Array.from(good),
      bad: Float64Array.from(bad),
      ratio: Float64Array.from(ratio),
    };
    return this.sliceCache;
  }
}
