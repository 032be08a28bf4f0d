import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ratioSloEntity } from '../__testUtils__/ratioSloEntity';
import { builtinSloEntity } from '../__testUtils__/sloEntity';
import { DefaultSloService } from './DefaultSloService';
import { SloStatusStore } from './status/SloStatusStore';
import { createSreApiRouter } from '../http/createSreApiRouter';
import { addSloEventRoutes } from './sloEventsRouter';
import { SreDatabase } from '../database/SreDatabase';

/** A built-in SLO, or one whose SLI comes from a source of `type`. */
const slo = (name: string, type = 'builtin'): Entity =>
  type === 'builtin'
    ? builtinSloEntity(name)
    : ratioSloEntity(name, {
        ratioMetric: {
          counter: true,
          good: { metricSource: { type, spec: { query: 'sum(ok)' } } },
          total: { metricSource: { type, spec: { query: 'sum(all)' } } },
        },
      });

const minute = (minutesAgo: number) =>
  new Date(
    Math.floor(Date.now() / 60_000) * 60_000 - minutesAgo * 60_000,
  ).toISOString();

/** A batch push of one bucket, a minute ago, of the SLO `name`. */
const tick = (name: string) => ({
  slos: [{ slo: name, buckets: [{ start: minute(1), good: 1, total: 1 }] }],
});

const databases = createTestDatabases();

async function setup(
  options: {
    result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    credentials?: ReturnType<typeof mockCredentials.user>;
  } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const sliStore = (
    await SreDatabase.create({ database: mockServices.database({ knex }) })
  ).sliStore();
  const catalog = catalogServiceMock({
    entities: [slo('a'), slo('b'), slo('p', 'Prometheus')],
  });
  const slos = DefaultSloService.create({
    catalog,
    auth: mockServices.auth(),
    permissions: mockServices.permissions({
      result: options.result ?? AuthorizeResult.ALLOW,
    }),
    sliStore,
    statusStore: {} as SloStatusStore,
  });
  const { router, handler } = await createSreApiRouter();
  addSloEventRoutes(router, {
    httpAuth: mockServices.httpAuth({
      defaultCredentials: options.credentials ?? mockCredentials.user(),
    }),
    auditor: mockServices.auditor.mock(),
    slos,
  });
  const app = express();
  app.use(handler);
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  // Reads see what the evaluator's run applied: apply, as it does, first.
  const read = async () => {
    await sliStore.applyPending();
    return sliStore.readSeries(['slo:default/a', 'slo:default/b'], {
      minutesFromMs: 0,
      hoursFromMs: 0,
    });
  };
  return { app, read, catalog };
}

describe('POST /slos/events', () => {
  it('stores a tick of several SLOs', async () => {
    const { app, read } = await setup();
    const res = await request(app)
      .post('/slos/events')
      .send({
        slos: [
          {
            slo: 'slo:default/a',
            buckets: [{ start: minute(2), good: 9, total: 10 }],
          },
          {
            slo: 'default/b',
            bucketSeconds: 60,
            buckets: [
              { start: minute(2), good: 1, total: 1 },
              { start: minute(1), good: 2, total: 2 },
            ],
          },
        ],
      });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 3, slos: 2 });
    const series = await read();
    expect(series.get('slo:default/a')!.minutes).toHaveLength(1);
    expect(series.get('slo:default/b')!.minutes).toHaveLength(2);
  });

  it.each([
    [{ slos: [] }, 'Invalid slos: must hold at least one SLO'],
    [{ slos: [{ buckets: [] }] }, 'Invalid slos[0].slo'],
    [{ slos: [{ slo: 'a', buckets: [] }], extra: 1 }, 'Invalid body'],
    [
      {
        slos: [
          { slo: 'a', buckets: [{ start: minute(1), good: 1, total: 1 }] },
          { slo: 'b', buckets: [{ start: minute(1), good: 2, total: 1 }] },
        ],
      },
      'slos[1]: Invalid buckets[0]',
    ],
    [
      {
        slos: [
          { slo: 'a', buckets: [{ start: minute(1), good: 1, total: 1 }] },
          { slo: 'p', buckets: [{ start: minute(1), good: 1, total: 1 }] },
        ],
      },
      'slos[1]: SLO slo:default/p reads its SLI from prometheus',
    ],
    [
      {
        slos: [
          {
            slo: 'missing',
            buckets: [{ start: minute(1), good: 1, total: 1 }],
          },
        ],
      },
      'slos[0]: Unknown SLO slo:default/missing',
    ],
    [
      {
        slos: [
          { slo: 'a', buckets: [{ start: minute(1), good: 1, total: 1 }] },
          { slo: 'a', buckets: [{ start: minute(2), good: 1, total: 1 }] },
        ],
      },
      'appears earlier in the same batch',
    ],
  ])('refuses %j with 400 and stores nothing', async (body, message) => {
    const { app, read } = await setup();
    const res = await request(app).post('/slos/events').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    const series = await read();
    expect(series.get('slo:default/a')).toEqual({ minutes: [], hours: [] });
  });

  it('refuses users without sre.slo.events.create with 403', async () => {
    const { app } = await setup({ result: AuthorizeResult.DENY });
    const res = await request(app).post('/slos/events').send(tick('a'));
    expect(res.status).toBe(403);
  });

  it('refuses services the policy denies with 403, like users', async () => {
    const { app, read } = await setup({
      result: AuthorizeResult.DENY,
      credentials: mockCredentials.service() as any,
    });
    const res = await request(app).post('/slos/events').send(tick('a'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('slos[0]');
    expect((await read()).get('slo:default/a')!.minutes).toEqual([]);
  });

  it('looks valid SLOs up once a minute and unknown ones on every push', async () => {
    const { app, catalog } = await setup();
    const lookUp = jest.spyOn(catalog, 'getEntitiesByRefs');
    expect(
      (await request(app).post('/slos/events').send(tick('a'))).status,
    ).toBe(202);
    const afterFirst = lookUp.mock.calls.length;
    expect(afterFirst).toBeGreaterThan(0);
    expect(
      (await request(app).post('/slos/events').send(tick('a'))).status,
    ).toBe(202);
    expect(lookUp.mock.calls.length).toBe(afterFirst);
    for (let i = 0; i < 2; i++) {
      const res = await request(app).post('/slos/events').send(tick('new'));
      expect(res.status).toBe(400);
    }
    // Each push of an unknown SLO asks again: its definition, and whether the
    // caller can see it.
    expect(lookUp.mock.calls.length).toBe(afterFirst + 4);
  });
});
