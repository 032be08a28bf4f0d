import {
  PrefixColumns,
  TierCuts,
} from '@sre-catalog/backstage-plugin-sre-common';

/**
 * What the SLI cache holds of one SLO and how its tiers are built from rows: the
 * types and the tier-building steps of SliCache, apart from its refresh logic.
 */

const FIVE_MINUTES_MS = 300_000;

/** `start, good, total` triples in time order (the database may return any order). */
export function inTimeOrder(flat: Float64Array): Float64Array {
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

/**
 * Adds `n` fine buckets (in time order) to a tier of 5-minute sums, each to the
 * sum of the 5 minutes it starts in.
 */
export function addFiveMinuteSums(
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

/** Scratch rows for {@link fiveMinuteSums} (grown as needed). */
let grouped = new Float64Array(3 * 1024);

/**
 * 5-minute sums of fine `start, good, total` triples (in time order), as a tier:
 * summed into flat rows first, then built in one pass by PrefixColumns.of, not
 * by an upsert per sum (a cold start builds 10,000 of these of ~860 sums each).
 */
export function fiveMinuteSums(flat: Float64Array): PrefixColumns {
  const n = flat.length / 3;
  if (grouped.length < flat.length) grouped = new Float64Array(flat.length);
  let k = -3;
  for (let i = 0, last = -Infinity; i < n; i++) {
    const group = flat[3 * i] - (flat[3 * i] % FIVE_MINUTES_MS);
    if (group !== last) {
      k += 3;
      grouped[k] = group;
      grouped[k + 1] = 0;
      grouped[k + 2] = 0;
      last = group;
    }
    grouped[k + 1] += flat[3 * i + 1];
    grouped[k + 2] += flat[3 * i + 2];
  }
  return PrefixColumns.of(2, grouped.subarray(0, k + 3));
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
export type CacheRange = TierCuts;

/** What the cache holds of one SLO. */
export type CacheEntry = {
  hoursFromMs: number;
  slices: boolean;
  /** Fine buckets as pushed: from recentFromMs, or minutesFromMs with slices. */
  minutes: PrefixColumns;
  /** 5-minute sums of the fine buckets in [minutesFromMs, recentFromMs). */
  fiveMinutes: PrefixColumns;
  /** `good, total` per hour; with slices also `goodSlices, badSlices, ratioSum`. */
  hours: PrefixColumns;
};

/** Puts hourly rows (`stride` numbers each) into an entry, within its period. */
export function upsertHours(
  entry: CacheEntry,
  flat: Float64Array,
  stride: number,
) {
  for (let i = 0; i < flat.length; i += stride) {
    if (flat[i] >= entry.hoursFromMs) entry.hours.upsert(flat, i);
  }
}
