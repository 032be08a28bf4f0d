import type { SloDefinition } from '../definition';
import { formatWindow } from '../durations';
import type { WindowCounts } from '../math';
import { PrefixColumns } from './prefixColumns';

/**
 * The SLO data kernel, part 2: the one time-slice rule (SLO-MATH.md,
 * "Timeslices"). A slice with events is good when its ratio `good / total` meets
 * the slice target, else bad; a slice without events is neither (an SLO's
 * `noDataSlicePolicy` says what it counts as, in {@link sliceWindowCounts}). The
 * store's hourly slice counts, the evaluator's slices and the budgets all count
 * with it.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** @public How an SLO cuts its time into slices, and the ratio a good one meets. */
export type SliceSpec = { sliceMs: number; sliceTarget: number };

/** @public Slices of one window: counted with the SLO's slice target. */
export type SliceCounts = {
  /** Slices whose ratio met the slice target. */
  good: number;
  /** Slices with data whose ratio missed it. */
  bad: number;
  /** Slices without data. */
  empty: number;
  /** Sum over slices with data of good/total (RatioTimeslices). */
  ratioSum: number;
};

/** @public Good and bad slices, and the sum of their ratios, of some span (an hour). */
export type SliceTally = {
  goodSlices: number;
  badSlices: number;
  ratioSum: number;
};

/** @public The slice length of an SLO that budgets by slices (a minute unless set). */
export function sliceMsOf(slo: SloDefinition): number {
  return slo.timeSliceWindowMs ?? MINUTE;
}

/**
 * @public How an SLO cuts its time into slices, when its budgeting method does:
 * Timeslices by its slice target (all of a slice's events good unless set),
 * RatioTimeslices with every slice with data counted (only the ratios matter).
 */
export function sliceSpecOf(slo: SloDefinition): SliceSpec | undefined {
  if (slo.budgetingMethod === 'Occurrences') return undefined;
  return {
    sliceMs: sliceMsOf(slo),
    sliceTarget:
      slo.budgetingMethod === 'Timeslices' ? slo.timeSliceTarget ?? 1 : 0,
  };
}

/**
 * @public The slice length as the status says it (`1m`, `5m`), for SLOs that
 * budget by slices; undefined for Occurrences.
 */
export function timeSliceWindowOf(slo: SloDefinition): string | undefined {
  if (slo.budgetingMethod === 'Occurrences') return undefined;
  return formatWindow(sliceMsOf(slo));
}

/**
 * @public The time-slice rule: a slice with events (`total > 0`) is good when
 * `good / total` meets the slice target.
 */
export function isGoodSlice(
  good: number,
  total: number,
  sliceTarget: number,
): boolean {
  return total > 0 && good / total >= sliceTarget;
}

/**
 * @public Adds `count` slices that all have the ratio `good / total` to a tally
 * (an hourly bucket's slices share its ratio); none when there are no events.
 */
export function tallySlice(
  tally: SliceTally,
  good: number,
  total: number,
  sliceTarget: number,
  count: number = 1,
) {
  if (!(total > 0)) return;
  if (isGoodSlice(good, total, sliceTarget)) tally.goodSlices += count;
  else tally.badSlices += count;
  tally.ratioSum += (good / total) * count;
}

/**
 * @public The slices of some fine buckets (any order): buckets are summed per
 * slice, then each slice classified. Zero without a slice spec.
 */
export function tallySlices(
  buckets: ReadonlyArray<{ startMs: number; good: number; total: number }>,
  slice: SliceSpec | undefined,
): SliceTally {
  const result = { goodSlices: 0, badSlices: 0, ratioSum: 0 };
  if (!slice) return result;
  const bySlice = new Map<number, { good: number; total: number }>();
  for (const b of buckets) {
    const key = Math.floor(b.startMs / slice.sliceMs);
    const s = bySlice.get(key);
    if (s) {
      s.good += b.good;
      s.total += b.total;
    } else {
      bySlice.set(key, { good: b.good, total: b.total });
    }
  }
  for (const s of bySlice.values()) {
    tallySlice(result, s.good, s.total, slice.sliceTarget);
  }
  return result;
}

/**
 * @public The slice counts of one hourly bucket: it is its own rollup, and its
 * slices all share its ratio. Zero without a slice spec.
 */
export function hourSliceTally(
  good: number,
  total: number,
  slice: SliceSpec | undefined,
): SliceTally {
  const result = { goodSlices: 0, badSlices: 0, ratioSum: 0 };
  if (slice)
    tallySlice(result, good, total, slice.sliceTarget, HOUR / slice.sliceMs);
  return result;
}

/**
 * @public Prefix columns over the slices with events of a tier of fine buckets
 * (columns 0 and 1 `good, total`, in time order): per slice start, columns
 * `goodSlices, badSlices, ratioSum` (each slice is one of the first two).
 * Throws unless the slice is a multiple of the buckets' size.
 */
export function sliceColumnsOf(
  fine: PrefixColumns,
  slice: SliceSpec,
  bucketMs: number,
): PrefixColumns {
  const { sliceMs, sliceTarget } = slice;
  if (sliceMs % bucketMs !== 0) {
    throw new Error(
      `slice of ${sliceMs}ms is not a multiple of the ${bucketMs}ms buckets`,
    );
  }
  const out = new PrefixColumns(3, 16);
  const row = [0, 0, 0, 0];
  const n = fine.n;
  let i = 0;
  while (i < n) {
    const start = fine.startOf(i);
    const sliceStart = Math.floor(start / sliceMs) * sliceMs;
    let j = i + 1;
    while (j < n && fine.startOf(j) < sliceStart + sliceMs) j++;
    const good = fine.sum(0, i, j);
    const total = fine.sum(1, i, j);
    if (total > 0) {
      const good1 = isGoodSlice(good, total, sliceTarget) ? 1 : 0;
      row[0] = sliceStart;
      row[1] = good1;
      row[2] = 1 - good1;
      row[3] = good / total;
      out.upsert(row, 0);
    }
    i = j;
  }
  return out;
}

/**
 * @public Adds the slices in `[fromMs, toMs)` of a tier whose columns
 * `col, col + 1, col + 2` are `goodSlices, badSlices, ratioSum` per bucket: the
 * buckets of the whole `gridMs` steps in the window (`gridMs` is the tier's bucket
 * size: a slice, or an hour of slices), and as empty the slices of those steps
 * without data.
 */
export function addSliceCounts(
  tier: PrefixColumns,
  col: number,
  gridMs: number,
  sliceMs: number,
  fromMs: number,
  toMs: number,
  into: SliceCounts,
) {
  const first = Math.ceil(fromMs / gridMs) * gridMs;
  const last = Math.floor(toMs / gridMs) * gridMs;
  if (last <= first) return;
  const possible = (last - first) / sliceMs;
  if (tier.width < col + 3) {
    // A tier without slice counts (events only): its slices are all empty.
    into.empty += possible;
    return;
  }
  const a = tier.lowerBound(first);
  const b = tier.lowerBound(last);
  const good = tier.sum(col, a, b);
  const bad = tier.sum(col + 1, a, b);
  into.good += good;
  into.bad += bad;
  into.empty += Math.max(0, possible - good - bad);
  into.ratioSum += tier.sum(col + 2, a, b);
}

/**
 * Converts a time-slice window to `good`/`total` as the method defines them:
 * RatioTimeslices the sum of the slices' ratios over the slices with data,
 * Timeslices good over good and bad slices, with empty slices counted as the
 * SLO's `noDataSlicePolicy` says (skipped unless set).
 *
 * @public
 */
export function sliceWindowCounts(
  slo: SloDefinition,
  s: SliceCounts,
): WindowCounts & { ratioMean?: number } {
  if (slo.budgetingMethod === 'RatioTimeslices') {
    const withData = s.good + s.bad;
    return {
      good: s.ratioSum,
      total: withData,
      ratioMean: withData ? s.ratioSum / withData : undefined,
    };
  }
  const policy = slo.noDataSlicePolicy ?? 'skip';
  const good = s.good + (policy === 'good' ? s.empty : 0);
  const bad = s.bad + (policy === 'bad' ? s.empty : 0);
  return { good, total: good + bad };
}
