import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { CatalogSloRegistry } from '../CatalogSloRegistry';
import { SloEvaluator } from './SloEvaluator';
import { SloIncidentDetector } from './SloIncidentDetector';
import { PrometheusSliSource } from '../prometheus';
import { PrometheusRangeSliData } from '../prometheus/PrometheusRangeSliData';
import {
  FetchRangesResult,
  PrometheusRangeSliSource,
  RangeRequest,
} from '../prometheus/PrometheusRangeSliSource';
import { sloDefinition } from '../../__testUtils__/sloDefinition';
import { SreDatabase } from '../../database/SreDatabase';
import { DAY, HOUR, MIN } from '../../__testUtils__/durations';

const NOW = Date.UTC(2026, 10, 22, 12);

const slo = (name: string) =>
  sloDefinition(name, {
    service: `component:default/${name}-service`,
    timeWindow: { kind: 'rolling', durationMs: 30 * DAY, text: '30d' },
  });

const databases = createTestDatabases();

/** The stores of SLI data, statuses and incidents on a fresh SQLite database. */
async function createStores() {
  const knex = await databases.init('SQLITE_3');
  const database = await SreDatabase.create({
    database: mockServices.database({ knex }),
  });
  return {
    sliStore: database.sliStore(),
    statusStore: database.statusStore(),
    incidentStore: database.incidentStore(),
  };
}

describe('SloIncidentDetector', () => {
  it('stores, as the evaluator runs, the fast burns of built-in SLOs that spent more than 20% of the budget', async () => {
    const { sliStore, statusStore, incidentStore } = await createStores();
    const slos = [slo('big-outage'), slo('small-blip'), slo('no-data')];
    const registry = {
      load: async () => ({
        slos: slos.map(definition => ({
          definition,
          ownerRef: 'group:default/team',
        })),
        invalid: [],
      }),
    } as unknown as CatalogSloRegistry;

    // 30 days of hourly buckets, then minutes: 1000 events a minute, no errors,
    // except 10% errors for 2 hours 10 days ago (28% of the budget) on big-outage
    // and for 10 minutes yesterday (2%) on small-blip.
    const outageAt = Math.floor((NOW - 10 * DAY) / HOUR) * HOUR;
    const blipAt = Math.floor((NOW - DAY) / HOUR) * HOUR;
    const fineFrom = Math.floor((NOW - 3 * DAY - 2 * HOUR) / HOUR) * HOUR;
    for (const [name, badAt] of [
      ['big-outage', (t: number) => t >= outageAt && t < outageAt + 2 * HOUR],
      ['small-blip', (t: number) => t >= blipAt && t < blipAt + 10 * MIN],
    ] as const) {
      const hours = [];
      for (let t = NOW - 30 * DAY; t < fineFrom; t += HOUR) {
        hours.push({
          startMs: t,
          seconds: 3600,
          total: 60_000,
          good: badAt(t) ? 54_000 : 60_000,
        });
      }
      const minutes = [];
      for (let t = fineFrom; t < NOW; t += MIN) {
        minutes.push({
          startMs: t,
          seconds: 60,
          total: 1000,
          good: badAt(t) ? 900 : 1000,
        });
      }
      const sloRef = `slo:default/${name}`;
      await sliStore.writeTick([{ sloRef, buckets: hours }]);
      await sliStore.writeTick([{ sloRef, buckets: minutes }]);
    }

    const logger = mockServices.logger.mock();
    const evaluator = new SloEvaluator(
      registry,
      sliStore,
      statusStore,
      { fetchWindows: jest.fn() } as unknown as PrometheusSliSource,
      logger,
      new SloIncidentDetector(incidentStore, logger),
    );
    await evaluator.evaluateAll(NOW);
    const expected = {
      sloRef: 'slo:default/big-outage',
      serviceRef: 'component:default/big-outage-service',
      ownerRef: 'group:default/team',
      startMs: outageAt,
      endMs: outageAt + 2 * HOUR,
      budgetConsumed: expect.closeTo(12_000 / (0.001 * 43_200_000), 9),
    };
    expect(await incidentStore.listIncidents({ fromMs: 0, toMs: NOW })).toEqual(
      [expected],
    );
  });

  describe('with Prometheus SLOs', () => {
    const builtinSlo = slo('builtin-outage');
    const promSlo = (name: string, sourceName?: string) =>
      sloDefinition(name, {
        service: `component:default/${name}-service`,
        timeWindow: { kind: 'rolling', durationMs: 30 * DAY, text: '30d' },
        indicator: {
          source: {
            type: 'prometheus',
            sourceName,
            counter: true,
            good: { query: `${name}_total{code="200"}` },
            total: { query: `${name}_total` },
          },
        },
      });
    const promA = promSlo('prom_a');
    const promB = promSlo('prom_b', 'other');
    const outageAt = Math.floor((NOW - 10 * DAY) / HOUR) * HOUR;
    const cut = Math.ceil((NOW - 3 * DAY - HOUR) / HOUR) * HOUR;

    /** Range data as PrometheusRangeSliSource builds it: 1000 events a minute, an outage of 10% for 2 hours. */
    function rangeData(badFrom: number, badTo: number) {
      const buckets = [];
      for (let t = NOW - 30 * DAY; t < cut; t += HOUR) {
        const bad = t >= badFrom && t < badTo;
        buckets.push({
          startMs: t,
          good: bad ? 54_000 : 60_000,
          total: 60_000,
        });
      }
      for (let t = cut; t < NOW; t += 5 * MIN) {
        const bad = t >= badFrom && t < badTo;
        buckets.push({ startMs: t, good: bad ? 4500 : 5000, total: 5000 });
      }
      return new PrometheusRangeSliData(buckets);
    }

    /**
     * A range source whose sources answer, or fail when `down` has their name;
     * an SLO whose ref `down` has is refused.
     */
    function fakeRanges(down: Set<string>, outages: Map<string, number>) {
      const calls: RangeRequest[][] = [];
      const ranges = {
        fetchRanges: async (
          requests: RangeRequest[],
          _range: unknown,
          onData: (definition: any, data: PrometheusRangeSliData) => void,
        ): Promise<FetchRangesResult> => {
          calls.push(requests);
          const result: FetchRangesResult = {
            slos: new Map(),
            sources: new Map(),
            queries: 2,
          };
          for (const { definition } of requests) {
            const sourceName =
              (definition.indicator.source as any).sourceName ?? 'main';
            const fail = (
              reason: 'source-unavailable' | 'query-refused',
              error: string,
            ) =>
              result.slos.set(definition.ref, {
                ok: false,
                sourceName,
                reason,
                error,
              });
            if (down.has(sourceName)) {
              result.sources.set(sourceName, {
                ok: false,
                error: 'ECONNREFUSED',
              });
              fail('source-unavailable', 'ECONNREFUSED');
              continue;
            }
            result.sources.set(sourceName, { ok: true });
            if (down.has(definition.ref)) {
              fail('query-refused', 'not one self-contained PromQL expression');
              continue;
            }
            const at = outages.get(definition.ref) ?? -Infinity;
            onData(definition, rangeData(at, at + 2 * HOUR));
            result.slos.set(definition.ref, { ok: true, sourceName });
          }
          return result;
        },
      };
      return { ranges: ranges as unknown as PrometheusRangeSliSource, calls };
    }

    async function setUp(down: Set<string>, outages: Map<string, number>) {
      const { sliStore, statusStore, incidentStore } = await createStores();
      const registry = {
        load: async () => ({
          slos: [builtinSlo, promA, promB].map(definition => ({
            definition,
            ownerRef: 'group:default/team',
          })),
          invalid: [],
        }),
      } as unknown as CatalogSloRegistry;
      // The built-in SLO's outage, pushed as hours (before the fine tier) and minutes.
      const fineFrom = cut - HOUR;
      const hours = [];
      for (let t = NOW - 30 * DAY; t < fineFrom; t += HOUR) {
        const bad = t >= outageAt && t < outageAt + 2 * HOUR;
        hours.push({
          startMs: t,
          seconds: 3600,
          total: 60_000,
          good: bad ? 54_000 : 60_000,
        });
      }
      const minutes = [];
      for (let t = fineFrom; t < NOW + 10 * MIN; t += MIN) {
        minutes.push({ startMs: t, seconds: 60, total: 1000, good: 1000 });
      }
      await sliStore.writeTick([{ sloRef: builtinSlo.ref, buckets: hours }]);
      await sliStore.writeTick([{ sloRef: builtinSlo.ref, buckets: minutes }]);

      const windows = {
        events: () => ({ good: 999, total: 1000 }),
        slices: () => {
          throw new Error('no slices');
        },
      };
      const prometheus = {
        fetchWindows: async () => ({
          sources: new Map(),
          slos: new Map(
            [promA, promB].map(d => [
              d.ref,
              { ok: true, sourceName: 'main', data: windows },
            ]),
          ),
        }),
      } as unknown as PrometheusSliSource;
      const fake = fakeRanges(down, outages);
      const logger = mockServices.logger.mock();
      const evaluator = new SloEvaluator(
        registry,
        sliStore,
        statusStore,
        prometheus,
        logger,
        new SloIncidentDetector(incidentStore, logger, fake.ranges),
      );
      const incidents = async () =>
        (await incidentStore.listIncidents({ fromMs: 0, toMs: NOW + DAY }))
          .map(i => `${i.sloRef} ${new Date(i.startMs).toISOString()}`)
          .sort();
      return { evaluator, incidents, calls: fake.calls, logger };
    }

    const at = (ms: number) => new Date(ms).toISOString();

    it('stores the incidents of built-in and Prometheus SLOs together, reading Prometheus at the detection interval', async () => {
      const down = new Set<string>();
      const outages = new Map([
        [promA.ref, outageAt - DAY],
        [promB.ref, NOW - DAY],
      ]);
      const { evaluator, incidents, calls } = await setUp(down, outages);

      await evaluator.evaluateAll(NOW);
      expect(await incidents()).toEqual([
        `${builtinSlo.ref} ${at(outageAt)}`,
        `${promA.ref} ${at(outageAt - DAY)}`,
        `${promB.ref} ${at(NOW - DAY)}`,
      ]);
      expect(calls).toHaveLength(1);
      // From the hour where detectBudgetIncidents starts: the period's.
      expect(calls[0].map(r => [r.definition.ref, r.fromMs])).toEqual([
        [promA.ref, NOW - 30 * DAY],
        [promB.ref, NOW - 30 * DAY],
      ]);

      // Not again before the detection interval has passed.
      await evaluator.evaluateAll(NOW + 30_000);
      expect(calls).toHaveLength(1);
    });

    it('keeps the incidents of the SLOs of a failing source, and updates all others', async () => {
      const down = new Set<string>();
      const outages = new Map([
        [promA.ref, outageAt - DAY],
        [promB.ref, NOW - DAY],
      ]);
      const { evaluator, incidents, calls, logger } = await setUp(
        down,
        outages,
      );
      await evaluator.evaluateAll(NOW);

      // Source "other" (prom_b) goes down; prom_a's outage is now another one.
      down.add('other');
      outages.set(promA.ref, NOW - 2 * DAY);
      await evaluator.evaluateAll(NOW + 3 * MIN);
      expect(calls).toHaveLength(2);
      expect(await incidents()).toEqual([
        `${builtinSlo.ref} ${at(outageAt)}`,
        `${promA.ref} ${at(NOW - 2 * DAY)}`,
        `${promB.ref} ${at(NOW - DAY)}`,
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        'Incidents of the SLOs of Prometheus source other were not updated: ECONNREFUSED',
      );

      // Back up without an outage: its incident goes.
      down.clear();
      outages.delete(promB.ref);
      await evaluator.evaluateAll(NOW + 6 * MIN);
      expect(await incidents()).toEqual([
        `${builtinSlo.ref} ${at(outageAt)}`,
        `${promA.ref} ${at(NOW - 2 * DAY)}`,
      ]);

      // A refused query does not pass by itself: the SLO has no incidents.
      down.add(promA.ref);
      await evaluator.evaluateAll(NOW + 9 * MIN);
      expect(await incidents()).toEqual([`${builtinSlo.ref} ${at(outageAt)}`]);
    });
  });
});
