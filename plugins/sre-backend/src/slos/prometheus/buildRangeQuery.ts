import { HOURLY_RETENTION_MS } from '@sre-catalog/backstage-plugin-sre-common';
import {
  PartNonces,
  WindowQuerySlo,
  buildWindowQuery,
} from './buildWindowQuery';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Steps of the recent tier: the steps detectBudgetIncidents takes after the cut. */
export const FINE_STEP_MS = 5 * MINUTE;
/** Steps before the cut: the built-in store's hourly rollups. */
export const HOURLY_STEP_MS = HOUR;

/**
 * Prometheus refuses a range query of more points per series than this
 * (`exceeded maximum resolution of 11,000 points per timeseries`).
 */
export const MAX_POINTS_PER_SERIES = 11_000;

/**
 * One range of evaluations: at `startMs`, `startMs + stepMs`, … `endMs`. The value
 * at time T counts the events of the bucket `[T - stepMs, T)`.
 */
export type RangeStep = { stepMs: number; startMs: number; endMs: number };

/** A range query as `PrometheusClient.rangeQuery` sends it. */
export type RangeQuery = RangeStep & { query: string };

/**
 * The evaluations that give buckets laid out like the built-in store's, from the
 * hour of `fromMs` to `nowMs`: hourly buckets before `cutMs` (an hour boundary),
 * 5-minute buckets from it, the last of which holds `nowMs` and is evaluated at
 * its end (a little after `nowMs`: it counts the events up to the last scrape).
 * Nothing older than the hourly retention is asked for. Empty when `fromMs` is not
 * before `nowMs`.
 */
export function rangeStepsOf(options: {
  fromMs: number;
  cutMs: number;
  nowMs: number;
}): RangeStep[] {
  const { cutMs, nowMs } = options;
  if (cutMs % HOUR !== 0) {
    throw new Error(`the cut must be on an hour, not at ${cutMs}`);
  }
  const fromMs = Math.max(options.fromMs, nowMs - HOURLY_RETENTION_MS);
  const steps: RangeStep[] = [];
  const firstHour = Math.floor(fromMs / HOUR) * HOUR;
  if (firstHour < Math.min(cutMs, nowMs)) {
    steps.push({
      stepMs: HOURLY_STEP_MS,
      startMs: firstHour + HOURLY_STEP_MS,
      endMs: cutMs,
    });
  }
  const firstFine = Math.max(
    cutMs,
    Math.floor(fromMs / FINE_STEP_MS) * FINE_STEP_MS,
  );
  if (firstFine < nowMs) {
    steps.push({
      stepMs: FINE_STEP_MS,
      startMs: firstFine + FINE_STEP_MS,
      endMs:
        firstFine +
        Math.ceil((nowMs - firstFine) / FINE_STEP_MS) * FINE_STEP_MS,
    });
  }
  for (const step of steps) {
    const points = (step.endMs - step.startMs) / step.stepMs + 1;
    if (points > MAX_POINTS_PER_SERIES) {
      throw new Error(
        `a range of ${points} points is more than Prometheus answers (${MAX_POINTS_PER_SERIES})`,
      );
    }
  }
  return steps;
}

/**
 * The range query of one step for a batch of SLOs: the batch's window query
 * (see buildWindowQuery) with the step as its window, evaluated at every point of
 * the step. Each series carries its SLO, side and part nonce as in the window
 * query, so `attributeRangeSeries` applies the same isolation to its answer.
 */
export function buildRangeQuery(
  slos: WindowQuerySlo[],
  step: RangeStep,
  nonces: PartNonces,
): RangeQuery {
  return {
    ...step,
    query: buildWindowQuery(slos, step.stepMs / 1000, nonces),
  };
}
