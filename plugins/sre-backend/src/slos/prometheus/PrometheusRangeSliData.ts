import {
  BucketSliData,
  SliBucket,
  SliData,
  SliceCounts,
  WindowCounts,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SideValues } from './attributeSamples';
import { SidePoints } from './attributeRangeSeries';
import { SliSide } from './buildWindowQuery';
import { RangeStep } from './buildRangeQuery';
import { countsFromSides } from './countsFromSides';

/**
 * The SLI data of one Prometheus SLO as buckets, read with range queries: hourly
 * buckets before the tier cut and 5-minute buckets from it (see rangeStepsOf),
 * laid out like the built-in store's rollups. A window counts the buckets that
 * start in it, as the built-in data does, so detectBudgetIncidents and
 * budgetConsumedIn give the same numbers for the same events.
 */
export class PrometheusRangeSliData implements SliData {
  private readonly data: BucketSliData;

  /** `buckets` sorted by start, without overlaps. */
  constructor(readonly buckets: readonly SliBucket[]) {
    // The bucket size only matters for slices, which this data has none of.
    this.data = new BucketSliData([...buckets], 60_000);
  }

  /**
   * The buckets of an SLO with these `sides` from the points of its range queries,
   * one entry per step: the value at time T is the bucket `[T - step, T)`. Sides
   * are counted as in the window query (countsFromSides); buckets without events
   * are left out.
   */
  static fromSides(
    sides: readonly SliSide[],
    steps: ReadonlyArray<{ step: RangeStep; points: SidePoints }>,
  ): PrometheusRangeSliData {
    const buckets: SliBucket[] = [];
    for (const { step, points } of [...steps].sort(
      (a, b) => a.step.startMs - b.step.startMs,
    )) {
      const byTime = new Map<number, SideValues>();
      for (const side of sides) {
        for (const [timeMs, value] of points[side] ?? []) {
          const values = byTime.get(timeMs);
          if (values) values[side] = value;
          else byTime.set(timeMs, { [side]: value });
        }
      }
      for (const timeMs of [...byTime.keys()].sort((a, b) => a - b)) {
        const counts = countsFromSides(sides, byTime.get(timeMs)!);
        if (counts.total > 0) {
          buckets.push({ startMs: timeMs - step.stepMs, ...counts });
        }
      }
    }
    return new PrometheusRangeSliData(buckets);
  }

  events(fromMs: number, toMs: number): WindowCounts {
    return this.data.events(fromMs, toMs);
  }

  slices(): SliceCounts {
    throw new Error(
      'The Prometheus source does not evaluate time slices; only Occurrences SLOs',
    );
  }
}
