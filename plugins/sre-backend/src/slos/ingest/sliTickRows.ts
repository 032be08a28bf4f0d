import {
  formatWindow,
  hourSliceTally,
  isCountableTimeSlice,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SliTickEntry, SliceSpec } from '../store/SliStore';
import { HOUR } from '../store/sliTables';

/** `[sloRef, startMs, seconds, good, total]`: a fine bucket for `sre_sli_minutes`. */
export type MinuteTuple = [string, number, number, number, number];

/**
 * `[sloRef, startMs, good, total, goodSlices, badSlices, ratioSum]`: an hourly
 * bucket, stored as the hour's rollup.
 */
export type BackfillTuple = [
  string,
  number,
  number,
  number,
  number,
  number,
  number,
];

/** `[sloRef, startMs, endMs]`: where an incoming bucket lies. */
export type BucketSpan = [string, number, number];

/** The hours of fine buckets of a time-slice SLO, to re-sum from its minutes. */
export type SlicedHours = Map<string, { hours: Set<number>; slice: SliceSpec }>;

/** A tick as the rows the applier writes. */
export type TickRows = {
  minuteRows: MinuteTuple[];
  backfill: BackfillTuple[];
  /** Every incoming bucket, fine or hourly. */
  incoming: BucketSpan[];
  sliced: SlicedHours;
};

/**
 * Throws unless the store can count the entry's slices per hour: whole minutes that
 * divide an hour. The SLO validation refuses other slices; a queued push from
 * before that (or a bug) must fail loudly rather than write fractional or
 * hour-straddling slice counts.
 */
function assertCountableSlice(sloRef: string, slice: SliceSpec | undefined) {
  if (!slice || isCountableTimeSlice(slice.sliceMs)) return;
  throw new Error(
    `SLO ${sloRef}: cannot count time slices of ${formatWindow(
      slice.sliceMs,
    )} (${
      slice.sliceMs
    } ms) per hour; a slice must be whole minutes that divide an hour`,
  );
}

/**
 * The rows of a tick: fine buckets as minutes, hourly buckets as backfilled
 * hours. Throws before anything is written if an entry's slices cannot be counted.
 */
export function tickRows(entries: SliTickEntry[]): TickRows {
  const minuteRows: MinuteTuple[] = [];
  const backfill: BackfillTuple[] = [];
  const incoming: BucketSpan[] = [];
  const sliced: SlicedHours = new Map();
  for (const { sloRef, slice } of entries) assertCountableSlice(sloRef, slice);
  for (const { sloRef, buckets, slice } of entries) {
    const hours = new Set<number>();
    for (const b of buckets) {
      incoming.push([sloRef, b.startMs, b.startMs + b.seconds * 1000]);
      if (b.seconds >= 3600) {
        // An hourly bucket is its own rollup; its slices all share its ratio.
        const r = hourSliceTally(b.good, b.total, slice);
        backfill.push([
          sloRef,
          b.startMs,
          b.good,
          b.total,
          r.goodSlices,
          r.badSlices,
          r.ratioSum,
        ]);
      } else {
        minuteRows.push([sloRef, b.startMs, b.seconds, b.good, b.total]);
        hours.add(Math.floor(b.startMs / HOUR) * HOUR);
      }
    }
    if (slice && hours.size) sliced.set(sloRef, { hours, slice });
  }
  return { minuteRows, backfill, incoming, sliced };
}

/** The key of an SLO's bucket or hour in the applier's maps. */
export function bucketKey(sloRef: string, startMs: number): string {
  return `${sloRef}\u0000${startMs}`;
}
