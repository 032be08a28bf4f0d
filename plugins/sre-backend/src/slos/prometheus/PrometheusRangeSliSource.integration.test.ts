import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import { DAY, HOUR, MIN } from '../../__testUtils__/durations';
import {
  CounterSeries,
  describeWithPrometheus,
  toOpenMetrics,
} from '../../__testUtils__/prometheus/startPrometheus';
import { ratioSloEntity } from '../../__testUtils__/ratioSloEntity';
import { seededRandom } from '../../__testUtils__/seededRandom';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { CatalogSloRegistry } from '../CatalogSloRegistry';
import { SloBudgetCalculator } from '../evaluation/SloBudgetCalculator';
import { SloEvaluator } from '../evaluation/SloEvaluator';
import { tierCut } from '../sliTiers';
import { SloIncident } from '../evaluation/SloIncidentStore';
import { SloIncidentDetector } from '../evaluation/SloIncidentDetector';
import { loadSloDefinitions } from '../loadSloDefinitions';
import { PrometheusRangeSliSource } from './PrometheusRangeSliSource';
import { PrometheusSliSource } from './PrometheusSliSource';
import { requestCounters } from './__testUtils__/requestCounters';
import { expectClose } from './__testUtils__/expectClose';
import { prometheusForTests } from './__testUtils__/testPrometheus';
import { SreDatabase } from '../../database/SreDatabase';

/*
 * Incident detection and postmortem budgets of Prometheus SLOs against a real
 * Prometheus (Debian's 2.42): the same events, once in Prometheus and once pushed
 * to the built-in store, must give the same incidents (start, end, budget) and the
 * same postmortem budgets.
 *
 * Exactness: samples are every 5 minutes on the 5-minute grid, and every range
 * query evaluates at hour or 5-minute boundaries with a window of its step, so each
 * range [T - step, T] (closed at both ends in Prometheus 2.x) has samples at both
 * edges and increase() is the plain reset-corrected difference: the events of the
 * bucket [T - step, T), the ones pushed to the built-in store. NOW is on the
 * 5-minute grid, so no bucket is cut short by it. What remains is float rounding
 * of rate() * seconds (1e-9 relative).
 */

const STEP = 5 * MIN;

const NOW = Math.floor((Date.now() - 10 * MIN) / STEP) * STEP;
const START = Math.floor((NOW - 8 * DAY) / HOUR) * HOUR;

/**
 * Two fast burns of a 7-day SLO: one 5 days ago (read as hourly steps, off the
 * hour) and one yesterday (read as 5-minute steps), each over 20% of a 99% budget.
 */
const OUTAGES = [
  { fromMs: NOW - 5 * DAY - 25 * MIN, toMs: NOW - 5 * DAY + 95 * MIN },
  { fromMs: NOW - DAY - 40 * MIN, toMs: NOW - DAY + 80 * MIN },
].map(o => ({
  fromMs: Math.floor(o.fromMs / STEP) * STEP,
  toMs: Math.floor(o.toMs / STEP) * STEP,
}));
/** Process restarts, one in each tier. */
const RESETS = [NOW - 4 * DAY - 35 * MIN, NOW - 2 * DAY + 10 * MIN].map(
  t => Math.floor(t / STEP) * STEP,
);

/** The events of each 5-minute bucket, by its start. */
type Buckets = Map<number, { good: number; total: number }>;

/**
 * Counters sampled every 5 minutes (a process restart drops both to the count since
 * it), and the events of each 5-minute bucket they count.
 */
function generate(): { series: CounterSeries[]; buckets: Buckets } {
  const rnd = seededRandom(7);
  const buckets: Buckets = new Map();
  const { ok, errors } = requestCounters(
    { fromMs: START, toMs: NOW, stepMs: STEP },
    t => {
      const bucketStart = t - STEP;
      const requests = 400 + Math.floor(rnd() * 200);
      const inOutage = OUTAGES.some(
        o => bucketStart >= o.fromMs && bucketStart < o.toMs,
      );
      const failed = Math.floor(requests * (inOutage ? 0.3 : 0.0005) + rnd());
      buckets.set(bucketStart, { good: requests - failed, total: requests });
      return { requests, failed, restart: RESETS.includes(t) };
    },
  );
  return { series: [ok, errors], buckets };
}

const METRIC = 'sre_checkout_requests_total';

/** A checkout SLO of 99% over a rolling week with `ratioMetric` as its SLI. */
const sloEntity = (name: string, ratioMetric: JsonObject) =>
  ratioSloEntity(name, { ratioMetric, duration: '7d', target: 0.99 });

const prometheus = (query: string) => ({
  metricSource: { type: 'Prometheus', spec: { query } },
});

const ENTITIES = [
  sloEntity('checkout-builtin', {
    counter: true,
    good: { metricSource: { type: 'builtin' } },
    total: { metricSource: { type: 'builtin' } },
  }),
  sloEntity('checkout-counters', {
    counter: true,
    good: prometheus(`${METRIC}{code="200"}`),
    total: prometheus(METRIC),
  }),
  sloEntity('checkout-rates', {
    counter: false,
    bad: prometheus(`sum(rate(${METRIC}{code="500"}[{{.window}}]))`),
    total: prometheus(`sum by (code) (rate(${METRIC}[{{ .window }}]))`),
  }),
];
const BUILTIN = 'slo:default/checkout-builtin';
const PROMETHEUS_REFS = [
  'slo:default/checkout-counters',
  'slo:default/checkout-rates',
];

const databases = createTestDatabases();

describeWithPrometheus(
  'Prometheus SLO incidents and budgets against a real Prometheus',
  () => {
    const { series, buckets } = generate();
    const testPrometheus = prometheusForTests(
      () =>
        toOpenMetrics([
          { name: 'sre_checkout_requests', help: 'Requests.', series },
        ]),
      { setupTimeoutMs: 60_000, readyTimeoutMs: 30_000 },
    );

    it('finds the same incidents, with the same budgets, in Prometheus as in the built-in store; one range query per step', async () => {
      const requests: string[] = [];
      const sources = testPrometheus.localSources({
        timeoutMs: 20_000,
        deadlineMs: 25_000,
      });
      const rangeSource = PrometheusRangeSliSource.create({
        sources,
        fetch: (input, init) => {
          requests.push(String(input));
          return fetch(input, init);
        },
      });

      // The same events in the built-in store: hours before the fine tier,
      // 5-minute buckets after it.
      const knex = await databases.init('SQLITE_3');
      const database = mockServices.database({ knex });
      const sliStore = (await SreDatabase.create({ database })).sliStore();
      const fineFrom = tierCut(NOW) - HOUR;
      const hours = new Map<number, { good: number; total: number }>();
      const fine = [];
      for (const [startMs, counts] of buckets) {
        if (startMs >= fineFrom) {
          fine.push({ startMs, seconds: 300, ...counts });
          continue;
        }
        const hour = Math.floor(startMs / HOUR) * HOUR;
        const sum = hours.get(hour) ?? { good: 0, total: 0 };
        hours.set(hour, {
          good: sum.good + counts.good,
          total: sum.total + counts.total,
        });
      }
      await sliStore.writeTick([
        {
          sloRef: BUILTIN,
          buckets: [...hours].map(([startMs, counts]) => ({
            startMs,
            seconds: 3600,
            ...counts,
          })),
        },
      ]);
      await sliStore.writeTick([{ sloRef: BUILTIN, buckets: fine }]);

      const catalog = catalogServiceMock({ entities: ENTITIES });
      const definitions = await loadSloDefinitions(
        catalog,
        ENTITIES.map(e => `slo:default/${e.metadata.name}`),
        await mockServices.auth().getOwnServiceCredentials(),
      );
      const loaded = [...definitions.values()].map(d => {
        if (!d || d instanceof Error) throw new Error(`invalid SLO: ${d}`);
        return d;
      });
      // A query that closes its wrapper to write the first SLO's series: it is
      // never sent, and breaks only itself.
      const attacker: SloDefinition = {
        ...loaded[1],
        ref: 'slo:default/attacker',
        name: 'attacker',
        indicator: {
          source: {
            type: 'prometheus',
            counter: false,
            good: {
              query: `rate(${METRIC}[{{.window}}])) * 0 + 1e9, "sre_slo", "${PROMETHEUS_REFS[0]}", "", ""), "sre_side", "bad", "", "") or label_replace(label_replace(sum(rate(${METRIC}[{{.window}}])`,
            },
            total: { query: `sum(rate(${METRIC}[{{.window}}]))` },
          },
        },
      };
      const registry = {
        load: async () => ({
          slos: [...loaded, attacker].map(definition => ({
            definition,
            ownerRef: 'group:default/checkout',
          })),
          invalid: [],
        }),
      } as unknown as CatalogSloRegistry;
      const incidentStore = (
        await SreDatabase.create({ database })
      ).incidentStore();
      const logger = mockServices.logger.mock();
      const evaluator = new SloEvaluator(
        registry,
        sliStore,
        (await SreDatabase.create({ database })).statusStore(),
        PrometheusSliSource.create({ sources }),
        logger,
        new SloIncidentDetector(incidentStore, logger, rangeSource),
      );

      await evaluator.evaluateAll(NOW);

      // One range query per step (hourly, 5-minute) for both Prometheus SLOs.
      expect(requests.filter(url => url.endsWith('/query_range'))).toHaveLength(
        2,
      );
      const incidents = await incidentStore.listIncidents({
        fromMs: 0,
        toMs: NOW + DAY,
      });
      const of = (ref: string): SloIncident[] =>
        incidents
          .filter(i => i.sloRef === ref)
          .sort((a, b) => a.startMs - b.startMs);
      const builtin = of(BUILTIN);
      // Both outages, each over the postmortem threshold; the first in hourly
      // steps (whole hours around it), the second in 5-minute steps (exact).
      expect(builtin).toHaveLength(2);
      expect(builtin[0].startMs).toBe(
        Math.floor(OUTAGES[0].fromMs / HOUR) * HOUR,
      );
      expect(builtin[1]).toMatchObject({
        startMs: OUTAGES[1].fromMs,
        endMs: OUTAGES[1].toMs,
      });
      for (const incident of builtin) {
        expect(incident.budgetConsumed).toBeGreaterThan(0.2);
      }
      for (const ref of PROMETHEUS_REFS) {
        const found = of(ref);
        expect(found.map(i => [i.startMs, i.endMs])).toEqual(
          builtin.map(i => [i.startMs, i.endMs]),
        );
        found.forEach((incident, i) =>
          expectClose(incident.budgetConsumed, builtin[i].budgetConsumed),
        );
      }
      expect(of('slo:default/attacker')).toEqual([]);

      // Postmortem budgets of the outages as written down (not on the buckets).
      const calculator = new SloBudgetCalculator({
        catalog,
        auth: mockServices.auth(),
        sliStore,
        prometheus: rangeSource,
        now: () => NOW,
      });
      for (const outage of OUTAGES) {
        const window = {
          fromMs: outage.fromMs - 7 * MIN,
          toMs: outage.toMs + 3 * MIN,
        };
        const budgets = await calculator.budgetConsumed(
          [BUILTIN, ...PROMETHEUS_REFS],
          window,
        );
        const expected = budgets.get(BUILTIN) as number;
        expect(expected).toBeGreaterThan(0.2);
        for (const ref of PROMETHEUS_REFS) {
          expectClose(budgets.get(ref), expected);
        }
      }
      // The incident's own window gives the incident's budget.
      const [incident] = of(PROMETHEUS_REFS[0]);
      const budgets = await calculator.budgetConsumed([PROMETHEUS_REFS[0]], {
        fromMs: incident.startMs,
        toMs: incident.endMs,
      });
      expectClose(budgets.get(PROMETHEUS_REFS[0]), incident.budgetConsumed);

      // Prometheus goes away: the next detection keeps its SLOs' incidents, and a
      // budget asked for now says why it cannot be computed.
      await testPrometheus.server().stop();
      const down = await calculator.budgetConsumed([PROMETHEUS_REFS[0]], {
        fromMs: incident.startMs,
        toMs: incident.endMs,
      });
      expect(down.get(PROMETHEUS_REFS[0])).toEqual({
        unavailable: expect.stringMatching(
          /^Prometheus source \S+ is unavailable \(.+\)$/,
        ),
      });
      await evaluator.evaluateAll(NOW + 3 * MIN);
      const kept = await incidentStore.listIncidents({
        fromMs: 0,
        toMs: NOW + DAY,
      });
      expect(kept.filter(i => i.sloRef !== BUILTIN)).toEqual(
        incidents.filter(i => i.sloRef !== BUILTIN),
      );
      expect(kept.filter(i => i.sloRef === BUILTIN)).toHaveLength(2);
    }, 60_000);
  },
);
