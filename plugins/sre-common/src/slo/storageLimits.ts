/**
 * Limits of the built-in SLI store that SLO definitions must respect: what it
 * keeps, and how it counts time slices. The backend stores by them and the spec
 * readers refuse definitions it could not evaluate.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * @public How long the built-in store keeps hourly rollups; no SLO period may be
 * longer, since the older part of it would already be gone.
 */
export const HOURLY_RETENTION_MS = 400 * DAY_MS;

/**
 * @public The time-slice windows the built-in store can count, in minutes: whole
 * minutes (stored buckets are at least a minute) that divide an hour (slices are
 * counted per hourly rollup, so none may straddle two hours).
 */
export const TIME_SLICE_WINDOW_MINUTES: readonly number[] = [
  1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60,
];

/** @public Whether the store can count slices of this length (see {@link TIME_SLICE_WINDOW_MINUTES}). */
export function isCountableTimeSlice(sliceMs: number): boolean {
  return (
    Number.isInteger(sliceMs) &&
    sliceMs > 0 &&
    sliceMs % MINUTE_MS === 0 &&
    HOUR_MS % sliceMs === 0
  );
}
