import {
  BucketSliData,
  SliBucket,
  SliData,
  SliceCounts,
  WindowCounts,
} from '@sre-catalog/backstage-plugin-sre-common';
import { HourRollup, SliSeries, SliceSpec } from '../store/SliStore';

const HOUR = 3_600_000;

/** Prefix sums of one tier: `good[i]`, `total[i]` sum the first i buckets. */
type Prefix = { starts: Float64Array; good: Float64Array; total: Float64Array };

function lowerBound(starts: Float64Array | SliBucket[], t: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start =
      starts instanceof Float64Array ? starts[mid] : starts[mid].startMs;
    if (start < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Prefix sums over `buckets[from, to)`, in one pass and three allocations. */
function prefixOf(buckets: SliBucket[], from: number, to: number): Prefix {
  const n = Math.max(0, to - from);
  const prefix = {
    starts: new Float64Array(n),
    good: new Float64Array(n + 1),
    total: new Float64Array(n + 1),
  };
  for (let i = 0; i < n; i++) {
    const b = buckets[from + i];
    prefix.starts[i] = b.startMs;
    prefix.good[i + 1] = prefix.good[i] + b.good;
    prefix.total[i + 1] = prefix.total[i] + b.total;
  }
  return prefix;
}

function sumOf(p: Prefix, fromMs: number, toMs: number): WindowCounts {
  if (toMs <= fromMs) return { good: 0, total: 0 };
  const a = lowerBound(p.starts, fromMs);
  const b = lowerBound(p.starts, toMs);
  return { good: p.good[b] - p.good[a], total: p.total[b] - p.total[a] };
}

/**
 * Window sums over the two tiers of stored data: hourly rollups before `cutMs`
 * (an hour boundary), fine buckets from it. Event sums come from prefix sums built
 * in one pass per tier, so a status costs a few binary searches; time-slice counts
 * are built only for SLOs that budget by slices.
 */
export class TieredSliData implements SliData {
  private readonly fine: Prefix;
  private readonly hourly: Prefix;
  private sliceData?: { fine: BucketSliData; hourly: Prefix & SlicePrefix };

  constructor(
    private readonly series: SliSeries,
    private readonly cutMs: number,
    private readonly slice?: SliceSpec,
  ) {
    const { minutes, hours } = series;
    this.fine = prefixOf(minutes, lowerBound(minutes, cutMs), minutes.length);
    this.hourly = prefixOf(hours, 0, lowerBound(hours, cutMs));
  }

  events(fromMs: number, toMs: number): WindowCounts {
    const older = sumOf(this.hourly, fromMs, Math.min(toMs, this.cutMs));
    const recent = sumOf(this.fine, Math.max(fromMs, this.cutMs), toMs);
    return {
      good: older.good + recent.good,
      total: older.total + recent.total,
    };
  }

  slices(fromMs: number, toMs: number): SliceCounts {
    const { fine, hourly } = this.slicePrefixes();
    const recentFrom = Math.max(fromMs, this.cutMs);
    const recent =
      toMs > recentFrom
        ? fine.slices(recentFrom, toMs)
        : { good: 0, bad: 0, empty: 0, ratioSum: 0 };
    if (fromMs >= this.cutMs) return recent;
    // Whole hours before the cut (and before the window's end), from their stored
    // slice counts.
    const first = Math.ceil(fromMs / HOUR) * HOUR;
    const last = Math.max(
      first,
      Math.min(this.cutMs, Math.floor(toMs / HOUR) * HOUR),
    );
    const a = lowerBound(hourly.starts, first);
    const b = lowerBound(hourly.starts, last);
    const good = hourly.goodSlices[b] - hourly.goodSlices[a];
    const bad = hourly.badSlices[b] - hourly.badSlices[a];
    const possible = this.slice ? (last - first) / this.slice.sliceMs : 0;
    return {
      good: recent.good + good,
      bad: recent.bad + bad,
      empty: recent.empty + Math.max(0, possible - good - bad),
      ratioSum: recent.ratioSum + (hourly.ratioSum[b] - hourly.ratioSum[a]),
    };
  }

  private slicePrefixes() {
    if (!this.sliceData) {
      const { minutes, hours } = this.series;
      const recent = minutes.slice(lowerBound(minutes, this.cutMs));
      const older = hours.slice(0, lowerBound(hours, this.cutMs));
      this.sliceData = {
        fine: new BucketSliData(recent, 60_000, this.slice),
        hourly: { ...prefixOf(older, 0, older.length), ...slicePrefix(older) },
      };
    }
    return this.sliceData;
  }
}

type SlicePrefix = {
  goodSlices: Float64Array;
  badSlices: Float64Array;
  ratioSum: Float64Array;
};

function slicePrefix(hours: HourRollup[]): SlicePrefix {
  const n = hours.length;
  const p = {
    goodSlices: new Float64Array(n + 1),
    badSlices: new Float64Array(n + 1),
    ratioSum: new Float64Array(n + 1),
  };
  hours.forEach((h, i) => {
    p.goodSlices[i + 1] = p.goodSlices[i] + h.goodSlices;
    p.badSlices[i + 1] = p.badSlices[i] + h.badSlices;
    p.ratioSum[i + 1] = p.ratioSum[i] + h.ratioSum;
  });
  return p;
}
