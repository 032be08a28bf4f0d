import {
  BURN_RATE_WINDOWS,
  BucketSliData,
  SliBucket,
  SloDefinition,
  evaluateSlo,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  CounterSeries,
  StartedPrometheus,
  describeWithPrometheus,
  startPrometheus,
  toOpenMetrics,
} from '../../__testUtils__/prometheus/startPrometheus';
import { seededRandom } from '../../__testUtils__/seededRandom';
import { PrometheusSliSourceSpec } from './buildWindowQuery';
import { PrometheusSliSource } from './PrometheusSliSource';
import { prometheusSlo } from './__testUtils__/prometheusSlo';

/*
 * Checks the Prometheus source against a real Prometheus (Debian's 2.42): the
 * numbers evaluateSlo computes from Prometheus' window sums must equal the ones it
 * computes from the same events through the built-in path (BucketSliData).
 *
 * Exactness: increase() extrapolates when the first or last sample of a range is
 * not at the range's edge. Here every series has a sample each minute, the query
 * time T is on the minute, and every window is a whole number of minutes, so each
 * range [T - W, T] (closed at both ends in Prometheus 2.x) has samples exactly at
 * both edges and increase() is the plain reset-corrected difference: the sum of
 * the per-sample increments at times in (T - W, T]. The increment of the sample at
 * time s counts the events of [s - 1m, s), the minute bucket starting at s - 1m,
 * so the built-in window [T - W, T) holds the same buckets. Windows reaching back
 * before the data (the 28-day and 30-day periods) are exact too: the counters start
 * at 0, and increase() extrapolates a counter no further back than where it would
 * reach zero. What remains is float rounding (rate() * seconds): 1e-9 relative.
 * (Prometheus 3 makes ranges left-open, (T - W, T]: the first sample is then a
 * minute inside the range and increase() scales by W / (W - 1m), so against it
 * this comparison would need that tolerance.)
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const DATA_SPAN_MS = 4 * DAY;

const NOW = Math.floor((Date.now() - 5 * MIN) / MIN) * MIN;
const START = NOW - DATA_SPAN_MS;

/**
 * Per-minute requests with a bad day, an outage in the last 45 minutes, and process
 * restarts (both counters drop to the count since the restart), one of them inside
 * the 5m/30m windows.
 */
function generateCounters(): { ok: CounterSeries; errors: CounterSeries } {
  const rnd = seededRandom(42);
  const restarts = new Set([
    NOW - 2 * DAY - 17 * MIN,
    NOW - 20 * HOUR,
    NOW - 3 * MIN,
  ]);
  const ok: CounterSeries = { labels: { code: '200' }, samples: [] };
  const errors: CounterSeries = { labels: { code: '500' }, samples: [] };
  let okValue = 0;
  let errorValue = 0;
  for (let t = START; t <= NOW; t += MIN) {
    if (t > START) {
      const requests = 80 + Math.floor(rnd() * 40);
      let errorRate = 0.0005;
      if (t > NOW - 2 * DAY && t <= NOW - 1.5 * DAY) errorRate = 0.01;
      if (t > NOW - 45 * MIN) errorRate = 0.5;
      const failed = Math.floor(requests * errorRate + rnd());
      if (restarts.has(t)) {
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
 * What a reset-aware reader makes of a counter: the increment of each sample over
 * the one before, where a lower value starts a new counter (the increment is the
 * value itself), keyed by the start of the minute it counts.
 */
function incrementsByMinute(series: CounterSeries): Map<number, number> {
  const result = new Map<number, number>();
  for (let i = 1; i < series.samples.length; i++) {
    const [t, value] = series.samples[i];
    const previous = series.samples[i - 1][1];
    result.set(t - MIN, value < previous ? value : value - previous);
  }
  return result;
}

const slo = (
  name: string,
  sides: Pick<PrometheusSliSourceSpec, 'good' | 'bad' | 'total'>,
  overrides: Partial<SloDefinition> = {},
) =>
  prometheusSlo(name, sides, {
    service: 'component:default/demo',
    ...overrides,
  });

const ALL = 'sre_demo_requests_total';
const OK = 'sre_demo_requests_total{code="200"}';
const FAILED = 'sre_demo_requests_total{code="500"}';

const SLOS: SloDefinition[] = [
  slo('good-over-total', { good: { query: OK }, total: { query: ALL } }),
  slo(
    'bad-over-total-calendar',
    { bad: { query: FAILED }, total: { query: ALL } },
    {
      target: 0.995,
      timeWindow: {
        kind: 'calendar',
        unit: 'w',
        count: 1,
        startTime: '2024-01-01T00:00:00',
        timeZone: 'Europe/Berlin',
        text: '1w',
      },
    },
  ),
  slo(
    'sloth-rates',
    {
      bad: { query: `sum(rate(${FAILED}[{{.window}}]))` },
      total: { query: `sum by (code) (rate(${ALL}[{{ .window }}]))` },
    },
    {
      target: 0.999,
      timeWindow: { kind: 'rolling', durationMs: 30 * DAY, text: '30d' },
    },
  ),
  // A ref that needs escaping both as a PromQL string and as a replacement.
  {
    ...slo('good-over-total', { good: { query: OK }, total: { query: ALL } }),
    ref: 'slo:default/odd"name$1\\x',
  },
  slo('no-such-metric', {
    good: { query: 'sre_missing_total{code="200"}' },
    total: { query: 'sre_missing_total' },
  }),
];

function expectClose(actual: number | null, expected: number | null) {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance);
}

describeWithPrometheus('PrometheusSliSource against a real Prometheus', () => {
  const counters = generateCounters();
  let prometheus: StartedPrometheus;
  /** The source `local`: the test's Prometheus. */
  const localSource = (options: { fetch?: typeof fetch } = {}) =>
    PrometheusSliSource.create({
      sources: {
        sources: [
          {
            name: 'local',
            baseUrl: prometheus.baseUrl,
            headers: {},
            timeoutMs: 10_000,
          },
        ],
        defaultName: 'local',
      },
      ...options,
    });

  beforeAll(async () => {
    prometheus = await startPrometheus({
      openMetrics: toOpenMetrics([
        {
          name: 'sre_demo_requests',
          help: 'Demo requests by status code.',
          series: [counters.ok, counters.errors],
        },
      ]),
    });
  }, 20_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  it('computes the same SLI, budget and burn rates as the built-in path, one query per window', async () => {
    const requests: string[] = [];
    const source = localSource({
      fetch: (input, init) => {
        requests.push(String(input));
        return fetch(input, init);
      },
    });

    const result = await source.fetchWindows(SLOS, NOW);

    // 7 burn windows + 28d + 30d + the calendar week so far; never per SLO.
    expect(requests).toHaveLength(10);
    expect(result.sources.get('local')).toEqual({ ok: true });

    const ok = incrementsByMinute(counters.ok);
    const errors = incrementsByMinute(counters.errors);
    const buckets: SliBucket[] = [...ok.keys()].map(startMs => ({
      startMs,
      good: ok.get(startMs)!,
      total: ok.get(startMs)! + errors.get(startMs)!,
    }));
    const builtin = new BucketSliData(buckets, MIN);

    for (const definition of SLOS.slice(0, 4)) {
      const fetched = result.slos.get(definition.ref)!;
      if (!fetched.ok) throw new Error(fetched.error);
      const fromPrometheus = evaluateSlo(definition, fetched.data, NOW);
      const expected = evaluateSlo(definition, builtin, NOW);

      expect(fromPrometheus.hasData).toBe(true);
      expectClose(fromPrometheus.sli, expected.sli);
      expectClose(
        fromPrometheus.errorBudgetRemaining,
        expected.errorBudgetRemaining,
      );
      expectClose(fromPrometheus.budget.allowed, expected.budget.allowed);
      expectClose(fromPrometheus.budget.consumed, expected.budget.consumed);
      for (const w of BURN_RATE_WINDOWS) {
        expectClose(fromPrometheus.burnRates[w], expected.burnRates[w]);
      }
      expect(fromPrometheus.alert).toBe(expected.alert);
      expect(fromPrometheus.rules.map(r => r.firing)).toEqual(
        expected.rules.map(r => r.firing),
      );
    }

    // The data make the comparison meaningful: an outage in the last 45 minutes.
    const first = result.slos.get(SLOS[0].ref)!;
    expect(first.ok && evaluateSlo(SLOS[0], first.data, NOW).alert).toBe(
      'page',
    );

    const missing = result.slos.get('slo:default/no-such-metric')!;
    expect(missing.ok).toBe(true);
    expect(missing.ok && evaluateSlo(SLOS[4], missing.data, NOW)).toMatchObject(
      {
        hasData: false,
        sli: null,
        errorBudgetRemaining: null,
      },
    );
  });

  it('reports a query Prometheus rejects against its SLO only', async () => {
    const source = localSource();
    // Balanced, so it is sent; Prometheus refuses the `+` without a right side.
    const broken = slo('broken', {
      bad: { query: `sum(rate(${FAILED}[{{.window}}]) +)` },
      total: { query: `sum(rate(${ALL}[{{.window}}]))` },
    });

    const result = await source.fetchWindows([SLOS[0], broken], NOW);

    expect(result.slos.get(broken.ref)).toMatchObject({
      ok: false,
      reason: 'query-failed',
      error: expect.stringContaining('bad_data'),
    });
    expect(result.slos.get(SLOS[0].ref)?.ok).toBe(true);
    expect(result.sources.get('local')).toEqual({ ok: true });
  });

  it('keeps a query that closes its wrapper from writing another SLO’s numbers; it breaks only its own SLO', async () => {
    const source = localSource();
    const victim = SLOS[0];
    // Before the victim in the batch, so that its forged series come first in
    // the `or` and would win: the victim would lose all its good events.
    const attacker = slo('attacker', {
      good: {
        query: `rate(${ALL}[{{.window}}])) * 0, "sre_slo", "${victim.ref}", "", ""), "sre_side", "good", "", "") or label_replace(label_replace(sum(rate(${ALL}[{{.window}}])`,
      },
      total: { query: `sum(rate(${ALL}[{{.window}}]))` },
    });
    const alone = await source.fetchWindows([victim], NOW);
    const together = await source.fetchWindows(
      [attacker, victim, SLOS[2]],
      NOW,
    );

    expect(together.slos.get(attacker.ref)).toMatchObject({
      ok: false,
      reason: 'query-refused',
      error: expect.stringMatching(
        /^The good query of slo:default\/attacker is not one self-contained PromQL expression: /,
      ),
    });
    const expected = alone.slos.get(victim.ref)!;
    const fetched = together.slos.get(victim.ref)!;
    if (!expected.ok) throw new Error(expected.error);
    if (!fetched.ok) throw new Error(fetched.error);
    expect(evaluateSlo(victim, fetched.data, NOW)).toEqual(
      evaluateSlo(victim, expected.data, NOW),
    );
    expect(evaluateSlo(victim, fetched.data, NOW).sli).toBeGreaterThan(0.9);
    expect(together.slos.get(SLOS[2].ref)?.ok).toBe(true);
    expect(together.sources.get('local')).toEqual({ ok: true });
  });
});
