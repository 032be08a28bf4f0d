import { DAY, MIN } from '../../../__testUtils__/durations';
import {
  CounterSeries,
  toOpenMetrics,
} from '../../../__testUtils__/prometheus/startPrometheus';
import { seededRandom } from '../../../__testUtils__/seededRandom';
import { requestCounters } from './requestCounters';

/**
 * The last sample of the demo requests, and the time the tests query at: on the
 * minute, at least 5 minutes before the test started.
 */
export const DEMO_NOW = Math.floor((Date.now() - 5 * MIN) / MIN) * MIN;
/** The first sample of the demo requests: 4 days before the last. */
const DEMO_START = DEMO_NOW - 4 * DAY;

/**
 * The request counters of one service (`code` 200 and 500 next to `labels`), a
 * sample a minute from DEMO_START to DEMO_NOW: 80 to 119 requests a minute, 0.05%
 * of them failed, except for a bad day (1% from 2 days to 1.5 days ago) and an
 * outage in the last 45 minutes (`outageErrorRate`). At each of `restartsMs` the
 * process restarts: both counters drop to the count since.
 */
export function demoRequestCounters(options: {
  labels?: Record<string, string>;
  seed: number;
  outageErrorRate: number;
  restartsMs: number[];
}): { ok: CounterSeries; errors: CounterSeries } {
  const rnd = seededRandom(options.seed);
  const restarts = new Set(options.restartsMs);
  return requestCounters(
    { fromMs: DEMO_START, toMs: DEMO_NOW, stepMs: MIN },
    t => {
      const requests = 80 + Math.floor(rnd() * 40);
      let errorRate = 0.0005;
      if (t > DEMO_NOW - 2 * DAY && t <= DEMO_NOW - 1.5 * DAY) errorRate = 0.01;
      if (t > DEMO_NOW - 45 * MIN) errorRate = options.outageErrorRate;
      const failed = Math.floor(requests * errorRate + rnd());
      return { requests, failed, restart: restarts.has(t) };
    },
    options.labels,
  );
}

/**
 * The OpenMetrics text of the counters, as `sre_demo_requests_total{code}`, and of
 * `moreFamilies` (OpenMetrics lines of other families) before its end.
 */
export function demoRequestsOpenMetrics(
  series: CounterSeries[],
  moreFamilies = '',
): string {
  const counters = toOpenMetrics([
    {
      name: 'sre_demo_requests',
      help: 'Demo requests by status code.',
      series,
    },
  ]).replace(/# EOF\n$/, '');
  return `${counters}${moreFamilies}# EOF\n`;
}
