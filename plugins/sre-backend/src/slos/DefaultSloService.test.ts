import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { catalogHidingEntities } from '../postmortems/__testUtils__/catalogHidingEntities';
import { DefaultSloService } from './DefaultSloService';
import { SliStore } from './store/SliStore';
import { SloStatusStore } from './status/SloStatusStore';
import { TtlCache } from './TtlCache';
import { builtinSloEntity } from '../__testUtils__/sloEntity';
import { SreDatabase } from '../database/SreDatabase';

const REF = 'slo:default/checkout-availability';
const STATUS = { sloRef: REF, service: 'component:default/checkout-api' };

describe('SloService.getStatus', () => {
  function setup() {
    const getEntitiesByRefs = jest.fn(
      async (
        { entityRefs }: { entityRefs: string[] },
        { credentials }: { credentials: any },
      ) => ({
        items: entityRefs.map(() =>
          credentials.principal.userEntityRef === 'user:default/alice'
            ? { apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'x' } }
            : undefined,
        ),
      }),
    );
    const getStatus = jest.fn(async () => STATUS as SloStatus);
    const service = DefaultSloService.create({
      catalog: { getEntitiesByRefs } as unknown as CatalogService,
      auth: mockServices.auth(),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      sliStore: { refusedPushes: async () => new Map() } as unknown as SliStore,
      statusStore: { getStatus } as unknown as SloStatusStore,
    });
    return { service, getEntitiesByRefs, getStatus };
  }

  it('answers 404 to a user who cannot see the SLO, also right after one who can', async () => {
    const { service, getEntitiesByRefs, getStatus } = setup();
    const alice = mockCredentials.user('user:default/alice');
    const bob = mockCredentials.user('user:default/bob');
    await expect(
      service.getStatus(REF, { credentials: alice }),
    ).resolves.toEqual(STATUS);
    await expect(service.getStatus(REF, { credentials: bob })).rejects.toThrow(
      NotFoundError,
    );
    await expect(service.getStatus(REF, { credentials: bob })).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      service.getStatus(REF, { credentials: alice }),
    ).resolves.toEqual(STATUS);
    // Each caller's visibility is asked once within the cache time; the status once.
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(2);
    expect(getStatus).toHaveBeenCalledTimes(1);
  });
});

describe('SloService.list by owner', () => {
  it("lists a team's SLOs: those it owns and those of the services it supports as SREs", async () => {
    const listRefs = jest.fn(async () => ({ sloRefs: [], serviceRefs: [] }));
    const list = jest.fn(async () => ({ items: [], totalCount: 0 }));
    const getTeamSupport = jest.fn(async () => ({
      supports: [{ entityRef: 'component:default/fraud-api' }],
    }));
    const service = DefaultSloService.create({
      catalog: {
        getEntitiesByRefs: async () => ({ items: [] }),
      } as unknown as CatalogService,
      auth: mockServices.auth(),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      sliStore: { refusedPushes: async () => new Map() } as unknown as SliStore,
      statusStore: { listRefs, list } as unknown as SloStatusStore,
      ownership: { getTeamSupport } as any,
    });
    const credentials = mockCredentials.user();
    await service.list(
      {
        ownerRef: 'group:default/fraud-team',
        orderBy: 'budget',
        limit: 10,
        offset: 0,
      },
      { credentials },
    );
    expect(getTeamSupport).toHaveBeenCalledWith(
      { kind: 'group', namespace: 'default', name: 'fraud-team' },
      { credentials },
    );
    expect(listRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        scope: {
          ownerRefs: ['group:default/fraud-team'],
          serviceRefs: ['component:default/fraud-api'],
        },
      }),
    );
  });
});

describe('TtlCache', () => {
  it('reuses values for their time, shares concurrent loads and forgets failures', async () => {
    let now = 0;
    const cache = new TtlCache<number>(1000, 10, () => now);
    const load = jest.fn(async () => 7);
    expect(
      await Promise.all([cache.get('a', load), cache.get('a', load)]),
    ).toEqual([7, 7]);
    expect(load).toHaveBeenCalledTimes(1);
    now = 999;
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(1);
    now = 1000;
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(2);

    const failing = jest.fn(async () => {
      throw new Error('down');
    });
    await expect(cache.get('b', failing)).rejects.toThrow('down');
    await expect(cache.get('b', failing)).rejects.toThrow('down');
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('stays within its size', async () => {
    const cache = new TtlCache<number>(1000, 4, () => 0);
    for (let i = 0; i < 20; i++) await cache.get(String(i), async () => i);
    expect((cache as any).values.size).toBeLessThanOrEqual(4);
  });
});

describe('SloService pushes and catalog credentials', () => {
  const databases = createTestDatabases();
  /** An external token restricted to sre.slo.events.create: no catalog access. */
  const CI = 'external:ci';
  const OTTO = 'user:default/otto';
  const SECRET = 'slo:default/checkout-secret';

  const slo = (name: string) =>
    builtinSloEntity(name, 'checkout-api', { uid: name });

  async function setup(
    result:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) {
    const knex = await databases.init('SQLITE_3');
    const { catalog, byRefsCalls } = catalogHidingEntities(
      [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout-api', namespace: 'default' },
          spec: { type: 'service', owner: 'checkout-team' },
        },
        slo('checkout-availability'),
        slo('checkout-secret'),
      ],
      { [OTTO]: [SECRET] },
      // What Backstage answers when the plugin forwards the restricted token.
      { refused: [CI] },
    );
    const decidedFor: BackstageCredentials[] = [];
    const permissions: PermissionsService = {
      authorize: async () => {
        throw new Error('pushes ask authorizeConditional');
      },
      authorizeConditional: async (requests, { credentials }) => {
        decidedFor.push(credentials);
        return requests.map(() => ({ result }));
      },
    };
    const service = DefaultSloService.create({
      catalog,
      auth: mockServices.auth({ pluginId: 'sre' }),
      permissions,
      sliStore: (
        await SreDatabase.create({ database: mockServices.database({ knex }) })
      ).sliStore(),
      statusStore: {} as SloStatusStore,
    });
    return { service, byRefsCalls, decidedFor };
  }

  const minute = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  const buckets = [
    { start: new Date(minute).toISOString(), good: 9, total: 10 },
  ];

  it("accepts a push from a token restricted to SRE permissions: the catalog is asked with the plugin's own credentials, the policy with the caller's", async () => {
    const { service, byRefsCalls, decidedFor } = await setup();
    const ci = mockCredentials.service(CI, {
      permissionNames: ['sre.slo.events.create'],
    });
    await expect(
      service.pushEvents(
        { sloRef: 'slo:default/checkout-availability', body: { buckets } },
        { credentials: ci },
      ),
    ).resolves.toEqual({ accepted: 1 });
    await expect(
      service.pushEventsBatch(
        { slos: [{ slo: 'checkout-secret', buckets }] },
        { credentials: ci },
      ),
    ).resolves.toEqual({ accepted: 1, slos: 1 });
    expect(new Set(byRefsCalls.map(c => c.principal))).toEqual(
      new Set(['plugin:sre']),
    );
    expect(decidedFor).toEqual([ci, ci]);
  });

  it('refuses a caller the policy denies before asking the catalog anything for it', async () => {
    const { service, byRefsCalls, decidedFor } = await setup(
      AuthorizeResult.DENY,
    );
    const ci = mockCredentials.service(CI);
    await expect(
      service.pushEvents(
        { sloRef: SECRET, body: { buckets } },
        { credentials: ci },
      ),
    ).rejects.toThrow('needs the sre.slo.events.create permission');
    await expect(
      service.pushEventsBatch(
        { slos: [{ slo: 'checkout-secret', buckets }] },
        { credentials: ci },
      ),
    ).rejects.toThrow('slos[0]: pushing SLI events');
    // SLO definitions are read as the plugin, whoever pushes; nothing as the caller.
    expect(byRefsCalls.filter(c => c.principal !== 'plugin:sre')).toEqual([]);
    expect(decidedFor).toEqual([ci, ci]);
  });

  it("asks about a user with the user's own credentials", async () => {
    const { service, byRefsCalls } = await setup();
    const otto = mockCredentials.user(OTTO);
    await expect(
      service.pushEvents(
        { sloRef: SECRET, body: { buckets } },
        { credentials: otto },
      ),
    ).rejects.toThrow(NotFoundError);
    expect(byRefsCalls).toContainEqual({
      principal: OTTO,
      entityRefs: [SECRET],
    });
  });
});
