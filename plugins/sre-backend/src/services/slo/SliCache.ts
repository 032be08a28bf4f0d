import {
  SliData,
  SliceCounts,
  WindowCounts,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SliStore, SliceSpec } from './SliStore';
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
 * Spare buckets of a tier read whole, and its least growth: tiers grow by a bucket
 * at a time and are trimmed as often, so a proportional reserve is memory wasted.
 */
const GROWTH_ROOM = 16;
const FIVE_MINUTES_MS = 300_000;

/**
 * One tier of one SLO: bucket starts in time order and running sums of each value
 * column, so the sum over any time range is two binary searches. Starts are kept
 * in whole seconds (buckets start on their grid, in whole minutes), in half the
 * memory of milliseconds as doubles; the methods take and give milliseconds.
 */
export class PrefixColumns {
  n = 0;
  /** Bucket starts in epoch seconds. */
  starts: Uint32Array;
  /** `sums[c][i]` is the sum of column c over the first i buckets. */
  sums: Float64Array[];

  constructor(readonly width: number, capacity = 16) {
    this.starts = new Uint32Array(capacity);
    this.sums = Array.from(
      { length: width },
      () => new Float64Array(capacity + 1),
    );
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
    for (let i = 0; i < n; i++) p.upsert(flat, i * stride);
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
    const starts = new Uint32Array(capacity);
    starts.set(this.starts);
    this.starts = starts;
    this.sums = this.sums.map(s => {
      const grown = new Float64Array(capacity + 1);
      grown.set(s);
      return grown;
    });
  }

  /** Index of the first bucket starting at or after `t` (ms). */
  lowerBound(t: number): number {
    let lo = 0;
    let hi = this.n;
    const starts = this.starts;
    const seconds = t / 1000;
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

  /** Sum of column c over buckets starting in `[fromMs, toMs)`. */
  sum(c: number, a: number, b: number): number {
    return this.sums[c][b] - this.sums[c][a];
  }

  /** The buckets as objects (for the rare paths that need them). */
  toObjects(): Array<{ startMs: number; values: number[] }> {
    return Array.from({ length: this.n }, (_, i) => ({
      startMs: this.starts[i],
      values: this.sums.map((_s, c) => this.valueOf(c, i)),
    }));
  }
}

/** `start, good, total` triples in time order (the database may return any order). */
function inTimeOrder(flat: Float64Array): Float64Array {
  let sorted = true;
  for (let i = 3; i < flat.length && sorted; i += 3) {
    sorted = flat[i - 3] < flat[i];
  }
  if (sorted) return flat;
  const order = Array.from({ length: flat.length / 3 }, (_, k) => k).sort(
    (a, b) => flat[3 * a] - flat[3 * b],
  );
  const out = new Float64Array(flat.length);
  order.forEach((k, i) => out.set(flat.subarray(3 * k, 3 * k + 3), 3 * i));
  return out;
}

/** Index of the first `start, good, total` triple of `flat` starting at or after `t`. */
function lowerStart(flat: Float64Array, t: number): number {
  let lo = 0;
  let hi = flat.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (flat[mid * 3] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo * 3;
}

/**
 * Adds `n` fine buckets (in time order) to a tier of 5-minute sums, each to the
 * sum of the 5 minutes it starts in.
 */
function addFiveMinuteSums(
  into: PrefixColumns,
  n: number,
  startOf: (i: number) => number,
  valueOf: (c: number, i: number) => number,
) {
  const row = [0, 0, 0];
  let i = 0;
  while (i < n) {
    row[0] = startOf(i) - (startOf(i) % FIVE_MINUTES_MS);
    row[1] = 0;
    row[2] = 0;
    for (; i < n && startOf(i) < row[0] + FIVE_MINUTES_MS; i++) {
      row[1] += valueOf(0, i);
      row[2] += valueOf(1, i);
    }
    into.upsert(row, 0);
  }
}

/** 5-minute sums of fine `start, good, total` triples, as a tier. */
function fiveMinuteSums(flat: Float64Array): PrefixColumns {
  const n = flat.length / 3;
  let groups = 0;
  for (let i = 0, last = -Infinity; i < n; i++) {
    const group = flat[3 * i] - (flat[3 * i] % FIVE_MINUTES_MS);
    if (group !== last) groups++;
    last = group;
  }
  const tier = new PrefixColumns(2, groups + GROWTH_ROOM);
  addFiveMinuteSums(
    tier,
    n,
    i => flat[3 * i],
    (c, i) => flat[3 * i + 1 + c],
  );
  return tier;
}

/** One SLO as the evaluator asks for it. */
export type CachedSlo = {
  ref: string;
  /** Its hourly rollups from here on: what its own period needs, no more. */
  hoursFromMs: number;
  /** It budgets by time slices: keeps slice counts, and fine buckets as pushed. */
  slices: boolean;
};

/**
 * What the cache holds of the last days, besides hourly rollups:
 * fine buckets from `minutesFromMs` (the tier cut), as pushed from `recentFromMs`
 * (the short burn windows need minutes) and summed per 5 minutes before it (the
 * day-long windows and incident steps need no finer), except for SLOs that budget
 * by time slices, which keep them as pushed.
 */
export type CacheRange = { minutesFromMs: number; recentFromMs: number };

type Entry = {
  hoursFromMs: number;
  slices: boolean;
  /** Fine buckets as pushed: from recentFromMs, or minutesFromMs with slices. */
  minutes: PrefixColumns;
  /** 5-minute sums of the fine buckets in [minutesFromMs, recentFromMs). */
  fiveMinutes: PrefixColumns;
  /** `good, total` per hour; with slices also `goodSlices, badSlices, ratioSum`. */
  hours: PrefixColumns;
};

/** Sums columns 0 and 1 of a tier over buckets starting in `[fromMs, toMs)`. */
function addSums(
  tier: PrefixColumns,
  fromMs: number,
  toMs: number,
  into: WindowCounts,
) {
  if (toMs <= fromMs || tier.n === 0) return;
  const a = tier.lowerBound(fromMs);
  const b = tier.lowerBound(toMs);
  into.good += tier.sum(0, a, b);
  into.total += tier.sum(1, a, b);
}

/**
 * The window sums of one SLO from its cached tiers: hourly rollups before the tier
 * cut, 5-minute sums to the recent cut, fine buckets from it (as
 * {@link TieredSliData} does with stored series, without building anything).
 */
class CachedSliData implements SliData {
  private tiered?: TieredSliData;

  constructor(
    private readonly entry: Entry,
    private readonly range: CacheRange,
    private readonly slice?: SliceSpec,
  ) {}

  events(fromMs: number, toMs: number): WindowCounts {
    const { minutes, fiveMinutes, hours, slices } = this.entry;
    const { minutesFromMs } = this.range;
    const recentFromMs = slices ? minutesFromMs : this.range.recentFromMs;
    const counts = { good: 0, total: 0 };
    addSums(hours, fromMs, Math.min(toMs, minutesFromMs), counts);
    addSums(
      fiveMinutes,
      Math.max(fromMs, minutesFromMs),
      Math.min(toMs, recentFromMs),
      counts,
    );
    addSums(minutes, Math.max(fromMs, recentFromMs), toMs, counts);
    return counts;
  }

  slices(fromMs: number, toMs: number): SliceCounts {
    if (!this.tiered) {
      // Only SLOs that budget by slices ask; they keep fine buckets as pushed.
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
            goodSlices: b.values[2] ?? 0,
            badSlices: b.values[3] ?? 0,
            ratioSum: b.values[4] ?? 0,
          })),
        },
        this.range.minutesFromMs,
        this.slice,
      );
    }
    return this.tiered.slices(fromMs, toMs);
  }
}

/**
 * SLI rollups of the built-in SLOs in memory, as prefix sums, for the evaluator:
 * the database stays the only state (this is rebuilt from it at any time). Each SLO
 * holds hours only as far back as its own period needs and minutes only where the
 * short windows need them (see {@link CacheRange}). The first refresh reads
 * everything in one pass; later ones read only rows written since the last (with
 * {@link REFRESH_OVERLAP_MS} of overlap), so a replica sees what any other stored.
 */
export class SliCache {
  private readonly entries = new Map<string, Entry>();
  private range: CacheRange = {
    minutesFromMs: Infinity,
    recentFromMs: Infinity,
  };
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

  /** Brings the cache up to date for these SLOs. Returns what it read. */
  async refresh(
    slos: CachedSlo[],
    range: CacheRange,
  ): Promise<'full' | 'incremental'> {
    const wanted = new Map(slos.map(s => [s.ref, s]));
    for (const ref of this.entries.keys()) {
      if (!wanted.has(ref)) this.entries.delete(ref);
    }
    const readAt = this.clock();
    const full =
      this.lastReadMs === undefined ||
      readAt - this.lastReadMs > STALE_AFTER_MS ||
      readAt - this.lastFullMs > FULL_EVERY_MS ||
      range.minutesFromMs < this.range.minutesFromMs ||
      range.recentFromMs < this.range.recentFromMs;
    if (full) {
      this.lastFullMs = readAt;
      this.entries.clear();
      this.range = range;
      await this.readWhole(slos);
    } else {
      const whole = await this.applyChanges(slos, wanted);
      this.advance(range);
      // New SLOs, SLOs that lost stored buckets or got late fine ones, and SLOs
      // that need more hours than they hold, are read whole.
      for (const s of slos) {
        const entry = this.entries.get(s.ref);
        if (
          !entry ||
          entry.slices !== s.slices ||
          s.hoursFromMs < entry.hoursFromMs
        ) {
          whole.add(s.ref);
        }
      }
      await this.readWhole(slos.filter(s => whole.has(s.ref)));
    }
    for (const s of slos) {
      const entry = this.entries.get(s.ref)!;
      if (s.hoursFromMs > entry.hoursFromMs) {
        entry.hours.dropBefore(s.hoursFromMs);
        entry.hoursFromMs = s.hoursFromMs;
      }
    }
    this.lastReadMs = readAt;
    return full ? 'full' : 'incremental';
  }

  /** Buckets held per tier for an SLO (for tests and the benchmark's figures). */
  held(
    sloRef: string,
  ): { hours: number; fiveMinutes: number; minutes: number } | undefined {
    const entry = this.entries.get(sloRef);
    if (!entry) return undefined;
    const { hours, fiveMinutes, minutes } = entry;
    return { hours: hours.n, fiveMinutes: fiveMinutes.n, minutes: minutes.n };
  }

  /** The SLI data of an SLO, with the cache's tiers. */
  dataOf(sloRef: string, slice?: SliceSpec): SliData {
    return new CachedSliData(this.entryOf(sloRef), this.range, slice);
  }

  /**
   * Applies the rows written since the last read to the SLOs held, within their
   * tiers. Returns the SLOs to read whole instead: those with deleted buckets, and
   * those with fine buckets written into their 5-minute sums (which cannot be
   * corrected without the buckets they replaced).
   */
  private async applyChanges(
    slos: CachedSlo[],
    wanted: Map<string, CachedSlo>,
  ): Promise<Set<string>> {
    let hoursFromMs = Infinity;
    for (const s of slos) hoursFromMs = Math.min(hoursFromMs, s.hoursFromMs);
    const changed = await this.store.readFlat({
      minutesFromMs: this.range.minutesFromMs,
      hoursFromMs,
      writtenAfterMs: this.lastReadMs! - REFRESH_OVERLAP_MS,
    });
    const whole = new Set(changed.reset);
    for (const [ref, flat] of changed.minutes) {
      const entry = this.entries.get(ref);
      if (!entry || whole.has(ref)) continue;
      const from = entry.slices
        ? this.range.minutesFromMs
        : this.range.recentFromMs;
      for (let i = 0; i < flat.length; i += 3) {
        if (flat[i] >= from) entry.minutes.upsert(flat, i);
        else whole.add(ref);
      }
    }
    for (const [ref, flat] of changed.hours) {
      const entry = this.entries.get(ref);
      if (!entry || whole.has(ref) || !wanted.has(ref)) continue;
      for (let i = 0; i < flat.length; i += changed.hourStride) {
        if (flat[i] >= entry.hoursFromMs) entry.hours.upsert(flat, i);
      }
    }
    return whole;
  }

  /**
   * Moves the tiers to a later range: fine buckets that left the recent range
   * become 5-minute sums, and what is older than the tier cut is forgotten.
   */
  private advance(range: CacheRange) {
    for (const entry of this.entries.values()) {
      if (!entry.slices && range.recentFromMs > this.range.recentFromMs) {
        const { minutes, fiveMinutes } = entry;
        const leaving = minutes.lowerBound(range.recentFromMs);
        // Both cuts are hour boundaries: no 5-minute sum straddles them.
        addFiveMinuteSums(
          fiveMinutes,
          leaving,
          i => minutes.startOf(i),
          (c, i) => minutes.valueOf(c, i),
        );
        minutes.dropBefore(range.recentFromMs);
      }
      entry.fiveMinutes.dropBefore(range.minutesFromMs);
      entry.minutes.dropBefore(range.minutesFromMs);
    }
    this.range = range;
  }

  /**
   * Reads these SLOs whole, a batch of those with the same needs at a time, so
   * that only one batch of flat rows is held besides the prefix sums built from them.
   */
  private async readWhole(slos: CachedSlo[]) {
    const groups = new Map<string, CachedSlo[]>();
    for (const s of slos) {
      const key = `${s.hoursFromMs}:${s.slices}`;
      const group = groups.get(key);
      if (group) group.push(s);
      else groups.set(key, [s]);
    }
    for (const group of groups.values()) {
      const { hoursFromMs, slices } = group[0];
      for (let i = 0; i < group.length; i += WHOLE_BATCH) {
        const batch = group.slice(i, i + WHOLE_BATCH).map(s => s.ref);
        const rows = await this.store.readFlat({
          sloRefs: batch,
          minutesFromMs: this.range.minutesFromMs,
          hoursFromMs,
          eventsOnly: !slices,
        });
        for (const ref of batch) {
          const fine = inTimeOrder(rows.minutes.get(ref) ?? EMPTY);
          // Summing here costs less than in SQL, which would sort to group.
          const split = slices ? 0 : lowerStart(fine, this.range.recentFromMs);
          this.entries.set(ref, {
            hoursFromMs,
            slices,
            minutes: PrefixColumns.of(2, fine.subarray(split)),
            fiveMinutes: fiveMinuteSums(fine.subarray(0, split)),
            hours: PrefixColumns.of(
              slices ? 5 : 2,
              rows.hours.get(ref) ?? EMPTY,
              rows.hourStride,
            ),
          });
        }
      }
    }
  }

  private entryOf(sloRef: string): Entry {
    let entry = this.entries.get(sloRef);
    if (!entry) {
      entry = {
        hoursFromMs: Infinity,
        slices: false,
        minutes: new PrefixColumns(2),
        fiveMinutes: new PrefixColumns(2),
        hours: new PrefixColumns(2),
      };
    }
    return entry;
  }
}
