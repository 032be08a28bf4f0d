import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { SloService } from './SloService';
import { SliStore } from './SliStore';
import { SloStatusStore } from './SloStatusStore';
import { TtlCache } from './TtlCache';

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
    const service = new SloService({
      catalog: { getEntitiesByRefs } as unknown as CatalogService,
      auth: mockServices.auth(),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      sliStore: {} as SliStore,
      statusStore: { getStatus } as unknown as SloStatusStore,
    });
    return { service, getEntitiesByRefs, getStatus };
  }

  it('answers 404 to a user who cannot see the SLO, also right after one who can', async () => {
    const { service, getEntitiesByRefs, getStatus } = setup();
    const alice = mockCredentials.user('user:default/alice');
    const bob = mockCredentials.user('user:default/bob');
    await expect(service.getStatus(REF, alice)).resolves.toEqual(STATUS);
    await expect(service.getStatus(REF, bob)).rejects.toThrow(NotFoundError);
    await expect(service.getStatus(REF, bob)).rejects.toThrow(NotFoundError);
    await expect(service.getStatus(REF, alice)).resolves.toEqual(STATUS);
    // Each caller's visibility is asked once within the cache time; the status once.
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(2);
    expect(getStatus).toHaveBeenCalledTimes(1);
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
