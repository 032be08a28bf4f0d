import { JsonColumnType } from '../../database/sqlDialect';

/** The tables of SLI data the store reads and the applier writes. */
export type SliTable = 'sre_sli_minutes' | 'sre_sli_hours' | 'sre_sli_resets';

/** An hour, the length of a rollup and the longest fine bucket. */
export const HOUR = 3_600_000;

/** A row of `sre_sli_minutes` or `sre_sli_hours` as the database returns it. */
export type MinuteRow = {
  slo_ref: string;
  bucket_start: number | string;
  good: number | string;
  total: number | string;
};

/** A fine bucket with its length, as stored in `sre_sli_minutes`. */
export type StoredMinute = MinuteRow & { bucket_seconds: number };

/** A row of `sre_sli_hours`: an hour's counts and its time-slice tally. */
export type HourRow = MinuteRow & {
  good_slices: number;
  bad_slices: number;
  ratio_sum: number;
  /** The hour came as one pushed hourly bucket, not as a sum of minutes. */
  backfilled?: boolean;
  written_at?: number;
};

/** Bound rows `[sloRef, startMs]` (see SqlDialect.jsonRows): buckets by key. */
export const BUCKET_KEY_COLUMNS: Array<[string, JsonColumnType]> = [
  ['slo_ref', 'text'],
  ['bucket_start', 'bigint'],
];

/** Bound rows `[sloRef, startMs, endMs]`: where incoming buckets lie. */
export const BUCKET_SPAN_COLUMNS: Array<[string, JsonColumnType]> = [
  ...BUCKET_KEY_COLUMNS,
  ['bucket_end', 'bigint'],
];
