import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

// How often SLOs are evaluated, and when an evaluation is too old to trust.

/** How often the evaluator runs when `sre.evaluation.frequency` does not say. */
export const DEFAULT_EVALUATION_INTERVAL_MS = 30_000;

/**
 * A status (or the evaluator) is stale when its last evaluation is older than
 * this many intervals: one missed run is normal, three are not.
 */
export const STALE_AFTER_INTERVALS = 3;

/** Reads `sre.evaluation.frequency` (`30s`, ISO 8601 or { seconds: 30 }) in milliseconds. */
export function readEvaluationIntervalMs(config: Config): number {
  if (!config.has('sre.evaluation.frequency')) {
    return DEFAULT_EVALUATION_INTERVAL_MS;
  }
  let ms: number;
  try {
    ms = durationToMilliseconds(
      readDurationFromConfig(config, { key: 'sre.evaluation.frequency' }),
    );
  } catch (error) {
    throw new Error(
      `Invalid config sre.evaluation.frequency: ${
        (error as Error).message
      }; use a duration such as 30s or { seconds: 30 }`,
    );
  }
  if (!(ms >= 1000)) {
    throw new Error(
      'Invalid config sre.evaluation.frequency: must be at least 1 second',
    );
  }
  return ms;
}

/** How old an evaluation at `evaluatedAtMs` is, when that makes it stale. */
export function staleAgeSeconds(
  evaluatedAtMs: number,
  nowMs: number,
  intervalMs: number,
): number | undefined {
  const ageMs = nowMs - evaluatedAtMs;
  if (!(ageMs > STALE_AFTER_INTERVALS * intervalMs)) return undefined;
  return Math.floor(ageMs / 1000);
}
