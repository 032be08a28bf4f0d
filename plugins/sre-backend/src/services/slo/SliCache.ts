import {
  SliData,
  SliceCounts,
  WindowCounts,
} from '@sre-catalog/backstage-plugin-sre-common';
import { FlatSliRows, SliStore, SliceSpec } from './SliStore';
import { TieredSliData } from './TieredSliData';

/**
 * Rows re-read on each refresh from before the last one: covers transactions that
 * committed up to this long after they started (writers stamp rows when they
 * start) and clocks of other replicas that are a little behind.
 */
export const REFRESH_OVERLAP_MS = 60_000;
/** After this long without a refresh, reading everything again is simpler. */
const STALE_AFTER_MS = 60 * 60_000;
/**
 * Everything is read again this often anyway, so that a row missed by the
 * incremental reads (a transaction slower than the overlap) is not missed for long.
 */
const FULL_EVERY_MS = 6 * 60 * 60_000;
const EMPTY = new Float64Array(0);
/** SLOs per read when reading SLOs whole. */
const WHOLE_BATCH = 500;

/**
 * One tier of one SLO: bucket starts in time order and running sums of each value
 * column, so the sum over any time range is two binary searches.
 */
export class PrefixColumns {
  n = 0;
  starts: Float64Array;
  /** `sums[c][i]` is the sum of column c over the first i buckets. */
  sums: Float64Array[];

  constructor(readonly width: number, capacity = 16) {
    this.starts = new Float64Array(capacity);
    this.sums = Array.from(
      { length: width },
      () => new Float64Array(capacity + 1),
    );
  }

  /** Rows of `1 + width` numbers (start, then the values), in time order. */
  static of(width: number, flat: Float64Array): PrefixColumns {
    const stride = width + 1;
    const n = flat.length / stride;
    const p = new PrefixColumns(width, Math.max(16, n + (n >> 2)));
    for (let i = 0; i < n; i++) p.upsert(flat, i * stride);
    return p;
  }

  private grow() {
    const capacity = this.starts.length * 2;
    const starts = new Float64Array(capacity);
    starts.set(this.starts);
    this.starts = starts;
    this.sums = this.sums.map(s => {
      const grown = new Float64Array(capacity + 1);
      grown.set(s);
      return grown;
    });
  }

  /** Index of the first bucket starting at or after `t`. */
  lowerBound(t: number): number {
    let lo = 0;
    let hi = this.n;
    const starts = this.starts;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Sets the bucket at `row[at]` to the values after it (replacing one with that start). */
  upsert(row: ArrayLike<number>, at: number) {
    const start = row[at];
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
    const i = this.lowerBound(start);
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

  /** Sum of column c over buckets starting in `[fromMs, toMs)`. */
  sum(c: number, a: number, b: number): number {
    return this.sums[c][b] - this.sums[c][a];
  }

  /** The buckets as objects (for the rare paths that need them). */
  toObjects(): Array<{ startMs: number; values: number[] }> {
    return Array.from({ length: this.n }, (_, i) => ({
      startMs: this.starts[i],
      values: this.sums.map(s => s[i + 1] - s[i]),
    }));
  }
}

type Entry = { minutes: PrefixColumns; hours: PrefixColumns };

/**
 * The window sums of one SLO from its cached tiers: hourly rollups before `cutMs`,
 * fine buckets from it (as {@link TieredSliData}, without building anything).
 */
class CachedSliData implements SliData {
  private tiered?: TieredSliData;

  constructor(
    private readonly entry: Entry,
    private readonly cutMs: number,
    private readonly slice?: SliceSpec,
  ) {}

  events(fromMs: number, toMs: number): WindowCounts {
    const { minutes, hours } = this.entry;
    let good = 0;
    let total = 0;
    const olderTo = Math.min(toMs, this.cutMs);
    if (olderTo > fromMs) {
      const a = hours.lowerBound(fromMs);
      const b = hours.lowerBound(olderTo);
      good += hours.sum(0, a, b);
      total += hours.sum(1, a, b);
    }
    const recentFrom = Math.max(fromMs, this.cutMs);
    if (toMs > recentFrom) {
      const a = minutes.lowerBound(recentFrom);
      const b = minutes.lowerBound(toMs);
      good += minutes.sum(0, a, b);
      total += minutes.sum(1, a, b);
    }
    return { good, total };
  }

  slices(fromMs: number, toMs: number): SliceCounts {
    if (!this.tiered) {
      const { minutes, hours } = this.entry;
      this.tiered = new TieredSliData(
        {
          minutes: minutes.toObjects().map(b => ({
            startMs: b.startMs,
            good: b.values[0],
            total: b.values[1],
          })),
          hours: hours.toObjects().map(b => ({
            startMs: b.startMs,
            good: b.values[0],
            total: b.values[1],
            goodSlices: b.values[2],
            badSlices: b.values[3],
            ratioSum: b.values[4],
          })),
        },
        this.cutMs,
        this.slice,
      );
    }
    return this.tiered.slices(fromMs, toMs);
  }
}

/**
 * SLI rollups of the built-in SLOs in memory, as prefix sums, for the evaluator:
 * the database stays the only state (this is rebuilt from it at any time). The
 * first refresh reads everything the windows need in one pass; later ones read only
 * rows written since the last (with {@link REFRESH_OVERLAP_MS} of overlap), so a
 * replica sees what any other replica stored.
 */
export class SliCache {
  private readonly entries = new Map<string, Entry>();
  private hoursFromMs = Infinity;
  private minutesFromMs = Infinity;
  private lastReadMs?: number;
  private lastFullMs = -Infinity;

  constructor(
    private readonly store: SliStore,
    private readonly clock: () => number = Date.now,
  ) {}

  /** SLOs held. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Brings the cache up to date for these SLOs: minutes from `minutesFromMs`, hours
   * from `hoursFromMs`. Returns what it read.
   */
  async refresh(
    sloRefs: string[],
    range: { minutesFromMs: number; hoursFromMs: number },
  ): Promise<'full' | 'incremental'> {
    const wanted = new Set(sloRefs);
    for (const ref of this.entries.keys()) {
      if (!wanted.has(ref)) this.entries.delete(ref);
    }
    const readAt = this.clock();
    const full =
      this.lastReadMs === undefined ||
      readAt - this.lastReadMs > STALE_AFTER_MS ||
      readAt - this.lastFullMs > FULL_EVERY_MS ||
      range.hoursFromMs < this.hoursFromMs ||
      range.minutesFromMs < this.minutesFromMs;
    if (full) {
      this.lastFullMs = readAt;
      this.entries.clear();
      await this.readWhole(sloRefs, range);
    } else {
      const changed = await this.store.readFlat({
        ...range,
        writtenAfterMs: this.lastReadMs! - REFRESH_OVERLAP_MS,
      });
      // New SLOs, and SLOs that lost stored buckets, are read whole.
      const missing = sloRefs.filter(
        ref => !this.entries.has(ref) || changed.reset.has(ref),
      );
      if (missing.length) await this.readWhole(missing, range);
      const known = new Set(sloRefs);
      for (const ref of missing) known.delete(ref);
      this.apply(changed, undefined, known);
    }
    if (range.minutesFromMs > this.minutesFromMs) {
      for (const e of this.entries.values()) {
        e.minutes.dropBefore(range.minutesFromMs);
      }
    }
    if (range.hoursFromMs > this.hoursFromMs) {
      for (const e of this.entries.values()) {
        e.hours.dropBefore(range.hoursFromMs);
      }
    }
    this.minutesFromMs = range.minutesFromMs;
    this.hoursFromMs = range.hoursFromMs;
    this.lastReadMs = readAt;
    return full ? 'full' : 'incremental';
  }

  /**
   * Reads these SLOs whole, a batch at a time, so that only one batch of flat rows
   * is held besides the prefix sums built from them.
   */
  private async readWhole(
    sloRefs: string[],
    range: { minutesFromMs: number; hoursFromMs: number },
  ) {
    for (let i = 0; i < sloRefs.length; i += WHOLE_BATCH) {
      const batch = sloRefs.slice(i, i + WHOLE_BATCH);
      this.apply(
        await this.store.readFlat({ sloRefs: batch, ...range }),
        batch,
      );
    }
  }

  /** The SLI data of an SLO, with hourly rollups before `cutMs`. */
  dataOf(sloRef: string, cutMs: number, slice?: SliceSpec): SliData {
    return new CachedSliData(this.entryOf(sloRef), cutMs, slice);
  }

  private entryOf(sloRef: string): Entry {
    let entry = this.entries.get(sloRef);
    if (!entry) {
      entry = { minutes: new PrefixColumns(2), hours: new PrefixColumns(5) };
      this.entries.set(sloRef, entry);
    }
    return entry;
  }

  private apply(rows: FlatSliRows, fresh?: string[], only?: Set<string>) {
    if (fresh) {
      // Whole series of SLOs read from scratch.
      for (const ref of fresh) {
        this.entries.set(ref, {
          minutes: PrefixColumns.of(2, rows.minutes.get(ref) ?? EMPTY),
          hours: PrefixColumns.of(5, rows.hours.get(ref) ?? EMPTY),
        });
      }
      return;
    }
    for (const [ref, flat] of rows.minutes) {
      if (only && !only.has(ref)) continue;
      const tier = this.entryOf(ref).minutes;
      for (let i = 0; i < flat.length; i += 3) tier.upsert(flat, i);
    }
    for (const [ref, flat] of rows.hours) {
      if (only && !only.has(ref)) continue;
      const tier = this.entryOf(ref).hours;
      for (let i = 0; i < flat.length; i += 6) tier.upsert(flat, i);
    }
  }
}
