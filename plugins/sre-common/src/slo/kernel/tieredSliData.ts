import type { SliData } from '../evaluateSlo';
import type { WindowCounts } from '../math';
import { PrefixColumns, SliBucket } from './prefixColumns';
import {
  SliceCounts,
  SliceSpec,
  SliceTally,
  addSliceCounts,
  sliceColumnsOf,
} from './timeSlices';

/**
 * The SLO data kernel, part 3: window sums over the tiers of stored data, as
 * prefix columns.
 */

const HOUR = 3_600_000;
const NONE = new PrefixColumns(2, 0);

/**
 * @public The tiers of one SLO: hourly rollups (`good, total`, and with slices
 * `goodSlices, badSlices, ratioSum`), optionally 5-minute sums, and fine buckets
 * (`good, total`).
 */
export type SliTiers = {
  hours: PrefixColumns;
  fiveMinutes?: PrefixColumns;
  minutes: PrefixColumns;
};

/**
 * @public Where the tiers meet: hours before `minutesFromMs` (an hour boundary),
 * 5-minute sums from it to `recentFromMs`, fine buckets from that on. SLOs that
 * budget by slices keep fine buckets from `minutesFromMs` (`recentFromMs` equal).
 */
export type TierCuts = { minutesFromMs: number; recentFromMs: number };

/**
 * Window sums over the tiers of one SLO: each window reads every tier only
 * within its range, a few binary searches per window whatever its length. Slice
 * counts (for SLOs that budget by slices) come from the hours' stored slice
 * counts before the cut and the fine buckets' slices, built once, from it.
 *
 * @public
 */
export class TieredSliData implements SliData {
  private sliceColumns?: PrefixColumns;

  constructor(
    private readonly tiers: SliTiers,
    private readonly cuts: TierCuts,
    private readonly slice?: SliceSpec,
    /** The size of the fine buckets, of which a slice must be a multiple. */
    private readonly bucketMs: number = 60_000,
  ) {}

  /**
   * The tiers of stored series: fine buckets from `cutMs` (an hour boundary),
   * hourly rollups (with their slice counts) before it.
   */
  static ofSeries(
    series: {
      minutes: readonly SliBucket[];
      hours: ReadonlyArray<SliBucket & Partial<SliceTally>>;
    },
    cutMs: number,
    slice?: SliceSpec,
  ): TieredSliData {
    return new TieredSliData(
      {
        minutes: PrefixColumns.ofBuckets(series.minutes, { fromMs: cutMs }),
        hours: PrefixColumns.ofBuckets(series.hours, {
          beforeMs: cutMs,
          extra: slice ? ['goodSlices', 'badSlices', 'ratioSum'] : [],
        }),
      },
      { minutesFromMs: cutMs, recentFromMs: cutMs },
      slice,
    );
  }

  /** Fine buckets only, of `bucketMs` each (see {@link BucketSliData}). */
  static ofFine(
    minutes: PrefixColumns,
    slice?: SliceSpec,
    bucketMs?: number,
  ): TieredSliData {
    return new TieredSliData(
      { hours: NONE, minutes },
      { minutesFromMs: -Infinity, recentFromMs: -Infinity },
      slice,
      bucketMs,
    );
  }

  events(fromMs: number, toMs: number): WindowCounts {
    const { hours, fiveMinutes, minutes } = this.tiers;
    const { minutesFromMs, recentFromMs } = this.cuts;
    const counts = { good: 0, total: 0 };
    hours.addEvents(fromMs, Math.min(toMs, minutesFromMs), counts);
    fiveMinutes?.addEvents(
      Math.max(fromMs, minutesFromMs),
      Math.min(toMs, recentFromMs),
      counts,
    );
    minutes.addEvents(Math.max(fromMs, recentFromMs), toMs, counts);
    return counts;
  }

  slices(fromMs: number, toMs: number): SliceCounts {
    if (!this.slice) {
      throw new Error('SLI data was built without a slice definition');
    }
    const { sliceMs } = this.slice;
    const cut = this.cuts.minutesFromMs;
    const counts = { good: 0, bad: 0, empty: 0, ratioSum: 0 };
    const recentFrom = Math.max(fromMs, cut);
    if (toMs > recentFrom) {
      this.sliceColumns ??= sliceColumnsOf(
        this.tiers.minutes,
        this.slice,
        this.bucketMs,
      );
      addSliceCounts(
        this.sliceColumns,
        0,
        sliceMs,
        sliceMs,
        recentFrom,
        toMs,
        counts,
      );
    }
    // Whole hours before the cut (and before the window's end), from their
    // stored slice counts.
    if (fromMs < cut) {
      addSliceCounts(
        this.tiers.hours,
        2,
        HOUR,
        sliceMs,
        fromMs,
        Math.min(toMs, cut),
        counts,
      );
    }
    return counts;
  }
}
