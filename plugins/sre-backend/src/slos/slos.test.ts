import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { srePlugin } from '../plugin';

const builtinSli = {
  ratioMetric: {
    counter: true,
    good: { metricSource: { type: 'builtin' } },
    total: { metricSource: { type: 'builtin' } },
  },
};

const slo = (name: string, sli: object = builtinSli): Entity => ({
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name, namespace: 'default' },
  spec: {
    service: 'checkout-api',
    indicator: { metadata: { name: `${name}-sli` }, spec: sli },
    budgetingMethod: 'Occurrences',
    timeWindow: [{ duration: '28d', isRolling: true }],
    objectives: [{ target: 0.999 }],
  },
});

const entities: Entity[] = [
  slo('checkout-availability'),
  slo('checkout-prometheus', {
    ratioMetric: {
      counter: true,
      good: {
        metricSource: { type: 'Prometheus', spec: { query: 'sum(ok)' } },
      },
      total: {
        metricSource: { type: 'Prometheus', spec: { query: 'sum(all)' } },
      },
    },
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api', namespace: 'default' },
    spec: { type: 'service', owner: 'checkout-team' },
  },
];

const minute = (minutesAgo: number) =>
  new Date(
    Math.floor(Date.now() / 60_000) * 60_000 - minutesAgo * 60_000,
  ).toISOString();

const databases = createTestDatabases();

async function startBackend(
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  knex?: Knex,
) {
  const { server } = await startTestBackend({
    features: [
      srePlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.permissions.factory({ result: permission }),
      ...(knex ? [mockServices.database.factory({ knex })] : []),
    ],
  });
  return server;
}

describe('sre backend: SLO events API', () => {
  let server: Awaited<ReturnType<typeof startBackend>>;
  const push = (body: object, name = 'checkout-availability') =>
    request(server).post(`/api/sre/slos/default/${name}/events`).send(body);

  beforeAll(async () => {
    server = await startBackend();
  });

  it('accepts buckets from users with the permission and from services', async () => {
    const body = { buckets: [{ start: minute(1), good: 99, total: 100 }] };
    const asUser = await push(body);
    expect(asUser.status).toBe(202);
    expect(asUser.body).toEqual({ accepted: 1 });
    const asService = await request(server)
      .post('/api/sre/slos/default/checkout-availability/events')
      .set('Authorization', mockCredentials.service.header())
      .send(body);
    expect(asService.status).toBe(202);
  });

  it('requires credentials', async () => {
    const res = await request(server)
      .post('/api/sre/slos/default/checkout-availability/events')
      .set('Authorization', mockCredentials.none.header())
      .send({ buckets: [{ start: minute(1), good: 1, total: 1 }] });
    expect(res.status).toBe(401);
  });

  it.each([
    [
      { buckets: [{ start: minute(1), good: -1, total: 1 }] },
      'buckets[0].good',
    ],
    [
      { buckets: [{ start: minute(1), good: 1.5, total: 2 }] },
      'buckets[0].good',
    ],
    [{ buckets: [{ start: minute(1), good: 3, total: 2 }] }, 'buckets[0].good'],
    [
      { buckets: [{ start: 'yesterday', good: 1, total: 1 }] },
      'buckets[0].start',
    ],
    [{ buckets: [{ start: minute(-10), good: 1, total: 1 }] }, 'in the future'],
    [
      { buckets: [{ start: '2026-01-01T00:00:30Z', good: 1, total: 1 }] },
      'not aligned',
    ],
    [{ buckets: [{ start: minute(6000), good: 1, total: 1 }] }, 'whole hours'],
    [{ buckets: [] }, 'at least one bucket'],
    [
      { buckets: [{ start: minute(1), good: 1, total: 1 }], events: [] },
      'unknown field events',
    ],
    [{ events: [] }, 'Invalid buckets'],
    [{ bucketSeconds: 7, buckets: [] }, 'bucketSeconds'],
    [
      {
        buckets: [
          { start: minute(2), good: 1, total: 1 },
          { start: minute(2), good: 1, total: 1 },
        ],
      },
      'appears twice',
    ],
  ])('refuses %j with 400 naming %s', async (body, expected) => {
    const res = await push(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(expected);
  });

  it('refuses more buckets than the documented maximum', async () => {
    const buckets = Array.from({ length: 10_001 }, (_, i) => ({
      start: minute(i + 1),
      good: 1,
      total: 1,
    }));
    const res = await push({ buckets });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('at most 10000 buckets');
  });

  it('accepts nothing when one bucket of many is bad', async () => {
    const knex = await databases.init('SQLITE_3');
    const own = await startBackend(AuthorizeResult.ALLOW, knex);
    const send = (body: object) =>
      request(own)
        .post('/api/sre/slos/default/checkout-availability/events')
        .send(body);
    const bad = await send({
      buckets: [
        { start: minute(3), good: 1, total: 1 },
        { start: minute(4), good: 5, total: 1 },
      ],
    });
    expect(bad.status).toBe(400);
    // Accepted buckets wait in sre_sli_pending until the evaluator applies them.
    const stored = async () =>
      (await knex('sre_sli_pending').select('id')).length +
      (await knex('sre_sli_minutes').select('slo_ref')).length;
    expect(await stored()).toBe(0);
    const good = await send({
      buckets: [{ start: minute(3), good: 1, total: 1 }],
    });
    expect(good.status).toBe(202);
    expect(await stored()).toBeGreaterThanOrEqual(1);
  });

  it('refuses unknown SLOs (404) and SLOs that read Prometheus (400)', async () => {
    const body = { buckets: [{ start: minute(1), good: 1, total: 1 }] };
    // 404 like an SLO hidden from the caller: the answer must not tell them apart.
    const unknown = await push(body, 'nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain(
      'Unknown SLO slo:default/nope',
    );
    const prometheus = await push(body, 'checkout-prometheus');
    expect(prometheus.status).toBe(400);
    expect(prometheus.body.error.message).toContain(
      'reads its SLI from prometheus',
    );
  });

  it('answers 404 for the status of an unknown SLO and 400 for bad queries', async () => {
    expect(
      (await request(server).get('/api/sre/slos/default/nope/status')).status,
    ).toBe(404);
    const bad = await request(server).get('/api/sre/slos?orderBy=random');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('orderBy');
  });
});

describe('sre backend: SLO events permission', () => {
  it('refuses users without sre.slo.events.create with 403', async () => {
    const server = await startBackend(AuthorizeResult.DENY);
    const res = await request(server)
      .post('/api/sre/slos/default/checkout-availability/events')
      .send({ buckets: [{ start: minute(1), good: 1, total: 1 }] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('sre.slo.events.create');
  });
});
