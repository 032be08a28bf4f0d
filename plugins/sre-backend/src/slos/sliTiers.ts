import { HOURLY_RETENTION_MS } from '@sre-catalog/backstage-plugin-sre-common';

// The tiers of stored SLI data, shared by the store, the evaluator and reads.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Fine buckets cover the longest burn window (3 days) plus an hour of slack. */
export const FINE_RETENTION_MS = 4 * DAY;

/** Hourly rollups cover quarterly periods and reports (SLO periods are capped by it). */
export { HOURLY_RETENTION_MS };

/** The hour boundary before which windows read hourly rollups. */
export function tierCut(nowMs: number): number {
  return Math.ceil((nowMs - 3 * DAY - HOUR) / HOUR) * HOUR;
}

/**
 * The hour boundary from which the evaluator holds fine buckets as pushed: the
 * burn windows up to 6 hours need minutes; the longer ones (and incident steps)
 * read 5-minute sums before it.
 */
export function recentCut(nowMs: number): number {
  return Math.floor((nowMs - 6 * HOUR) / HOUR) * HOUR;
}
