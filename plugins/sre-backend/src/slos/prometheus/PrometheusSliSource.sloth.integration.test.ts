import {
  BURN_RATE_WINDOWS,
  BURN_RATE_WINDOW_MS,
  SloDefinition,
  SlothRecordingRules,
} from '@sre-catalog/backstage-plugin-sre-common';
import { DAY, HOUR } from '../../__testUtils__/durations';
import { describeWithPrometheus } from '../../__testUtils__/prometheus/startPrometheus';
import { increaseOver } from './__testUtils__/requestCounters';
import {
  DEMO_NOW as NOW,
  demoRequestCounters,
  demoRequestsOpenMetrics,
} from './__testUtils__/demoRequests';
import { slothOpenMetrics } from './__testUtils__/slothOpenMetrics';
import { expectClose } from './__testUtils__/expectClose';
import { prometheusForTests } from './__testUtils__/testPrometheus';
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

const SERVICES = [
  { name: 'checkout', seed: 42, outage: 0.5, periodDays: 30 },
  { name: 'payments', seed: 7, outage: 0.002, periodDays: 28 },
];
/** Per-minute counters of each service: a bad day, a recent outage, a restart. */
const COUNTERS = SERVICES.map(s =>
  demoRequestCounters({
    labels: { service: s.name },
    seed: s.seed,
    outageErrorRate: s.outage,
    restartsMs: [NOW - 20 * HOUR],
  }),
);

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
      const bad = increaseOver(COUNTERS[i].errors, windowMs, NOW);
      const total = bad + increaseOver(COUNTERS[i].ok, windowMs, NOW);
      return {
        rules: rulesOf(service.name),
        seconds: windowMs / 1000,
        ratio: bad / total,
        timeMs: NOW,
      };
    });
  });
}

describeWithPrometheus(
  'Sloth recording rules against a real Prometheus',
  () => {
    const prometheus = prometheusForTests(
      () =>
        demoRequestsOpenMetrics(
          COUNTERS.flatMap(c => [c.ok, c.errors]),
          slothOpenMetrics(ruleSamples()),
        ),
      { setupTimeoutMs: 30_000 },
    );

    function createSource(queries: string[]) {
      return PrometheusSliSource.create({
        sources: prometheus.localSources(),
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
