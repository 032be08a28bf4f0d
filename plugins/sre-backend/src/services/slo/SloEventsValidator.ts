import { InputError } from '@backstage/errors';
import { z } from 'zod/v4';
import { SliBucketInput } from './SliStore';

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
  })
  .strict();

const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Validates a push of SLI events and returns the buckets to store. Throws an
 * InputError naming the first bad field; nothing is stored for a bad request.
 */
export function parseSloEvents(
  body: unknown,
  options: { nowMs: number; oldestFineMs: number },
): SliBucketInput[] {
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
  return parsed.data.buckets.map((b, i) => {
    const field = `buckets[${i}]`;
    const startMs = ISO_8601.test(b.start) ? Date.parse(b.start) : NaN;
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
}
