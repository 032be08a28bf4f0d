import {
  BURN_RATE_WINDOWS,
  BucketSliData,
  SliBucket,
  SloDefinition,
  evaluateSlo,
} from '@sre-catalog/backstage-plugin-sre-common';
import { DAY, HOUR, MIN } from '../../__testUtils__/durations';
import { describeWithPrometheus } from '../../__testUtils__/prometheus/startPrometheus';
import { PrometheusSliSourceSpec } from './buildWindowQuery';
import { PrometheusSliSource } from './PrometheusSliSource';
import { incrementsByMinute } from './__testUtils__/requestCounters';
import {
  DEMO_NOW as NOW,
  demoRequestCounters,
  demoRequestsOpenMetrics,
} from './__testUtils__/demoRequests';
import { prometheusSlo } from './__testUtils__/prometheusSlo';
import { expectClose } from './__testUtils__/expectClose';
import { prometheusForTests } from './__testUtils__/testPrometheus';

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

describeWithPrometheus('PrometheusSliSource against a real Prometheus', () => {
  /**
   * Per-minute requests with a bad day, an outage in the last 45 minutes, and
   * process restarts, one of them inside the 5m/30m windows.
   */
  const counters = demoRequestCounters({
    seed: 42,
    outageErrorRate: 0.5,
    restartsMs: [NOW - 2 * DAY - 17 * MIN, NOW - 20 * HOUR, NOW - 3 * MIN],
  });
  const prometheus = prometheusForTests(
    () => demoRequestsOpenMetrics([counters.ok, counters.errors]),
    { setupTimeoutMs: 20_000 },
  );
  /** The source `local`: the test's Prometheus. */
  const localSource = (options: { fetch?: typeof fetch } = {}) =>
    PrometheusSliSource.create({
      sources: prometheus.localSources(),
      ...options,
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
