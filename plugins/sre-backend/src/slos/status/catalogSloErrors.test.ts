import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { InputError } from '@backstage/errors';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { subscribeToCatalogSloErrors } from './catalogSloErrors';
import { SreDatabase } from '../../database/SreDatabase';

const databases = createTestDatabases();

describe('subscribeToCatalogSloErrors', () => {
  it('records the problems of an SLO the catalog refused, under its service', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = (
      await SreDatabase.create({ database: mockServices.database({ knex }) })
    ).statusStore();
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
    });
    await subscribeToCatalogSloErrors(events, store);

    // The catalog wraps the processor's error; the details are on its cause.
    const cause = Object.assign(new InputError('Invalid SLO'), {
      service: 'component:default/search-indexer',
      problems: [
        { path: 'spec.objectives[0]', message: 'set target or targetPercent' },
      ],
    });
    await events.publish({
      topic: 'experimental.catalog.errors',
      eventPayload: {
        entity: 'slo:default/search-index-freshness',
        location: 'file:/repo/slos.yaml',
        errors: [new InputError('Processor threw an error', cause)],
      },
    });
    await events.publish({
      topic: 'experimental.catalog.errors',
      eventPayload: {
        entity: 'component:default/other',
        errors: [new Error('not an SLO')],
      },
    });

    const problems = await store.listProblems({
      serviceRef: 'component:default/search-indexer',
      sinceMs: 0,
    });
    expect(problems).toEqual([
      expect.objectContaining({
        sloRef: 'slo:default/search-index-freshness',
        location: 'file:/repo/slos.yaml',
        problems: [
          {
            path: 'spec.objectives[0]',
            message: 'set target or targetPercent',
          },
        ],
      }),
    ]);
    expect(await store.listProblems({ sinceMs: 0 })).toHaveLength(1);
  });
});
