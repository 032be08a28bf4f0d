import { MIN } from '../../../__testUtils__/durations';
import { CounterSeries } from '../../../__testUtils__/prometheus/startPrometheus';

/** What a process counted before one sample of its request counters. */
export type RequestsBefore = {
  requests: number;
  failed: number;
  /** The process restarted just before: both counters start again from 0. */
  restart: boolean;
};

/**
 * The request counters of one process (`code` 200 and 500 next to `labels`),
 * sampled every `stepMs` from `fromMs` to `toMs`: both are 0 at the first sample,
 * and before each later one at `t` came the requests `before(t)` says.
 */
export function requestCounters(
  span: { fromMs: number; toMs: number; stepMs: number },
  before: (t: number) => RequestsBefore,
  labels: Record<string, string> = {},
): { ok: CounterSeries; errors: CounterSeries } {
  const ok: CounterSeries = { labels: { ...labels, code: '200' }, samples: [] };
  const errors: CounterSeries = {
    labels: { ...labels, code: '500' },
    samples: [],
  };
  let okValue = 0;
  let errorValue = 0;
  for (let t = span.fromMs; t <= span.toMs; t += span.stepMs) {
    if (t > span.fromMs) {
      const { requests, failed, restart } = before(t);
      if (restart) {
        okValue = 0;
        errorValue = 0;
      }
      okValue += requests - failed;
      errorValue += failed;
    }
    ok.samples.push([t, okValue]);
    errors.samples.push([t, errorValue]);
  }
  return { ok, errors };
}

/**
 * What a reset-aware reader makes of a counter sampled each minute: the increment
 * of each sample over the one before, where a lower value starts a new counter
 * (the increment is the value itself), keyed by the start of the minute it counts.
 */
export function incrementsByMinute(series: CounterSeries): Map<number, number> {
  const result = new Map<number, number>();
  for (let i = 1; i < series.samples.length; i++) {
    const [t, value] = series.samples[i];
    const previous = series.samples[i - 1][1];
    result.set(t - MIN, value < previous ? value : value - previous);
  }
  return result;
}

/**
 * The reset-corrected increase of a counter sampled each minute over
 * (nowMs - windowMs, nowMs]: the increments of the minutes from nowMs - windowMs.
 */
export function increaseOver(
  series: CounterSeries,
  windowMs: number,
  nowMs: number,
): number {
  let sum = 0;
  for (const [minuteMs, increment] of incrementsByMinute(series)) {
    if (minuteMs >= nowMs - windowMs && minuteMs < nowMs) sum += increment;
  }
  return sum;
}
