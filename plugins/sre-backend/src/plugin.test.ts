import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { srePlugin } from './plugin';
import { catalogEntity, teamEntities } from './__testUtils__/catalogEntity';
import { sreAnnotations } from './__testUtils__/sreAnnotations';

const entities: Entity[] = [
  ...teamEntities(),
  catalogEntity('Group', 'payments-team', {}, { type: 'team' }),
  catalogEntity('User', 'priya.nair'),
  catalogEntity(
    'System',
    'payments',
    {
      annotations: {
        'sre-catalog.io/engagement': 'central',
        'sre-catalog.io/central-sre': 'group:default/reliability-engineering',
      },
    },
    { owner: 'payments-team' },
  ),
  catalogEntity(
    'Component',
    'checkout-api',
    { annotations: sreAnnotations.checkoutApi },
    { type: 'service', owner: 'checkout-team' },
  ),
  catalogEntity(
    'Component',
    'payment-gateway',
    {},
    { type: 'service', owner: 'payments-team', system: 'payments' },
  ),
  catalogEntity(
    'Component',
    'legacy-invoicing',
    { annotations: { 'sre-catalog.io/engagement': 'none' } },
    { type: 'service', owner: 'payments-team', system: 'payments' },
  ),
  catalogEntity(
    'Component',
    'search-indexer',
    {
      annotations: {
        ...sreAnnotations.searchIndexer,
        'sre-catalog.io/responsibility.nonsense': 'team',
      },
    },
    { type: 'service', owner: 'checkout-team' },
  ),
];

describe('sre backend: ownership API', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        srePlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: { sre: { centralSreTeam: 'reliability-engineering' } },
        }),
      ],
    }));
  });

  it('requires credentials on every route', async () => {
    for (const path of [
      '/api/sre/ownership/component/default/checkout-api',
      '/api/sre/coverage',
      '/api/sre/teams/default/checkout-team',
    ]) {
      const res = await request(server)
        .get(path)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    }
  });

  it('resolves the ownership of a service, with inherited values and problems', async () => {
    const res = await request(server).get(
      '/api/sre/ownership/component/default/checkout-api',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/checkout-api',
      engagement: 'embedded',
      engagementSource: 'entity',
      embeddedSres: ['user:default/priya.nair'],
      owner: 'group:default/checkout-team',
      sreSupport: 'supported',
    });
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        annotation: 'sre-catalog.io/embedded-sres',
        value: 'user:default/ghost.user',
        message: 'user:default/ghost.user does not exist in the catalog',
      }),
    ]);

    const inherited = await request(server).get(
      '/api/sre/ownership/component/default/payment-gateway',
    );
    expect(inherited.body).toMatchObject({
      engagement: 'central',
      engagementSource: 'system',
      centralSre: 'group:default/reliability-engineering',
      system: 'system:default/payments',
    });
  });

  it('reports gaps and unknown areas of a service', async () => {
    const res = await request(server).get(
      '/api/sre/ownership/component/default/search-indexer',
    );
    expect(res.body.sreSupport).toBe('unstaffed');
    expect(res.body.gaps).toContain('on-call');
    expect(res.body.problems[0]).toMatchObject({
      annotation: 'sre-catalog.io/responsibility.nonsense',
      value: 'team',
    });
  });

  it('answers 404 for an unknown entity and 400 for a malformed path', async () => {
    const missing = await request(server).get(
      '/api/sre/ownership/component/default/nope',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');

    const bad = await request(server).get(
      '/api/sre/ownership/component/default/bad%20name',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Invalid path parameter name: ');

    const short = await request(server).get('/api/sre/ownership/component');
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('Malformed path');

    // Every domain's prefix names the shape its paths must have.
    for (const path of [
      '/api/sre/runbooks',
      '/api/sre/runbooks/component/default',
      '/api/sre/runbooks/component/default/payment-gateway/extra',
    ]) {
      const res = await request(server).get(path);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^Malformed path .*; expected GET \/runbooks\/\{kind\}\/\{namespace\}\/\{name\}$/,
      );
    }
  });

  it('lists coverage with unsupported services first, filterable by owner and system', async () => {
    const res = await request(server).get('/api/sre/coverage');
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({
      services: 4,
      byEngagement: { embedded: 2, central: 1, none: 1 },
      bySupport: { none: 1, unstaffed: 1 },
    });
    expect(res.body.services[0].entityRef).toBe(
      'component:default/legacy-invoicing',
    );
    expect(res.body.services[1].entityRef).toBe(
      'component:default/search-indexer',
    );

    const byOwner = await request(server).get(
      '/api/sre/coverage?owner=group:default/payments-team',
    );
    expect(byOwner.body.services.map((s: any) => s.entityRef).sort()).toEqual([
      'component:default/legacy-invoicing',
      'component:default/payment-gateway',
    ]);
    const bySystem = await request(server).get(
      '/api/sre/coverage?system=payments',
    );
    expect(bySystem.body.totals.services).toBe(2);
  });

  it('refuses bad coverage queries naming the parameter', async () => {
    const bad = await request(server).get('/api/sre/coverage?owner=::');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('owner');
    const unknown = await request(server).get('/api/sre/coverage?team=x');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('team');
  });

  it('tells what a team supports as SREs', async () => {
    const central = await request(server).get(
      '/api/sre/teams/default/reliability-engineering',
    );
    expect(central.status).toBe(200);
    expect(central.body.teamType).toBe('platform');
    const supported = central.body.supports.map((s: any) => s.entityRef);
    expect(supported).toEqual(
      expect.arrayContaining([
        'component:default/payment-gateway',
        'system:default/payments',
      ]),
    );
    const product = await request(server).get(
      '/api/sre/teams/default/checkout-team',
    );
    expect(product.body.supports).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/checkout-api',
        roles: ['embedded-sre'],
        members: ['user:default/priya.nair'],
      }),
    ]);
    expect(product.body.owned).toEqual({
      services: 2,
      unsupported: 1,
      withGaps: 2,
    });
    const notAGroup = await request(server).get(
      '/api/sre/teams/default/priya.nair',
    );
    expect(notAGroup.status).toBe(404);
  });
});
