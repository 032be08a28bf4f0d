import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { srePlugin } from '../../plugin';
import { SreDatabase } from '../../database/SreDatabase';

const databases = createTestDatabases();

async function startBackend(knex: Knex, config: object = {}) {
  // No background evaluation: a test runs the scheduled task itself.
  const scheduler = mockServices.scheduler.mock();
  const { server } = await startTestBackend({
    features: [
      srePlugin,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: config }),
      scheduler.factory,
    ],
  });
  const task = scheduler.scheduleTask.mock.calls.find(
    ([t]) => t.id === 'sre-slo-evaluation',
  )![0];
  return { server, task };
}

describe('GET /api/sre/slos/evaluator', () => {
  it('reports a recent successful run, the queue with its limits and the dead letters to any signed-in user', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = (
      await SreDatabase.create({ database: mockServices.database({ knex }) })
    ).statusStore();
    const startedAtMs = Date.now() - 1_000;
    await store.recordEvaluatorRun({ startedAtMs, durationMs: 120 });
    const { server, task } = await startBackend(knex, {
      sre: {
        evaluation: { frequency: '1m' },
        ingest: { queue: { maxRows: 500 } },
      },
    });
    expect(task.frequency).toEqual({ milliseconds: 60_000 });

    // No permission is needed (the policy denies everything here).
    const res = await request(server).get('/api/sre/slos/evaluator');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      intervalSeconds: 60,
      lastSuccessfulRunAt: expect.any(String),
      lastRun: { at: expect.any(String), durationMs: 120 },
      stale: false,
      queue: {
        rows: 0,
        bytes: 0,
        oldestReceivedAt: null,
        limits: { rows: 500, bytes: 268_435_456, ageSeconds: 600 },
      },
      deadLetters: { count: 0, oldestFailedAt: null },
    });
    expect(res.body.lastSuccessfulRunAt).toBe(
      new Date(startedAtMs).toISOString(),
    );
  });

  it('records the runs of the scheduled evaluation', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server, task } = await startBackend(knex);
    expect(task.frequency).toEqual({ milliseconds: 30_000 });
    const before = await request(server).get('/api/sre/slos/evaluator');
    expect(before.body).toMatchObject({
      intervalSeconds: 30,
      lastSuccessfulRunAt: null,
      stale: true,
    });
    expect(before.body.lastRun).toBeUndefined();

    await task.fn(new AbortController().signal);
    const after = await request(server).get('/api/sre/slos/evaluator');
    expect(after.body).toMatchObject({
      lastSuccessfulRunAt: after.body.lastRun.at,
      stale: false,
    });
    expect(after.body.lastRun.error).toBeUndefined();
  });

  it('is stale when no run ever succeeded, and says why the last one failed', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = (
      await SreDatabase.create({ database: mockServices.database({ knex }) })
    ).statusStore();
    await store.recordEvaluatorRun({
      startedAtMs: Date.now() - 1_000,
      durationMs: 900,
      error: 'Catalog unreachable',
    });
    const { server } = await startBackend(knex, {
      sre: { evaluation: { frequency: '10m' } },
    });
    const res = await request(server)
      .get('/api/sre/slos/evaluator')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      intervalSeconds: 600,
      lastSuccessfulRunAt: null,
      stale: true,
      lastRun: { durationMs: 900, error: 'Catalog unreachable' },
    });
  });

  it('requires credentials', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startBackend(knex);
    const res = await request(server)
      .get('/api/sre/slos/evaluator')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});
