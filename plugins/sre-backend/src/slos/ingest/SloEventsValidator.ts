import { InputError } from '@backstage/errors';
import { z } from 'zod/v4';
import { SliBucketInput } from '../store/SliStore';

/** The most buckets one request may carry (a day of minutes is 1,440). */
export const MAX_BUCKETS_PER_REQUEST = 10_000;
/** How far in the future a bucket may start, for clock skew. */
export const MAX_CLOCK_SKEW_MS = 60_000;
/** Bucket sizes: whole minutes that tile an hour, or whole hours (backfill). */
export const ALLOWED_BUCKET_SECONDS = [
  60, 120, 180, 240, 300, 360, 600, 720, 900, 1200, 1800, 3600,
];

const count = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .nonnegative({ error: 'must not be negative' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'is too large' });

const requestSchema = z
  .object({
    bucketSeconds: z
      .number()
      .refine(s => ALLOWED_BUCKET_SECONDS.includes(s), {
        error: `must be one of ${ALLOWED_BUCKET_SECONDS.join(', ')}`,
      })
      .optional(),
    buckets: z
      .array(
        z
          .object({
            start: z.string({ error: 'must be an ISO-8601 timestamp' }),
            good: count,
            total: count,
          })
          .strict(),
        { error: 'must be an array of { start, good, total }' },
      )
      .min(1, { error: 'must hold at least one bucket' })
      .max(MAX_BUCKETS_PER_REQUEST, {
        error: `must hold at most ${MAX_BUCKETS_PER_REQUEST} buckets per request`,
      }),
    replace: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();

const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The number of two digits at `i` of a text. */
function twoDigits(text: string, i: number): number {
  return (text.charCodeAt(i) - 48) * 10 + (text.charCodeAt(i + 1) - 48);
}

/**
 * Whether the date and time of an ISO-8601 text that Date.parse accepts exist:
 * Date.parse rolls 2026-02-30 over to March 2, and 24:00 over to the next day, but
 * refuses other out-of-range fields. Cheap: a push checks every bucket.
 */
function isCalendarTime(text: string): boolean {
  if (twoDigits(text, 11) > 23) return false;
  const day = twoDigits(text, 8);
  if (day <= 28) return true;
  const year = Number(text.slice(0, 4));
  const month = twoDigits(text, 5);
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Options of {@link parseSloPush}. */
export type ParseSloPushOptions = {
  nowMs: number;
  /** Buckets shorter than an hour must start at or after this time. */
  oldestFineMs: number;
  /** No bucket may start before this time (the store's retention). */
  oldestMs?: number;
  /** What `oldestMs` is, for the message: "hourly rollups are kept for 400 days". */
  retention?: string;
};

/** A validated push of one SLO. */
export type ParsedSloPush = {
  buckets: SliBucketInput[];
  /** The push may replace any number of stored buckets (a backfill). */
  replace: boolean;
};

/**
 * Validates a push of SLI events and returns the buckets to store and its `replace`
 * flag. Throws an InputError naming the first bad field; nothing is stored for a bad
 * request.
 */
export function parseSloPush(
  body: unknown,
  options: ParseSloPushOptions,
): ParsedSloPush {
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path
      .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    const field = path || 'body';
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.join(', ')}`
        : issue.message;
    throw new InputError(`Invalid ${field}: ${message}`);
  }
  const seconds = parsed.data.bucketSeconds ?? 60;
  const sizeMs = seconds * 1000;
  const seen = new Set<number>();
  const buckets = parsed.data.buckets.map((b, i) => {
    const field = `buckets[${i}]`;
    const startMs =
      ISO_8601.test(b.start) && isCalendarTime(b.start)
        ? Date.parse(b.start)
        : NaN;
    if (!Number.isFinite(startMs)) {
      throw new InputError(
        `Invalid ${field}.start: "${b.start.slice(
          0,
          40,
        )}" is not an ISO-8601 timestamp with a time zone`,
      );
    }
    if (startMs % sizeMs !== 0) {
      throw new InputError(
        `Invalid ${field}.start: ${b.start} is not aligned to the ${seconds}s bucket grid`,
      );
    }
    if (startMs > options.nowMs + MAX_CLOCK_SKEW_MS) {
      throw new InputError(
        `Invalid ${field}.start: ${b.start} is in the future`,
      );
    }
    if (options.oldestMs !== undefined && startMs < options.oldestMs) {
      throw new InputError(
        `Invalid ${field}.start: ${
          b.start
        } is older than the store keeps; buckets must start at or after ${new Date(
          options.oldestMs,
        ).toISOString()}${options.retention ? ` (${options.retention})` : ''}`,
      );
    }
    if (seconds < 3600 && startMs < options.oldestFineMs) {
      throw new InputError(
        `Invalid ${field}.start: ${b.start} is older than ${new Date(
          options.oldestFineMs,
        ).toISOString()}; send older data as whole hours (bucketSeconds 3600)`,
      );
    }
    if (b.good > b.total) {
      throw new InputError(
        `Invalid ${field}.good: ${b.good} good events exceed the ${b.total} total`,
      );
    }
    if (seen.has(startMs)) {
      throw new InputError(
        `Invalid ${field}.start: ${b.start} appears twice in the request`,
      );
    }
    seen.add(startMs);
    return { startMs, seconds, good: b.good, total: b.total };
  });
  return { buckets, replace: parsed.data.replace ?? false };
}

/**
 * The most stored buckets of one SLO a push may replace without `"replace": true`:
 * an hour of one-minute buckets. More is a backfill, which must say so.
 */
export const MAX_REPLACED_WITHOUT_FLAG = 60;

/**
 * The most stored buckets the given buckets of one SLO can replace: stored buckets
 * are whole minutes on the minute grid and never overlap, so a bucket of `s` seconds
 * overlaps at most `s / 60` fine ones, and an hourly bucket also replaces its
 * hour's rollup. Below the limit, a push needs no look at the database.
 */
export function maxReplaceable(buckets: SliBucketInput[]): number {
  let max = 0;
  for (const b of buckets) {
    max += Math.ceil(b.seconds / 60) + (b.seconds >= 3600 ? 1 : 0);
  }
  return max;
}
