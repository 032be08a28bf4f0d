import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createSreApiRouter } from '../http/createSreApiRouter';
import { addRunbookRoutes } from './runbooksRouter';
import { DefaultRunbooksService } from './DefaultRunbooksService';
import { sloAlerts } from './__testUtils__/sloAlerts';
import { builtinSloEntity } from '../__testUtils__/sloEntity';

const mockDir = createMockDirectory({
  content: {
    'entities.yaml': '# the catalog file',
    'runbooks/payment-gateway/declines.md': [
      '---',
      'title: Card declines spike',
      'alerts: [payment-gateway-authorisations:page]',
      'last-reviewed: 2020-01-01',
      '---',
      'Check the provider status page.',
    ].join('\n'),
  },
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payment-gateway',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${mockDir.resolve(
          'entities.yaml',
        )}`,
        'sre-catalog.io/runbooks': 'dir:./runbooks/payment-gateway',
      },
    },
    spec: { type: 'service', owner: 'payments-team' },
    relations: [
      {
        type: 'hasSlo',
        targetRef: 'slo:default/payment-gateway-authorisations',
      },
    ],
  },
  builtinSloEntity('payment-gateway-authorisations', 'payment-gateway'),
];

/** The router wired the way the plugin wires it, without the rest of the plugin. */
const runbooksTestPlugin = createBackendPlugin({
  pluginId: 'sre',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        urlReader: coreServices.urlReader,
        cache: coreServices.cache,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
      },
      async init({ config, httpAuth, httpRouter, ...deps }) {
        const runbooks = DefaultRunbooksService.fromConfig(config, deps);
        const { router, handler } = await createSreApiRouter();
        addRunbookRoutes(router, { httpAuth, runbooks });
        httpRouter.use(handler);
      },
    });
  },
});

describe('GET /api/sre/runbooks/{kind}/{namespace}/{name}', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        runbooksTestPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.urlReader.mock().factory,
        mockServices.rootConfig.factory({
          data: { sre: { runbooks: { staleAfterDays: 90 } } },
        }),
      ],
    }));
  });

  it('returns the runbooks, the alert coverage and the problems', async () => {
    const res = await request(server).get(
      '/api/sre/runbooks/component/default/payment-gateway',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/payment-gateway',
      runbooks: [
        {
          id: expect.stringMatching(/^file-/),
          title: 'Card declines spike',
          source: 'file',
          path: 'declines.md',
          alerts: ['payment-gateway-authorisations:page'],
          lastReviewed: '2020-01-01',
          stale: true,
          markdown: 'Check the provider status page.',
        },
      ],
      alerts: [
        ...sloAlerts(
          'payment-gateway-authorisations',
          [res.body.runbooks[0].id],
          [],
        ),
      ],
      uncoveredAlerts: ['payment-gateway-authorisations:ticket'],
      problems: [],
      staleAfterDays: 90,
    });
  });

  it('requires credentials', async () => {
    for (const path of [
      '/api/sre/runbooks/component/default/payment-gateway',
      '/api/sre/runbooks/component/default',
    ]) {
      const res = await request(server)
        .get(path)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    }
  });

  it('answers 404 for an unknown entity', async () => {
    const res = await request(server).get(
      '/api/sre/runbooks/component/default/no-such-service',
    );
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'No entity component:default/no-such-service in the catalog',
    });
  });

  it('answers 400 for a malformed path segment, naming it', async () => {
    const bad = await request(server).get(
      '/api/sre/runbooks/component/default/bad%20name',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'Invalid path parameter name: must match pattern "^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$"',
    );
  });
});

/**
 * A catalog that hides entities from some users, as a permission policy would:
 * hidden entities are absent from by-ref and by-refs answers for them.
 */
function catalogHiding(known: Entity[], hiddenFrom: Record<string, string[]>) {
  const all = catalogServiceMock({ entities: known });
  const calls: Array<string | undefined> = [];
  const hides = (options: unknown, ref: string) => {
    const { credentials } = options as { credentials: BackstageCredentials };
    const user = (credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    calls.push(user);
    return (hiddenFrom[user ?? ''] ?? []).includes(ref.toLocaleLowerCase());
  };
  const refOf = (ref: string | CompoundEntityRef) =>
    stringifyEntityRef(typeof ref === 'string' ? parseEntityRef(ref) : ref);
  const mock = catalogServiceMock.mock({
    getEntityByRef: async (ref, options) =>
      hides(options, refOf(ref))
        ? undefined
        : all.getEntityByRef(ref, options!),
    getEntitiesByRefs: async (byRefs, options) => {
      const { items } = await all.getEntitiesByRefs(byRefs, options!);
      return {
        items: items.map((item, i) =>
          item && !hides(options, refOf(byRefs.entityRefs[i]))
            ? item
            : undefined,
        ),
      };
    },
  });
  return { mock, calls };
}

describe('GET /api/sre/runbooks/{kind}/{namespace}/{name} and catalog visibility', () => {
  const guest = 'user:default/guest';
  const fraudDetection: Entity = {
    ...entities[0],
    metadata: { ...entities[0].metadata, name: 'fraud-detection' },
  };
  const catalog = catalogHiding([...entities, fraudDetection], {
    [guest]: [
      'slo:default/payment-gateway-authorisations',
      'component:default/fraud-detection',
    ],
  });
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        runbooksTestPlugin,
        catalog.mock.factory,
        mockServices.urlReader.mock().factory,
      ],
    }));
  });

  it('answers 404 for an entity the caller cannot see, like for one that does not exist', async () => {
    const hidden = await request(server)
      .get('/api/sre/runbooks/component/default/fraud-detection')
      .set('Authorization', mockCredentials.user.header(guest));
    const missing = await request(server)
      .get('/api/sre/runbooks/component/default/no-such-service')
      .set('Authorization', mockCredentials.user.header(guest));
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe(
      'No entity component:default/fraud-detection in the catalog',
    );
    expect(missing.status).toBe(404);
    expect(hidden.body.error.name).toBe(missing.body.error.name);

    const owner = await request(server).get(
      '/api/sre/runbooks/component/default/fraud-detection',
    );
    expect(owner.status).toBe(200);
  });

  it('leaves out what the caller cannot see: a hidden SLO is not named anywhere', async () => {
    catalog.calls.length = 0;
    const res = await request(server)
      .get('/api/sre/runbooks/component/default/payment-gateway')
      .set('Authorization', mockCredentials.user.header(guest));
    expect(res.status).toBe(200);
    // Every catalog call was made as the caller.
    expect(catalog.calls.length).toBeGreaterThan(0);
    expect(new Set(catalog.calls)).toEqual(new Set([guest]));
    expect(res.body.alerts.filter((a: any) => a.sloRef)).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain(
      'slo:default/payment-gateway-authorisations',
    );
    // The runbook file itself is the entity's: it stays.
    expect(res.body.runbooks.map((r: any) => r.title)).toEqual([
      'Card declines spike',
    ]);

    // The same page for a user who sees the SLO.
    const owner = await request(server).get(
      '/api/sre/runbooks/component/default/payment-gateway',
    );
    expect(JSON.stringify(owner.body)).toContain(
      'slo:default/payment-gateway-authorisations',
    );
  });
});
