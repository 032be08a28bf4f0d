import { mockServices } from '@backstage/backend-test-utils';
import { sloDefinition } from '../../__testUtils__/sloDefinition';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { CatalogSloRegistry } from '../CatalogSloRegistry';
import { SloEvaluator } from './SloEvaluator';
import { PrometheusSliSource } from '../prometheus';
import { SreDatabase } from '../../database/SreDatabase';

const NOW = Date.UTC(2026, 10, 22, 12);

const promSlo = sloDefinition('search-latency', {
  service: 'component:default/search',
  target: 0.99,
  indicator: {
    source: {
      type: 'prometheus',
      good: { query: 'ok_total' },
      total: { query: 'all_total' },
      counter: true,
    },
  },
});

const databases = createTestDatabases();

describe('SloEvaluator with a failing Prometheus', () => {
  it('keeps the last known numbers, marked unavailable since the first failure', async () => {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({ knex });
    const sliStore = (await SreDatabase.create({ database })).sliStore();
    const statusStore = (await SreDatabase.create({ database })).statusStore();
    const registry = {
      load: async () => ({ slos: [{ definition: promSlo }], invalid: [] }),
    } as unknown as CatalogSloRegistry;
    let up = true;
    const prometheus = {
      fetchWindows: async () => {
        const windows = new Map<number, { good: number; total: number }>();
        return up
          ? {
              sources: new Map([['main', { ok: true }]]),
              slos: new Map([
                [
                  promSlo.ref,
                  {
                    ok: true,
                    sourceName: 'main',
                    data: {
                      events: () => ({ good: 990, total: 1000 }),
                      slices: () => {
                        throw new Error('no slices');
                      },
                      windows,
                    },
                  },
                ],
              ]),
            }
          : {
              sources: new Map([
                ['main', { ok: false, error: 'ECONNREFUSED' }],
              ]),
              slos: new Map([
                [
                  promSlo.ref,
                  {
                    ok: false,
                    sourceName: 'main',
                    reason: 'source-unavailable',
                    error: 'ECONNREFUSED',
                  },
                ],
              ]),
            };
      },
    } as unknown as PrometheusSliSource;
    const evaluator = new SloEvaluator(
      registry,
      sliStore,
      statusStore,
      prometheus,
      mockServices.logger.mock(),
    );

    await evaluator.evaluateAll(NOW);
    expect(await statusStore.getStatus(promSlo.ref)).toMatchObject({
      dataState: 'ok',
      sli: 0.99,
      source: { type: 'prometheus' },
    });

    up = false;
    await evaluator.evaluateAll(NOW + 60_000);
    await evaluator.evaluateAll(NOW + 120_000);
    const status = await statusStore.getStatus(promSlo.ref);
    expect(status).toMatchObject({
      dataState: 'unavailable',
      sli: 0.99,
      errorBudgetRemaining: expect.closeTo(0, 9),
      lastError: 'ECONNREFUSED',
      unavailableSince: new Date(NOW + 60_000).toISOString(),
    });
  });
});
