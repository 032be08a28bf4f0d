import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  postmortemReadPermission,
  postmortemUpdatePermission,
  readOwnershipConfig,
  srePermissions,
} from '@sre-catalog/backstage-plugin-sre-common';
import request from 'supertest';
import { createSreApiRouter } from '../http/createSreApiRouter';
import { addPostmortemRoutes } from './postmortemsRouter';
import { DefaultOwnershipService } from '../ownership/DefaultOwnershipService';
import { applyPostmortemConditions } from './__testUtils__/applyPostmortemConditions';
import { catalogHidingEntities } from './__testUtils__/catalogHidingEntities';
import { DefaultPostmortemService } from './DefaultPostmortemService';
import {
  createPostmortemConditionalDecision,
  postmortemConditions,
  postmortemPermissionResourceType,
} from './postmortemPermissionRules';
import { SreDatabase } from '../database/SreDatabase';
import { catalogEntity } from '../__testUtils__/catalogEntity';

const CHECKOUT = 'component:default/checkout-api';
const PAYMENTS = 'component:default/payment-gateway';
const CHECKOUT_TEAM = 'group:default/checkout-team';
const PAYMENTS_TEAM = 'group:default/payments-team';
const PRIYA = 'user:default/priya.nair';
const SLO = 'slo:default/checkout-availability';

/** A catalogEntity with no metadata but its name. */
const entity = (
  kind: string,
  name: string,
  spec?: Entity['spec'],
  relations?: Entity['relations'],
) => catalogEntity(kind, name, {}, spec, relations);

const entities: Entity[] = [
  // Owner from the relation the catalog computes...
  entity('Component', 'checkout-api', { owner: 'checkout-team' }, [
    { type: 'ownedBy', targetRef: CHECKOUT_TEAM },
  ]),
  // ...or from spec.owner when there is none.
  entity('Component', 'payment-gateway', { owner: 'payments-team' }),
  entity('Group', 'checkout-team', { type: 'team' }),
  entity('Group', 'payments-team', { type: 'team' }, [
    { type: 'hasMember', targetRef: PRIYA },
  ]),
  entity('User', 'priya.nair'),
  entity('User', 'mock'),
  { ...entity('SLO', 'checkout-availability'), apiVersion: 'openslo/v1' },
  // Restricted: the catalog hides it (and its team and SLO) from some users.
  {
    ...entity('Component', 'fraud-detection', { owner: 'fraud-team' }, [
      { type: 'ownedBy', targetRef: 'group:default/fraud-team' },
    ]),
    metadata: {
      name: 'fraud-detection',
      namespace: 'default',
      annotations: { 'sre-catalog.io/visibility': 'restricted' },
    },
  },
  entity('Group', 'fraud-team', { type: 'team' }),
  { ...entity('SLO', 'fraud-latency'), apiVersion: 'openslo/v1' },
  entity('User', 'outsider'),
];

const FRAUD = 'component:default/fraud-detection';
const FRAUD_TEAM = 'group:default/fraud-team';
const FRAUD_SLO = 'slo:default/fraud-latency';
const OUTSIDER = 'user:default/outsider';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const date = (daysFromNow: number) =>
  new Date(Date.now() + daysFromNow * DAY).toISOString().slice(0, 10);

const quick = (overrides: object = {}) => ({
  template: 'quick',
  title: 'Checkout returned 500s',
  severity: 'SEV2',
  entityRefs: ['checkout-api'],
  startedAt: ago(3),
  summary: 'A config push broke checkout for 20 minutes.',
  actionItems: [
    {
      title: 'Canary config pushes',
      owner: CHECKOUT_TEAM,
      priority: 'P1',
      dueDate: date(30),
    },
  ],
  ...overrides,
});

const full = (overrides: object = {}) =>
  quick({
    template: 'full',
    impact: '12% of orders failed',
    detectedAt: ago(2.99),
    mitigatedAt: ago(2.98),
    resolvedAt: ago(2.9),
    ...overrides,
  });

/** Claims of each user, as a policy would take them from ownershipEntityRefs. */
const CLAIMS: Record<string, string[]> = {
  [PRIYA]: [PRIYA, CHECKOUT_TEAM],
  'user:default/mock': ['user:default/mock'],
};

/** A policy that allows reading and creating, and lets users edit postmortems of what they own. */
const ownersMayEdit = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => ({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r =>
        r.permission.name !== postmortemUpdatePermission.name
          ? { result: AuthorizeResult.ALLOW }
          : createPostmortemConditionalDecision(
              postmortemUpdatePermission,
              postmortemConditions.isAffectedEntityOwner({
                claims:
                  CLAIMS[
                    (credentials.principal as { userEntityRef: string })
                      .userEntityRef
                  ] ?? [],
              }),
            ),
      ),
  }),
});

/**
 * A policy that lets service principals read but not write (as an external access
 * token restricted to other permissions would be), and users do anything.
 */
const servicesMayOnlyRead = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => {
    const decide = (name: string, type: string) =>
      type === 'service' && name !== postmortemReadPermission.name
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW;
    return {
      authorize: async (requests, { credentials }) =>
        requests.map(r => ({
          result: decide(
            r.permission.name,
            (credentials.principal as { type: string }).type,
          ),
        })),
      authorizeConditional: async (requests, { credentials }) =>
        requests.map(r => ({
          result: decide(
            r.permission.name,
            (credentials.principal as { type: string }).type,
          ),
        })),
    };
  },
});

/** Wires the postmortem registry the way plugin.ts and router.ts do. */
const postmortemsTestPlugin = createBackendPlugin({
  pluginId: 'sre',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(srePermissions);
        const store = (await SreDatabase.create(deps)).postmortemStore();
        deps.permissionsRegistry.addResourceType(
          postmortemPermissionResourceType(store),
        );
        const ownership = DefaultOwnershipService.create({
          catalog: deps.catalog,
          config: readOwnershipConfig(deps.config),
        });
        const postmortems = DefaultPostmortemService.create({
          ...deps,
          ownership,
          store,
        });
        const { router, handler } = await createSreApiRouter();
        addPostmortemRoutes(router, { httpAuth: deps.httpAuth, postmortems });
        deps.httpRouter.use(handler);
      },
    });
  },
});

/** The entities the catalog hides, per user entity ref or service subject. */
type Hidden = Record<string, string[]>;

async function startBackend(
  permissions:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY
    | typeof ownersMayEdit = AuthorizeResult.ALLOW,
  extra: {
    hidden?: Hidden;
    auditor?: ReturnType<typeof mockServices.auditor.mock>;
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      postmortemsTestPlugin,
      extra.hidden
        ? createServiceFactory({
            service: catalogServiceRef,
            deps: {},
            factory: () =>
              catalogHidingEntities(entities, extra.hidden ?? {}).catalog,
          })
        : catalogServiceMock.factory({ entities }),
      typeof permissions === 'string'
        ? mockServices.permissions.factory({ result: permissions })
        : permissions,
      ...(extra.auditor ? [extra.auditor.factory] : []),
    ],
  });
  return server;
}

type Server = Awaited<ReturnType<typeof startBackend>>;

const create = (server: Server, body: object, auth?: string) => {
  const req = request(server).post('/api/sre/postmortems');
  return (auth ? req.set('Authorization', auth) : req).send(body);
};

const edit = (server: Server, id: string, body: object, auth?: string) => {
  const req = request(server).put(`/api/sre/postmortems/${id}`);
  return (auth ? req.set('Authorization', auth) : req).send(body);
};

describe('postmortems API', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startBackend();
  });

  it('creates a quick postmortem (201) with identity from the credentials', async () => {
    const res = await create(
      server,
      quick({ createdBy: 'user:default/someone-else', policy: 'ignored' }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      version: 1,
      template: 'quick',
      status: 'draft',
      severity: 'SEV2',
      entityRefs: [CHECKOUT],
      ownerRefs: [CHECKOUT_TEAM],
      impactedSlos: [],
      timeline: [],
      tags: [],
      actionItems: [
        {
          id: expect.any(String),
          title: 'Canary config pushes',
          owner: CHECKOUT_TEAM,
          priority: 'P1',
          status: 'open',
          dueDate: date(30),
        },
      ],
      policy: { required: false, satisfied: true },
      createdBy: 'user:default/mock',
      updatedBy: 'user:default/mock',
    });
    const read = await request(server).get(
      `/api/sre/postmortems/${res.body.id}`,
    );
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('creates a quick postmortem when the body names no template', async () => {
    const { template: _template, ...body } = quick();
    const res = await create(server, body);
    expect(res.status).toBe(201);
    expect(res.body.template).toBe('quick');
  });

  it('lets service principals write, recording their subject', async () => {
    const res = await create(
      server,
      quick({ entityRefs: [PAYMENTS] }),
      mockCredentials.service.header(),
    );
    expect(res.status).toBe(201);
    expect(res.body.createdBy).toBe('external:test-service');
    expect(res.body.ownerRefs).toEqual([PAYMENTS_TEAM]);
  });

  it('stores markup as plain text, exactly as written', async () => {
    const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const res = await create(server, quick({ title: script, summary: script }));
    expect(res.status).toBe(201);
    const read = await request(server).get(
      `/api/sre/postmortems/${res.body.id}`,
    );
    expect(read.body.title).toBe(script);
    expect(read.body.summary).toBe(script);
  });

  it('expands a quick postmortem into a full one, keeping action item ids, and keeps the history', async () => {
    const created = (await create(server, quick())).body;
    const itemId = created.actionItems[0].id;
    const expanded = await edit(
      server,
      created.id,
      {
        ...created,
        ...full({
          status: 'published',
          contributingFactors: ['No canary'],
          startedAt: created.startedAt,
        }),
        actionItems: [
          { ...created.actionItems[0], status: 'done' },
          { title: 'Alert on config errors', owner: PRIYA, priority: 'P2' },
        ],
        version: 1,
      },
      mockCredentials.user.header(PRIYA),
    );
    expect(expanded.status).toBe(200);
    expect(expanded.body).toMatchObject({
      id: created.id,
      version: 2,
      template: 'full',
      status: 'published',
      createdBy: 'user:default/mock',
      updatedBy: PRIYA,
    });
    expect(expanded.body.actionItems.map((a: { id: string }) => a.id)).toEqual([
      itemId,
      expect.any(String),
    ]);
    expect(expanded.body.actionItems[0].status).toBe('done');

    // Sending the same content again changes nothing.
    const again = await edit(server, created.id, { ...expanded.body });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);

    const history = await request(server).get(
      `/api/sre/postmortems/${created.id}/history`,
    );
    expect(history.status).toBe(200);
    // Each revision keeps the old and new value of each field it changed.
    expect(history.body.revisions[0].changes.slice(0, 2)).toEqual([
      { field: 'template', before: 'quick', after: 'full' },
      { field: 'status', before: 'draft', after: 'published' },
    ]);
    expect(history.body.revisions[0].changes.slice(-1)).toEqual([
      {
        field: 'actionItems',
        before: created.actionItems,
        after: expanded.body.actionItems,
      },
    ]);
    expect(history.body.revisions[1].changes[1]).toEqual({
      field: 'title',
      after: 'Checkout returned 500s',
    });
    expect({
      ...history.body,
      revisions: history.body.revisions.map(
        ({ changes: _, ...revision }: { changes: unknown }) => revision,
      ),
    }).toEqual({
      postmortemId: created.id,
      revisions: [
        {
          version: 2,
          changedAt: expanded.body.updatedAt,
          changedBy: PRIYA,
          changedFields: [
            'template',
            'status',
            'detectedAt',
            'mitigatedAt',
            'resolvedAt',
            'impact',
            'contributingFactors',
            'actionItems',
          ],
        },
        {
          version: 1,
          changedAt: created.createdAt,
          changedBy: 'user:default/mock',
          changedFields: [
            'template',
            'title',
            'severity',
            'status',
            'startedAt',
            'entityRefs',
            'summary',
            'actionItems',
          ],
        },
      ],
    });

    const shrink = await edit(server, created.id, {
      ...expanded.body,
      template: 'quick',
    });
    expect(shrink.status).toBe(400);
    expect(shrink.body.error.message).toContain('Invalid template');
  });

  it('refuses an edit based on a stale version with 409', async () => {
    const created = (await create(server, quick())).body;
    const first = await edit(server, created.id, {
      ...quick({ title: 'First edit' }),
      version: 1,
    });
    expect(first.status).toBe(200);
    const second = await edit(server, created.id, {
      ...quick({ title: 'Second edit' }),
      version: 1,
    });
    expect(second.status).toBe(409);
    expect(second.body.error.name).toBe('ConflictError');
    expect(second.body.error.message).toContain('version 2');
    const read = await request(server).get(
      `/api/sre/postmortems/${created.id}`,
    );
    expect(read.body).toMatchObject({ version: 2, title: 'First edit' });
  });

  it('answers 404 for unknown postmortems', async () => {
    for (const res of [
      await request(server).get('/api/sre/postmortems/no-such-id'),
      await request(server).get('/api/sre/postmortems/no-such-id/history'),
      await request(server)
        .put('/api/sre/postmortems/no-such-id')
        .send({ ...quick(), version: 1 }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.name).toBe('NotFoundError');
    }
  });

  it('refuses refs that are new to the postmortem and not in the catalog on update', async () => {
    const created = (await create(server, quick())).body;
    const gone = 'component:default/decommissioned';
    const res = await edit(server, created.id, {
      ...quick({ entityRefs: [CHECKOUT, gone] }),
      version: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      `Invalid entityRefs[1]: ${gone} is not in the catalog`,
    );
    expect(
      (await request(server).get(`/api/sre/postmortems/${created.id}`)).body
        .version,
    ).toBe(1);
  });

  it.each([
    [{ title: undefined }, 'Invalid title: is required'],
    [{ title: '   ' }, 'Invalid title: is required'],
    [{ severity: undefined }, 'Invalid severity: is required'],
    [{ template: 'long' }, 'Invalid template: must be one of quick, full'],
    [{ entityRefs: undefined }, 'Invalid entityRefs: is required'],
    [{ entityRefs: [] }, 'Invalid entityRefs: is required'],
    [{ startedAt: undefined }, 'Invalid startedAt: is required'],
    [{ summary: undefined }, 'Invalid summary: is required'],
    [{ summary: 7 }, 'Invalid summary: must be a string'],
    [
      { entityRefs: ['checkout-api', 'ghost'] },
      'Invalid entityRefs[1]: component:default/ghost is not in the catalog',
    ],
    [
      { entityRefs: ['a:b:c/d/e'] },
      'Invalid entityRefs[0]: must be an entity ref',
    ],
    [
      { impactedSlos: [{ sloRef: 'missing', budgetConsumed: 0.1 }] },
      'Invalid impactedSlos[0].sloRef: slo:default/missing is not in the catalog',
    ],
    [
      { impactedSlos: [{ sloRef: CHECKOUT, budgetConsumed: 0.1 }] },
      'Invalid impactedSlos[0].sloRef: must be a slo ref',
    ],
    [
      { impactedSlos: [{ sloRef: SLO, budgetConsumed: -0.1 }] },
      'Invalid impactedSlos[0].budgetConsumed: must not be negative',
    ],
    [
      { impactedSlos: [{ sloRef: SLO, budgetConsumed: '20%' }] },
      'Invalid impactedSlos[0].budgetConsumed: must be a number',
    ],
    [
      {
        impactedSlos: [
          { sloRef: SLO, budgetConsumed: 0.1 },
          { sloRef: SLO, budgetConsumed: 0.2 },
        ],
      },
      'Invalid impactedSlos[1].sloRef: slo:default/checkout-availability appears twice',
    ],
    [
      { startedAt: 'yesterday' },
      'Invalid startedAt: must be an ISO-8601 timestamp',
    ],
    [{ startedAt: '2026-11-02T10:00:00' }, 'Invalid startedAt: must be an ISO'],
    [{ startedAt: ago(-1) }, 'Invalid startedAt:', 'is in the future'],
    [{ detectedAt: ago(4) }, 'Invalid detectedAt:', 'is before startedAt'],
    [{ resolvedAt: ago(4) }, 'Invalid resolvedAt:', 'is before startedAt'],
    [
      { mitigatedAt: ago(2), resolvedAt: ago(2.5) },
      'Invalid resolvedAt:',
      'is before mitigatedAt',
    ],
    [
      { severity: 'SEV5' },
      'Invalid severity: must be one of SEV1, SEV2, SEV3, SEV4',
    ],
    [
      { status: 'done' },
      'Invalid status: must be one of draft, in-review, published',
    ],
    [
      { actionItems: [{ title: 'x', owner: CHECKOUT_TEAM, priority: 'P5' }] },
      'Invalid actionItems[0].priority: must be one of P0, P1, P2, P3',
    ],
    [
      {
        actionItems: [
          {
            title: 'x',
            owner: CHECKOUT_TEAM,
            priority: 'P1',
            status: 'closed',
          },
        ],
      },
      'Invalid actionItems[0].status: must be one of open, in-progress, done, wont-do',
    ],
    [
      { actionItems: [{ title: 'x', owner: CHECKOUT_TEAM }] },
      'Invalid actionItems[0].priority: is required',
    ],
    [
      { actionItems: [{ title: 'x', owner: 'checkout-team', priority: 'P1' }] },
      'Invalid actionItems[0].owner: must be a user or group ref',
    ],
    [
      { actionItems: [{ title: 'x', owner: CHECKOUT, priority: 'P1' }] },
      'Invalid actionItems[0].owner: must be a user or group ref',
    ],
    [
      {
        actionItems: [
          { title: 'x', owner: 'user:default/ghost', priority: 'P1' },
        ],
      },
      'Invalid actionItems[0].owner: user:default/ghost is not in the catalog',
    ],
    [
      {
        actionItems: [
          { title: 'x', owner: PRIYA, priority: 'P1', dueDate: '2026-13-01' },
        ],
      },
      'Invalid actionItems[0].dueDate: must be a date written YYYY-MM-DD',
    ],
    [
      {
        actionItems: [
          {
            title: 'x',
            owner: PRIYA,
            priority: 'P1',
            trackingUrl: 'ftp://x/y',
          },
        ],
      },
      'Invalid actionItems[0].trackingUrl: must be an http or https URL',
    ],
    [
      {
        actionItems: [
          { id: 'made-up', title: 'x', owner: PRIYA, priority: 'P1' },
        ],
      },
      'Invalid actionItems[0].id: made-up is not an action item of this postmortem',
    ],
    [
      // eslint-disable-next-line no-script-url -- the input that must be refused
      { links: [{ title: 'Chat', url: 'javascript:alert(1)' }] },
      'Invalid links[0].url: must be an http or https URL',
    ],
    [
      { title: 'x'.repeat(201) },
      'Invalid title: must be at most 200 characters',
    ],
    [
      { summary: 'x'.repeat(20_001) },
      'Invalid summary: must be at most 20000 characters',
    ],
    [
      { lessons: 'x'.repeat(20_001) },
      'Invalid lessons: must be at most 20000 characters',
    ],
    [
      {
        timeline: Array.from({ length: 201 }, () => ({
          at: ago(3),
          description: 'x',
        })),
      },
      'Invalid timeline: must hold at most 200 timeline entries',
    ],
    [
      { timeline: [{ at: ago(3), description: '' }] },
      'Invalid timeline[0].description: must not be empty',
    ],
    [
      {
        actionItems: Array.from({ length: 101 }, () => ({
          title: 'x',
          owner: PRIYA,
          priority: 'P3',
        })),
      },
      'Invalid actionItems: must hold at most 100 action items',
    ],
    [
      { tags: ['ok', 'not ok!'] },
      'Invalid tags[1]: must start with a letter or digit',
    ],
    [
      { summary: 'a\u0000b' },
      'Invalid summary: must not contain NUL characters',
    ],
    [{ owner: 'x' }, 'Invalid body: unknown field owner'],
    [
      { links: [{ title: 'x', url: 'https://x.example', kind: 'chat' }] },
      'Invalid links[0]: unknown field kind',
    ],
    [
      { template: 'full', impact: 'x', detectedAt: ago(2.9) },
      'Invalid resolvedAt: is required for a full postmortem',
    ],
    [
      {
        template: 'full',
        status: 'published',
        impact: 'x',
        detectedAt: ago(2.9),
        resolvedAt: ago(2.8),
      },
      'Invalid contributingFactors: needs at least one entry before a full postmortem is published',
    ],
  ])(
    'refuses %j with 400 naming the field (%s) and stores nothing',
    async (overrides, expected, expectedToo = '') => {
      const before = (await request(server).get('/api/sre/postmortems')).body
        .totalCount;
      const body = quick(overrides);
      for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined) delete (body as Record<string, unknown>)[key];
      }
      const res = await create(server, body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(expected);
      expect(res.body.error.message).toContain(expectedToo);
      const after = (await request(server).get('/api/sre/postmortems')).body
        .totalCount;
      expect(after).toBe(before);
    },
  );

  it('refuses bodies that are not JSON objects', async () => {
    const res = await create(server, [quick()]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Invalid body: must be a JSON object');
  });

  it('refuses bodies over 1 MB', async () => {
    const res = await create(server, quick({ summary: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.message).toContain('Invalid body');
  });

  it('requires the version on update, and an id that matches the path', async () => {
    const created = (await create(server, quick())).body;
    const noVersion = await edit(server, created.id, quick());
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.message).toBe('Invalid version: is required');
    const otherId = await edit(server, created.id, {
      ...quick(),
      id: 'other',
      version: 1,
    });
    expect(otherId.status).toBe(400);
    expect(otherId.body.error.message).toContain('Invalid id');
  });

  it.each([
    ['/api/sre/postmortems?severity=SEV9', 'Invalid query parameter severity'],
    ['/api/sre/postmortems?limit=1000', 'Invalid query parameter limit'],
    ['/api/sre/postmortems?from=yesterday', 'Invalid query parameter from'],
    ['/api/sre/postmortems?sort=title', 'Unknown query parameter sort'],
    ['/api/sre/postmortems?q=a%00b', 'Invalid query parameter q'],
    ['/api/sre/postmortems?tag=%00', 'Invalid query parameter tag'],
    ['/api/sre/action-items?overdue=maybe', 'Invalid query parameter overdue'],
    ['/api/sre/action-items?priority=P9', 'Invalid query parameter priority'],
  ])('refuses the query %s with 400', async (url, expected) => {
    const res = await request(server).get(url);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(expected);
  });

  it.each([
    ['post', '/api/sre/postmortems'],
    ['get', '/api/sre/postmortems'],
    ['get', '/api/sre/postmortems/required'],
    ['get', '/api/sre/postmortems/some-id'],
    ['put', '/api/sre/postmortems/some-id'],
    ['get', '/api/sre/postmortems/some-id/history'],
    ['get', '/api/sre/action-items'],
  ] as const)('requires credentials for %s %s (401)', async (method, url) => {
    const res = await request(server)
      [method](url)
      .set('Authorization', mockCredentials.none.header())
      .send(method === 'get' ? undefined : quick());
    expect(res.status).toBe(401);
  });
});

describe('postmortems API: lists, action items and the error budget policy', () => {
  let server: Server;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startBackend();
    const write = async (name: string, body: object) => {
      const res = await create(server, body);
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    };
    await write(
      'checkout',
      full({
        title: 'Checkout 500s after config push',
        severity: 'SEV1',
        status: 'published',
        startedAt: ago(10),
        detectedAt: ago(9.99),
        mitigatedAt: ago(9.98),
        resolvedAt: ago(9.9),
        contributingFactors: ['No canary'],
        tags: ['Config', 'checkout'],
        lessons: 'Canary every config change',
        impactedSlos: [{ sloRef: SLO, budgetConsumed: 0.35 }],
        actionItems: [
          {
            title: 'Add config canary',
            owner: CHECKOUT_TEAM,
            priority: 'P1',
            dueDate: date(-2),
          },
        ],
      }),
    );
    await write(
      'payments',
      quick({
        title: 'Payment gateway latency',
        entityRefs: [PAYMENTS],
        startedAt: ago(5),
        summary: 'Slow card authorisations',
        timeline: [{ at: ago(5), description: 'Connection pool exhausted' }],
        actionItems: [
          {
            title: 'Size the pool',
            owner: PRIYA,
            priority: 'P0',
            dueDate: date(-1),
            status: 'in-progress',
          },
          {
            title: 'Load test',
            owner: PAYMENTS_TEAM,
            priority: 'P2',
            dueDate: date(-1),
            status: 'done',
          },
        ],
      }),
    );
    await write(
      'both',
      quick({
        title: 'Shared cache outage',
        entityRefs: [CHECKOUT, PAYMENTS],
        startedAt: ago(1),
        tags: ['cache'],
        impactedSlos: [{ sloRef: SLO, budgetConsumed: 0.05, computed: true }],
        actionItems: [],
      }),
    );
  });

  const list = async (query: string) => {
    const res = await request(server).get(`/api/sre/postmortems?${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: { id: string }[]; totalCount: number };
  };
  const names = async (query: string) => {
    const byId = Object.fromEntries(
      Object.entries(ids).map(([k, v]) => [v, k]),
    );
    return (await list(query)).items.map(p => byId[p.id]);
  };

  it('lists newest first, filtered and paged', async () => {
    expect(await names('')).toEqual(['both', 'payments', 'checkout']);
    expect(await names(`entityRef=${PAYMENTS}`)).toEqual(['both', 'payments']);
    expect(await names('entityRef=checkout-api')).toEqual(['both', 'checkout']);
    expect(await names(`owner=${CHECKOUT_TEAM}`)).toEqual(['both', 'checkout']);
    expect(await names('owner=payments-team')).toEqual(['both', 'payments']);
    expect(await names('severity=SEV1')).toEqual(['checkout']);
    expect(await names('status=published')).toEqual(['checkout']);
    expect(await names('tag=config')).toEqual(['checkout']);
    expect(await names(`from=${date(-6)}`)).toEqual(['both', 'payments']);
    expect(await names(`to=${date(-6)}`)).toEqual(['checkout']);
    expect(await names(`from=${ago(6)}&to=${ago(2)}`)).toEqual(['payments']);
    expect(await names('q=CANARY')).toEqual(['checkout']);
    expect(await names('q=pool%20exhausted')).toEqual(['payments']);
    expect(await names('q=cache')).toEqual(['both']);
    expect(await names('q=checkout%20nothing-like-this')).toEqual([]);
    const page = await list('limit=1&offset=1');
    expect(page.totalCount).toBe(3);
    expect(page.items.map(p => p.id)).toEqual([ids.payments]);
  });

  it('lists action items across postmortems, overdue ones and by owner', async () => {
    const items = async (query: string) => {
      const res = await request(server).get(`/api/sre/action-items?${query}`);
      expect(res.status).toBe(200);
      return res.body as {
        items: {
          title: string;
          overdue: boolean;
          postmortem: { id: string };
        }[];
        totalCount: number;
      };
    };
    expect((await items('')).totalCount).toBe(3);
    const overdue = await items('overdue=true');
    expect(overdue.items.map(i => i.title)).toEqual([
      'Add config canary',
      'Size the pool',
    ]);
    expect(overdue.items.every(i => i.overdue)).toBe(true);
    expect(overdue.items[1].postmortem).toMatchObject({
      id: ids.payments,
      title: 'Payment gateway latency',
      entityRefs: [PAYMENTS],
    });
    expect((await items(`owner=${PRIYA}`)).items.map(i => i.title)).toEqual([
      'Size the pool',
    ]);
    expect(
      (await items(`owner=${CHECKOUT_TEAM}&overdue=true`)).items.map(
        i => i.title,
      ),
    ).toEqual(['Add config canary']);
    expect((await items('overdue=false')).items.map(i => i.title)).toEqual([
      'Load test',
    ]);
    // A team's items: the Group's own and its members'.
    expect(
      (await items('team=payments-team')).items.map(i => i.title).sort(),
    ).toEqual(['Load test', 'Size the pool']);
    expect(
      (await items(`team=${CHECKOUT_TEAM}`)).items.map(i => i.title),
    ).toEqual(['Add config canary']);
    const unknown = await request(server).get(
      '/api/sre/action-items?team=group:default/nobody',
    );
    expect(unknown.status).toBe(404);
  });

  it('flags and lists postmortems the error budget policy requires', async () => {
    const checkout = (
      await request(server).get(`/api/sre/postmortems/${ids.checkout}`)
    ).body;
    expect(checkout.policy).toEqual({
      required: true,
      satisfied: false,
      reason:
        'slo:default/checkout-availability lost 35% of the error budget in this incident (more than 20%); the error budget policy asks for at least one P0 action item',
    });
    const required = await request(server).get('/api/sre/postmortems/required');
    expect(required.status).toBe(200);
    expect(required.body).toEqual({
      items: [
        {
          startedAt: checkout.startedAt,
          endedAt: checkout.resolvedAt,
          entityRefs: [CHECKOUT],
          impactedSlos: [
            { sloRef: SLO, budgetConsumed: 0.35, computed: false },
          ],
          reason: checkout.policy.reason,
          postmortem: {
            id: ids.checkout,
            title: checkout.title,
            status: 'published',
            policy: checkout.policy,
          },
        },
      ],
      totalCount: 1,
    });

    const fixed = await edit(server, ids.checkout, {
      ...checkout,
      actionItems: [
        ...checkout.actionItems,
        { title: 'Config validation', owner: CHECKOUT_TEAM, priority: 'P0' },
      ],
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.policy).toMatchObject({
      required: true,
      satisfied: true,
    });
    expect(
      (await request(server).get('/api/sre/postmortems/required')).body,
    ).toEqual({ items: [], totalCount: 0 });
  });
});

describe('postmortems API: permissions', () => {
  it('refuses writes with 403 to users the policy denies, and reads nothing for them', async () => {
    const server = await startBackend(AuthorizeResult.DENY);
    for (const auth of [
      mockCredentials.user.header(),
      mockCredentials.service.header(),
    ]) {
      const denied = await create(server, quick(), auth);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain('sre.postmortem.create');
    }
    const list = await request(server).get('/api/sre/postmortems');
    expect(list.body).toEqual({ items: [], totalCount: 0 });
  });

  it('refuses writes with 403 to service principals the policy restricts, as to users', async () => {
    const server = await startBackend(servicesMayOnlyRead);
    const created = (await create(server, quick())).body;
    const byService = await create(
      server,
      quick(),
      mockCredentials.service.header(),
    );
    expect(byService.status).toBe(403);
    expect(byService.body.error.message).toContain('sre.postmortem.create');
    const update = await edit(
      server,
      created.id,
      { ...quick({ title: 'Edited' }), version: 1 },
      mockCredentials.service.header(),
    );
    expect(update.status).toBe(403);
    expect(update.body.error.message).toContain('sre.postmortem.update');
    // It may still read.
    const read = await request(server)
      .get(`/api/sre/postmortems/${created.id}`)
      .set('Authorization', mockCredentials.service.header());
    expect(read.status).toBe(200);
    expect(read.body.title).toBe('Checkout returned 500s');
  });

  it('applies conditional decisions: owners of an affected entity may edit', async () => {
    const server = await startBackend(ownersMayEdit);
    const asPriya = mockCredentials.user.header(PRIYA);
    const checkout = (await create(server, quick())).body;
    const payments = (await create(server, quick({ entityRefs: [PAYMENTS] })))
      .body;

    const own = await edit(
      server,
      checkout.id,
      { ...quick({ title: 'Edited by an owner' }), version: 1 },
      asPriya,
    );
    expect(own.status).toBe(200);

    const notOwn = await edit(
      server,
      payments.id,
      { ...quick({ entityRefs: [PAYMENTS] }), version: 1 },
      asPriya,
    );
    expect(notOwn.status).toBe(403);

    // Nor may an owner move a postmortem to entities they do not own.
    const away = await edit(
      server,
      checkout.id,
      { ...quick({ entityRefs: [PAYMENTS] }), version: 2 },
      asPriya,
    );
    expect(away.status).toBe(403);
    expect(
      (await request(server).get(`/api/sre/postmortems/${checkout.id}`)).body
        .version,
    ).toBe(2);
  });

  it('registers the resource type, so the permission backend can apply conditions to stored postmortems', async () => {
    const server = await startBackend();
    const checkout = (await create(server, quick())).body;

    const metadata = await request(server).get(
      '/api/sre/.well-known/backstage/permissions/metadata',
    );
    expect(metadata.status).toBe(200);
    expect(metadata.body.permissions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'sre.postmortem.read',
          attributes: { action: 'read' },
          resourceType: 'sre-postmortem',
        }),
        expect.objectContaining({
          name: 'sre.postmortem.create',
          attributes: { action: 'create' },
          resourceType: 'sre-postmortem',
        }),
        expect.objectContaining({
          name: 'sre.postmortem.update',
          attributes: { action: 'update' },
          resourceType: 'sre-postmortem',
        }),
      ]),
    );
    expect(
      metadata.body.rules.map((r: { name: string }) => r.name).sort(),
    ).toEqual([
      'HAS_AFFECTED_ENTITY',
      'HAS_RESTRICTED_ENTITY',
      'HAS_STATUS',
      'IS_AFFECTED_ENTITY_OWNER',
      'IS_AFFECTED_ENTITY_SRE',
      'IS_AUTHOR',
      'IS_RESTRICTED_ENTITY_OWNER',
    ]);

    const apply = (claims: string[]) =>
      applyPostmortemConditions(server, checkout.id, {
        rule: 'IS_AFFECTED_ENTITY_OWNER',
        resourceType: 'sre-postmortem',
        params: { claims },
      });
    const allowed = await apply([PRIYA, CHECKOUT_TEAM]);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toEqual({ items: [{ id: '1', result: 'ALLOW' }] });
    expect((await apply([PAYMENTS_TEAM])).body).toEqual({
      items: [{ id: '1', result: 'DENY' }],
    });

    // The rule Backstage Search meets through sre.postmortem.read: a restricted entity.
    const restricted = (await create(server, quick({ entityRefs: [FRAUD] })))
      .body;
    const isRestricted = (id: string) =>
      applyPostmortemConditions(server, id, {
        rule: 'HAS_RESTRICTED_ENTITY',
        resourceType: 'sre-postmortem',
        params: {},
      });
    expect((await isRestricted(restricted.id)).body).toEqual({
      items: [{ id: '1', result: 'ALLOW' }],
    });
    expect((await isRestricted(checkout.id)).body).toEqual({
      items: [{ id: '1', result: 'DENY' }],
    });
  });
});

describe('postmortems API: catalog visibility', () => {
  let server: Server;
  const ids: Record<string, string> = {};
  const asOutsider = mockCredentials.user.header(OUTSIDER);
  const flagged = { impactedSlos: [{ sloRef: SLO, budgetConsumed: 0.5 }] };

  beforeAll(async () => {
    server = await startBackend(AuthorizeResult.ALLOW, {
      hidden: { [OUTSIDER]: [FRAUD, FRAUD_TEAM, FRAUD_SLO] },
    });
    const write = async (name: string, body: object) => {
      const res = await create(server, body);
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    };
    await write('open', quick({ title: 'Open', ...flagged }));
    // The hidden entity named as an affected entity, an action item owner, an SLO.
    await write(
      'affected',
      quick({ title: 'Affected', entityRefs: [CHECKOUT, FRAUD], ...flagged }),
    );
    await write(
      'owner',
      quick({
        title: 'Owner',
        ...flagged,
        actionItems: [{ title: 'Owned', owner: FRAUD_TEAM, priority: 'P1' }],
      }),
    );
    await write(
      'slo',
      quick({
        title: 'By SLO',
        impactedSlos: [{ sloRef: FRAUD_SLO, budgetConsumed: 0.5 }],
      }),
    );
  });

  it('answers 404 for each postmortem that names a hidden entity, and leaves it out of every list and count', async () => {
    const bodies: unknown[] = [];
    for (const name of ['affected', 'owner', 'slo']) {
      const id = ids[name];
      for (const res of [
        await request(server)
          .get(`/api/sre/postmortems/${id}`)
          .set('Authorization', asOutsider),
        await request(server)
          .get(`/api/sre/postmortems/${id}/history`)
          .set('Authorization', asOutsider),
        await edit(server, id, { ...quick(), version: 1 }, asOutsider),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe(`No postmortem ${id}`);
        bodies.push(res.body);
      }
    }
    const get = async (url: string) => {
      const res = await request(server)
        .get(url)
        .set('Authorization', asOutsider);
      expect(res.status).toBe(200);
      bodies.push(res.body);
      return res.body;
    };
    const list = await get('/api/sre/postmortems');
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([ids.open]);
    expect(list.totalCount).toBe(1);
    expect(
      (await get(`/api/sre/postmortems?entityRef=${FRAUD}`)).totalCount,
    ).toBe(0);
    const items = await get('/api/sre/action-items');
    expect(items.items.map((i: { title: string }) => i.title)).toEqual([
      'Canary config pushes',
    ]);
    expect(items.totalCount).toBe(1);
    const required = await get('/api/sre/postmortems/required');
    expect(
      required.items.map(
        (i: { postmortem: { id: string } }) => i.postmortem.id,
      ),
    ).toEqual([ids.open]);
    expect(required.totalCount).toBe(1);
    await get(`/api/sre/postmortems/${ids.open}`);
    await get(`/api/sre/postmortems/${ids.open}/history`);

    expect(JSON.stringify(bodies)).not.toMatch(/fraud/i);
  });

  it('shows them all to a user who can see the entities', async () => {
    const list = await request(server).get('/api/sre/postmortems');
    expect(list.body.totalCount).toBe(4);
    const affected = await request(server).get(
      `/api/sre/postmortems/${ids.affected}`,
    );
    expect(affected.status).toBe(200);
    expect(affected.body.entityRefs).toEqual([CHECKOUT, FRAUD]);
    expect(
      (await request(server).get('/api/sre/action-items')).body.totalCount,
    ).toBe(4);
    expect(
      (await request(server).get('/api/sre/postmortems/required')).body
        .totalCount,
    ).toBe(4);
  });
});

describe('postmortems API: audit', () => {
  it('emits an auditor event for every write, failures included', async () => {
    const event = { success: jest.fn(), fail: jest.fn() };
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => event),
    });
    const server = await startBackend(ownersMayEdit, { auditor });
    const asPriya = mockCredentials.user.header(PRIYA);
    const lastEvent = () => auditor.createEvent.mock.calls.at(-1)?.[0];

    const created = await create(server, quick());
    expect(created.status).toBe(201);
    expect(lastEvent()).toMatchObject({
      eventId: 'postmortem-create',
      severityLevel: 'medium',
      request: expect.objectContaining({ method: 'POST' }),
    });
    expect(event.success).toHaveBeenLastCalledWith({
      meta: {
        postmortemId: created.body.id,
        version: 1,
        changedFields: expect.arrayContaining(['title', 'entityRefs']),
      },
    });

    const failures: Array<[request.Test, number, string, string]> = [
      [
        create(server, quick({ title: '' })),
        400,
        'postmortem-create',
        'InputError',
      ],
      [
        edit(server, created.body.id, {
          ...quick({ title: 'Not mine' }),
          version: 1,
        }),
        403,
        'postmortem-update',
        'NotAllowedError',
      ],
      [
        request(server)
          .put('/api/sre/postmortems/no-such-id')
          .set('Authorization', asPriya)
          .send({ ...quick(), version: 1 }),
        404,
        'postmortem-update',
        'NotFoundError',
      ],
      [
        edit(server, created.body.id, { ...quick(), version: 7 }, asPriya),
        409,
        'postmortem-update',
        'ConflictError',
      ],
    ];
    for (const [pending, status, eventId, errorName] of failures) {
      const res = await pending;
      expect(res.status).toBe(status);
      expect(lastEvent()?.eventId).toBe(eventId);
      expect(event.fail).toHaveBeenLastCalledWith({
        error: expect.objectContaining({ name: errorName }),
      });
    }
    expect(
      auditor.createEvent.mock.calls.slice(-3).map(c => c[0].meta),
    ).toEqual([
      { postmortemId: created.body.id },
      { postmortemId: 'no-such-id' },
      { postmortemId: created.body.id },
    ]);

    const updated = await edit(
      server,
      created.body.id,
      { ...quick({ title: 'Edited by an owner' }), version: 1 },
      asPriya,
    );
    expect(updated.status).toBe(200);
    expect(event.success).toHaveBeenLastCalledWith({
      meta: { version: 2, changedFields: expect.arrayContaining(['title']) },
    });
    expect(auditor.createEvent).toHaveBeenCalledTimes(6);
    expect(event.success).toHaveBeenCalledTimes(2);
    expect(event.fail).toHaveBeenCalledTimes(4);
  });
});
