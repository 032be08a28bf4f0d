import {
  BucketSliData,
  SliData,
  SliceCounts,
  WindowCounts,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SliSeries, SliceSpec } from './SliStore';

const HOUR = 3_600_000;

/**
 * Window sums over the two tiers of stored data: hourly rollups before `cutMs`
 * (an hour boundary), fine buckets from it. Each tier answers with prefix sums, so
 * every window is a handful of look-ups.
 */
export class TieredSliData implements SliData {
  private readonly fine: BucketSliData;
  private readonly hourly: BucketSliData;
  private readonly hourSlices: {
    starts: Float64Array;
    good: Float64Array;
    bad: Float64Array;
    ratio: Float64Array;
  };

  constructor(
    series: SliSeries,
    private readonly cutMs: number,
    private readonly slice?: SliceSpec,
  ) {
    this.fine = new BucketSliData(
      series.minutes.filter(b => b.startMs >= cutMs),
      60_000,
      slice,
    );
    const hours = series.hours.filter(h => h.startMs < cutMs);
    this.hourly = new BucketSliData(hours, HOUR);
    const n = hours.length;
    this.hourSlices = {
      starts: Float64Array.from(hours.map(h => h.startMs)),
      good: new Float64Array(n + 1),
      bad: new Float64Array(n + 1),
      ratio: new Float64Array(n + 1),
    };
    hours.forEach((h, i) => {
      this.hourSlices.good[i + 1] = this.hourSlices.good[i] + h.goodSlices;
      this.hourSlices.bad[i + 1] = this.hourSlices.bad[i] + h.badSlices;
      this.hourSlices.ratio[i + 1] = this.hourSlices.ratio[i] + h.ratioSum;
    });
  }

  events(fromMs: number, toMs: number): WindowCounts {
    const older = this.hourly.events(fromMs, Math.min(toMs, this.cutMs));
    const recent = this.fine.events(Math.max(fromMs, this.cutMs), toMs);
    return {
      good: older.good + recent.good,
      total: older.total + recent.total,
    };
  }

  slices(fromMs: number, toMs: number): SliceCounts {
    const recent = this.fine.slices(Math.max(fromMs, this.cutMs), toMs);
    if (fromMs >= this.cutMs) return recent;
    // Whole hours before the cut, from their stored slice counts.
    const first = Math.ceil(fromMs / HOUR) * HOUR;
    const s = this.hourSlices;
    const a = lowerBound(s.starts, first);
    const b = lowerBound(s.starts, this.cutMs);
    const good = s.good[b] - s.good[a];
    const bad = s.bad[b] - s.bad[a];
    const possible = this.slice
      ? Math.max(0, (this.cutMs - first) / this.slice.sliceMs)
      : 0;
    return {
      good: recent.good + good,
      bad: recent.bad + bad,
      empty: recent.empty + Math.max(0, possible - good - bad),
      ratioSum: recent.ratioSum + (s.ratio[b] - s.ratio[a]),
    };
  }
}

function lowerBound(starts: Float64Array, t: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
