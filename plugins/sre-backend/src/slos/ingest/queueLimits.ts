import { Config } from '@backstage/config';

/** The bounds of the queue of accepted SLI pushes (`sre.ingest.queue`). */
export type SliQueueLimits = {
  /** Pending pushes (rows) at most. */
  maxRows: number;
  /** Bytes of pending push payloads at most. */
  maxBytes: number;
  /** The oldest pending push at most this old, in seconds. */
  maxAgeSeconds: number;
};

/**
 * The bounds when `sre.ingest.queue` does not set them: what both the push path
 * (503 when over) and the evaluator health report read.
 */
export const DEFAULT_SLI_QUEUE_LIMITS: Readonly<SliQueueLimits> = Object.freeze(
  {
    maxRows: 10_000,
    maxBytes: 268_435_456,
    maxAgeSeconds: 600,
  },
);

/** Reads `sre.ingest.queue.{maxRows,maxBytes,maxAgeSeconds}`; throws naming a bad key. */
export function readSliQueueLimits(config: Config): SliQueueLimits {
  const queue = config.getOptionalConfig('sre.ingest.queue');
  const read = (key: keyof SliQueueLimits): number => {
    const value = queue?.getOptionalNumber(key);
    if (value === undefined) return DEFAULT_SLI_QUEUE_LIMITS[key];
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(
        `Invalid config sre.ingest.queue.${key}: must be a whole number of at least 1, not ${value}`,
      );
    }
    return value;
  };
  return {
    maxRows: read('maxRows'),
    maxBytes: read('maxBytes'),
    maxAgeSeconds: read('maxAgeSeconds'),
  };
}
