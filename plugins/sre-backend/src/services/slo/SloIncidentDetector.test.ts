import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { CatalogSloRegistry } from './CatalogSloRegistry';
import { DatabaseSliStore } from './DatabaseSliStore';
import { DatabaseSloIncidentStore } from './DatabaseSloIncidentStore';
import { DatabaseSloStatusStore } from './DatabaseSloStatusStore';
import { SloEvaluator } from './SloEvaluator';
import { SloIncidentDetector } from './SloIncidentDetector';
import { PrometheusSliSource } from './prometheus';
import { sloDefinition } from '../../__testUtils__/sloDefinition';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 22, 12);

const slo = (name: string) =>
  sloDefinition(name, {
    service: `component:default/${name}-service`,
    timeWindow: { kind: 'rolling', durationMs: 30 * DAY, text: '30d' },
  });

const databases = createTestDatabases();

describe('SloIncidentDetector', () => {
  it('stores, as the evaluator runs, the fast burns of built-in SLOs that spent more than 20% of the budget', async () => {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({ knex });
    const sliStore = await DatabaseSliStore.create({ database });
    const incidentStore = await DatabaseSloIncidentStore.create({ database });
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
      await DatabaseSloStatusStore.create({ database }),
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
});
