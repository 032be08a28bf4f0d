import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import type { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { startSreBackend } from './__testUtils__/startSreBackend';
import { catalogHidingFrom } from './__testUtils__/catalogHidingFrom';
import { builtinSloEntity } from '../__testUtils__/sloEntity';

const GUEST = 'user:default/guest';
const PRIYA = 'user:default/priya';
// Hidden from the guest: a whole service (and so its SLO), and one SLO of a
// service the guest can see.
const HIDDEN_SERVICE = 'component:default/fraud-api';
const HIDDEN_SLO = 'slo:default/checkout-secret';

const component = (name: string, annotations = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: `${name}-team`, lifecycle: 'production' },
});

const slo = (name: string, service: string) => builtinSloEntity(name, service);

const entities: Entity[] = [
  component('checkout-api'),
  component('fraud-api', {
    'sre-catalog.io/engagement': 'embedded',
    'sre-catalog.io/embedded-sres': 'user:default/sam',
  }),
  slo('checkout-availability', 'checkout-api'),
  slo('checkout-secret', 'checkout-api'),
  slo('fraud-availability', 'fraud-api'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'sam', namespace: 'default' },
    spec: {},
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'fraud-api-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform-sre', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/sam' }],
  },
];

const status = (sloRef: string, service: string): SloStatus =>
  ({
    sloRef,
    service,
    source: { type: 'builtin' },
    target: 0.999,
    period: '28d',
    periodStart: new Date().toISOString(),
    budgetingMethod: 'Occurrences',
    sli: 0.9995,
    errorBudgetRemaining: 0.5,
    budget: { unit: 'events', allowed: 10, consumed: 5 },
    burnRates: {},
    alert: 'none',
    rules: [],
    timeToExhaustion: null,
    dataState: 'unavailable',
    lastError: `source of ${service} failed`,
    evaluatedAt: new Date().toISOString(),
  } as unknown as SloStatus);

const databases = createTestDatabases();

describe('SLO reads: catalog visibility', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let catalog: ReturnType<typeof catalogHidingFrom>;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    catalog = catalogHidingFrom(entities, {
      [GUEST]: [HIDDEN_SERVICE, HIDDEN_SLO, 'slo:default/fraud-availability'],
    });
    const started = await startSreBackend(knex, { catalog });
    server = started.server;
    const store = started.database.statusStore();
    await store.saveStatuses([
      {
        status: status(
          'slo:default/checkout-availability',
          'component:default/checkout-api',
        ),
        ownerRef: 'group:default/checkout-api-team',
      },
      {
        status: status(HIDDEN_SLO, 'component:default/checkout-api'),
        ownerRef: 'group:default/checkout-api-team',
      },
      {
        status: status('slo:default/fraud-availability', HIDDEN_SERVICE),
        ownerRef: 'group:default/fraud-api-team',
      },
    ]);
    const seenAt = new Date().toISOString();
    const problems = [{ path: 'spec.objectives', message: 'missing' }];
    await store.setProblems([
      // Not in the catalog (invalid documents seldom are): shown with its service.
      {
        sloRef: 'slo:default/checkout-broken',
        service: 'component:default/checkout-api',
        location: 'url:https://git.example.com/checkout/slo.yaml',
        problems,
        seenAt,
      },
      // In the catalog, hidden from the guest.
      {
        sloRef: HIDDEN_SLO,
        service: 'component:default/checkout-api',
        location: 'url:https://git.example.com/checkout/secret.yaml',
        problems,
        seenAt,
      },
      {
        sloRef: 'slo:default/fraud-broken',
        service: HIDDEN_SERVICE,
        location: 'url:https://git.example.com/fraud/slo.yaml',
        problems,
        seenAt,
      },
    ]);
  });

  const get = (path: string, user: string) =>
    request(server)
      .get(`/api/sre${path}`)
      .set('Authorization', mockCredentials.user.header(user));

  /** No hidden entity (nor anything of it) appears anywhere in a body. */
  const expectNothingHidden = (body: unknown) => {
    const text = JSON.stringify(body);
    for (const hidden of ['fraud', 'checkout-secret', 'secret.yaml']) {
      expect(text).not.toContain(hidden);
    }
  };

  it('lists and counts only the SLOs whose SLO and service the caller sees', async () => {
    const guest = await get('/slos', GUEST);
    expect(guest.status).toBe(200);
    expect(guest.body.items.map((s: SloStatus) => s.sloRef)).toEqual([
      'slo:default/checkout-availability',
    ]);
    expect(guest.body.totalCount).toBe(1);
    expectNothingHidden(guest.body);

    const priya = await get('/slos', PRIYA);
    expect(priya.body.totalCount).toBe(3);
    expect(priya.body.items).toHaveLength(3);
  });

  it('pages over visible SLOs only', async () => {
    const page = await get('/slos?limit=1&offset=1', GUEST);
    expect(page.body).toMatchObject({ items: [], totalCount: 1 });
    const owner = await get('/slos?owner=group:default/fraud-api-team', GUEST);
    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({ items: [], totalCount: 0 });
    expectNothingHidden(owner.body);
  });

  it('shows invalid documents only of services and SLOs the caller sees', async () => {
    const guest = await get(
      '/slos?entityRef=component:default/checkout-api',
      GUEST,
    );
    expect(guest.body.invalid.map((p: { sloRef: string }) => p.sloRef)).toEqual(
      ['slo:default/checkout-broken'],
    );
    expectNothingHidden(guest.body);
    const hiddenService = await get(`/slos?entityRef=${HIDDEN_SERVICE}`, GUEST);
    expect(hiddenService.body).toMatchObject({
      items: [],
      totalCount: 0,
      invalid: [],
    });

    const priya = await get(`/slos?entityRef=${HIDDEN_SERVICE}`, PRIYA);
    expect(priya.body.invalid).toHaveLength(1);
    expect(priya.body.items).toHaveLength(1);
  });

  it('answers 404 for the status and history of a hidden SLO or an SLO of a hidden service', async () => {
    for (const name of ['fraud-availability', 'checkout-secret']) {
      for (const path of ['status', 'history']) {
        const res = await get(`/slos/default/${name}/${path}`, GUEST);
        expect(res.status).toBe(404);
        // Names only what the caller asked for.
        expect(JSON.stringify(res.body)).not.toContain(HIDDEN_SERVICE);
      }
    }
    expect(
      (await get('/slos/default/fraud-availability/status', PRIYA)).status,
    ).toBe(200);
    const visible = await get(
      '/slos/default/checkout-availability/status',
      GUEST,
    );
    expect(visible.status).toBe(200);
  });

  it('answers 404 for the status of an SLO whose service alone is hidden', async () => {
    // The SLO entity is visible to this user; its service is not.
    const only = 'user:default/only-slo';
    const hiding = catalogHidingFrom(entities, { [only]: [HIDDEN_SERVICE] });
    const knex = await databases.init('SQLITE_3');
    const { server: own, database } = await startSreBackend(knex, {
      catalog: hiding,
    });
    const store = database.statusStore();
    await store.saveStatuses([
      { status: status('slo:default/fraud-availability', HIDDEN_SERVICE) },
    ]);
    const res = await request(own)
      .get('/api/sre/slos/default/fraud-availability/status')
      .set('Authorization', mockCredentials.user.header(only));
    expect(res.status).toBe(404);
    const list = await request(own)
      .get('/api/sre/slos')
      .set('Authorization', mockCredentials.user.header(only));
    expect(list.body).toMatchObject({ items: [], totalCount: 0 });
  });

  it('asks the catalog in one batch per list, whatever the number of SLOs', async () => {
    const count = (method: string) => catalog.calls[method] ?? 0;
    const byRefs = count('getEntitiesByRefs');
    const byRef = count('getEntityByRef');
    await get('/slos', 'user:default/someone-new');
    expect(count('getEntitiesByRefs') - byRefs).toBe(1);
    expect(count('getEntityByRef') - byRef).toBe(0);
  });

  it('leaves hidden services out of coverage and team support', async () => {
    const coverage = await get('/coverage', GUEST);
    expect(coverage.status).toBe(200);
    expect(
      coverage.body.services.map((s: { entityRef: string }) => s.entityRef),
    ).toEqual(['component:default/checkout-api']);
    expect(coverage.body.totals.services).toBe(1);
    expectNothingHidden(coverage.body);
    expect((await get('/coverage', PRIYA)).body.totals.services).toBe(2);

    const team = await get('/teams/default/platform-sre', GUEST);
    expect(team.status).toBe(200);
    expect(team.body.supports).toEqual([]);
    expectNothingHidden(team.body);
    const owned = await get('/teams/default/platform-sre', PRIYA);
    expect(
      owned.body.supports.map((s: { entityRef: string }) => s.entityRef),
    ).toEqual([HIDDEN_SERVICE]);
  });
});
