import {
  BURN_RATE_WINDOWS,
  BURN_RATE_WINDOW_MS,
  SloDefinition,
  SlothRecordingRules,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  CounterSeries,
  StartedPrometheus,
  describeWithPrometheus,
  startPrometheus,
  toOpenMetrics,
} from '../../__testUtils__/prometheus/startPrometheus';
import { seededRandom } from '../../__testUtils__/seededRandom';
import { slothOpenMetrics } from './__testUtils__/slothOpenMetrics';
import { evaluatePrometheusSlo } from './evaluatePrometheusSlo';
import { PrometheusSliSource } from './PrometheusSliSource';

/*
 * Sloth's recording rules against a real Prometheus (Debian's 2.42): the rule
 * series `slo:sli_error:ratio_rate<window>` are backfilled with the error ratios
 * of the same counters that are backfilled raw (computed here from the
 * counters' increments, as Sloth's rules compute them from the rates), and the
 * status read from the rules must equal the status computed from the raw
 * counters, except for the budget's event counts, which ratios do not carry.
 * Every series has a sample each minute and the query time is on the minute, so
 * Prometheus' increase() over each window is the plain reset-corrected difference
 * (see PrometheusSliSource.integration.test.ts): what remains is float rounding.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const DATA_SPAN_MS = 4 * DAY;
const NOW = Math.floor((Date.now() - 5 * MIN) / MIN) * MIN;
const START = NOW - DATA_SPAN_MS;

/** Per-minute counters of one service: a bad day, a recent outage, a restart. */
function counters(service: string, seed: number, outage: number) {
  const rnd = seededRandom(seed);
  const ok: CounterSeries = {
    labels: { service, code: '200' },
    samples: [],
  };
  const errors: CounterSeries = {
    labels: { service, code: '500' },
    samples: [],
  };
  let okValue = 0;
  let errorValue = 0;
  for (let t = START; t <= NOW; t += MIN) {
    if (t > START) {
      const requests = 80 + Math.floor(rnd() * 40);
      let errorRate = 0.0005;
      if (t > NOW - 2 * DAY && t <= NOW - 1.5 * DAY) errorRate = 0.01;
      if (t > NOW - 45 * MIN) errorRate = outage;
      const failed = Math.floor(requests * errorRate + rnd());
      if (t === NOW - 20 * HOUR) {
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

/** The reset-corrected increase of a counter over (NOW - W, NOW]. */
function increase(series: CounterSeries, windowMs: number): number {
  let sum = 0;
  for (let i = 1; i < series.samples.length; i++) {
    const [t, value] = series.samples[i];
    if (t <= NOW - windowMs) continue;
    const previous = series.samples[i - 1][1];
    sum += value < previous ? value : value - previous;
  }
  return sum;
}

const SERVICES = [
  { name: 'checkout', seed: 42, outage: 0.5, periodDays: 30 },
  { name: 'payments', seed: 7, outage: 0.002, periodDays: 28 },
];
const COUNTERS = SERVICES.map(s => counters(s.name, s.seed, s.outage));

function rulesOf(service: string): SlothRecordingRules {
  return { id: `${service}-availability`, service, slo: 'availability' };
}

function definition(
  name: string,
  service: string,
  periodDays: number,
  sloth?: SlothRecordingRules,
): SloDefinition {
  const all = `sre_demo_requests_total{service="${service}"}`;
  return {
    ref: `slo:default/${name}`,
    name,
    namespace: 'default',
    service: `component:default/${service}`,
    format: 'sloth',
    target: 0.999,
    budgetingMethod: 'Occurrences',
    timeWindow: {
      kind: 'rolling',
      durationMs: periodDays * DAY,
      text: `${periodDays}d`,
    },
    indicator: {
      source: {
        type: 'prometheus',
        counter: false,
        bad: {
          query: `sum(rate(sre_demo_requests_total{service="${service}",code="500"}[{{.window}}]))`,
        },
        total: { query: `sum(rate(${all}[{{.window}}]))` },
        ...(sloth ? { sloth } : {}),
      },
    },
    alertPolicies: [],
    runbookUrls: [],
  };
}

/** The rule samples at NOW: error ratio of each window of each service. */
function ruleSamples() {
  return SERVICES.flatMap((service, i) => {
    const windows = [
      ...BURN_RATE_WINDOWS.map(w => BURN_RATE_WINDOW_MS[w]),
      service.periodDays * DAY,
    ];
    return windows.map(windowMs => {
      const bad = increase(COUNTERS[i].errors, windowMs);
      const total = bad + increase(COUNTERS[i].ok, windowMs);
      return {
        rules: rulesOf(service.name),
        seconds: windowMs / 1000,
        ratio: bad / total,
        timeMs: NOW,
      };
    });
  });
}

function expectClose(actual: number | null, expected: number | null) {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance);
}

describeWithPrometheus(
  'Sloth recording rules against a real Prometheus',
  () => {
    let prometheus: StartedPrometheus;

    beforeAll(async () => {
      const counterText = toOpenMetrics([
        {
          name: 'sre_demo_requests',
          help: 'Demo requests by status code.',
          series: COUNTERS.flatMap(c => [c.ok, c.errors]),
        },
      ]).replace(/# EOF\n$/, '');
      prometheus = await startPrometheus({
        openMetrics: `${counterText}${slothOpenMetrics(ruleSamples())}# EOF\n`,
      });
    }, 30_000);

    afterAll(async () => {
      await prometheus?.stop();
    });

    function createSource(queries: string[]) {
      return PrometheusSliSource.create({
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
        fetch: (input, init) => {
          queries.push(
            new URLSearchParams(String(init?.body ?? '')).get('query') ?? '',
          );
          return fetch(input, init);
        },
      });
    }

    it('gives from the rules the status the raw counters give, with one query per series name', async () => {
      const fromRules = SERVICES.map(s =>
        definition(s.name, s.name, s.periodDays, rulesOf(s.name)),
      );
      const fromRaw = SERVICES.map(s =>
        definition(s.name, s.name, s.periodDays),
      );
      const ruleQueries: string[] = [];
      const rawQueries: string[] = [];

      const ruled = await createSource(ruleQueries).fetchWindows(
        fromRules,
        NOW,
      );
      const raw = await createSource(rawQueries).fetchWindows(fromRaw, NOW);

      // 7 burn windows + 30d + 4w (Sloth's name of 28 days); no raw query.
      expect(ruleQueries).toHaveLength(9);
      expect(
        ruleQueries.every(q => q.startsWith('slo:sli_error:ratio_rate')),
      ).toBe(true);
      expect(ruleQueries).toContain(
        'slo:sli_error:ratio_rate4w{sloth_id=~"payments-availability"}',
      );
      expect(rawQueries).toHaveLength(9);

      for (let i = 0; i < SERVICES.length; i++) {
        const r = ruled.slos.get(fromRules[i].ref)!;
        const c = raw.slos.get(fromRaw[i].ref)!;
        if (!r.ok) throw new Error(r.error);
        if (!c.ok) throw new Error(c.error);
        const rules = evaluatePrometheusSlo(fromRules[i], r.data, NOW);
        const counted = evaluatePrometheusSlo(fromRaw[i], c.data, NOW);

        expect(rules.hasData).toBe(true);
        expectClose(rules.sli, counted.sli);
        expectClose(rules.errorBudgetRemaining, counted.errorBudgetRemaining);
        for (const w of BURN_RATE_WINDOWS) {
          expectClose(rules.burnRates[w], counted.burnRates[w]);
        }
        expect(rules.alert).toBe(counted.alert);
        expect(rules.rules).toEqual(counted.rules);
        // Whole seconds, rounded: float noise may tip it by one.
        expect(rules.timeToExhaustion === null).toBe(
          counted.timeToExhaustion === null,
        );
        expect(
          Math.abs(
            (rules.timeToExhaustion ?? 0) - (counted.timeToExhaustion ?? 0),
          ),
        ).toBeLessThanOrEqual(1);
        expect(rules.budget).toEqual({
          unit: 'events',
          allowed: null,
          consumed: null,
        });
        expect(counted.budget.consumed).toBeGreaterThan(0);
      }
      // The data make the comparison meaningful: one pages, one does not.
      const alerts = SERVICES.map((_, i) => {
        const r = ruled.slos.get(fromRules[i].ref)!;
        return r.ok && evaluatePrometheusSlo(fromRules[i], r.data, NOW).alert;
      });
      expect(alerts).toEqual(['page', 'none']);
    });

    it('reads an SLO whose rules Prometheus does not have from its counters, with its full budget', async () => {
      const undeployed = definition('orders', 'checkout', 30, {
        id: 'orders-availability',
        service: 'orders',
        slo: 'availability',
      });
      const plain = definition('orders', 'checkout', 30);
      const queries: string[] = [];

      const ruled = await createSource(queries).fetchWindows([undeployed], NOW);
      const raw = await createSource([]).fetchWindows([plain], NOW);

      // The 8 rule queries found nothing; then the 8 raw windows.
      expect(queries).toHaveLength(16);
      const r = ruled.slos.get(undeployed.ref)!;
      const c = raw.slos.get(plain.ref)!;
      if (!r.ok) throw new Error(r.error);
      if (!c.ok) throw new Error(c.error);
      expect(evaluatePrometheusSlo(undeployed, r.data, NOW)).toEqual(
        evaluatePrometheusSlo(plain, c.data, NOW),
      );
    });
  },
);
