import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity, RELATION_HAS_MEMBER } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_RESPONSIBILITY_BASELINE } from '@sre-catalog/backstage-plugin-sre-common';
import { catalogHidingEntities } from '../postmortems/__testUtils__/catalogHidingEntities';
import { DefaultOwnershipService } from './DefaultOwnershipService';
import {
  serviceEntity,
  systemEntity,
} from './__testUtils__/organisationEntities';
import { sreUsers } from './__testUtils__/sreUsers';

const config = {
  baseline: DEFAULT_RESPONSIBILITY_BASELINE,
  centralSreTeam: 'group:default/reliability',
};

/**
 * Services in Systems, two teams, one central SRE team and embedded SREs; the
 * team `team-a` has `sre-0` as a member.
 */
function organisation(services = 12): Entity[] {
  const entities: Entity[] = [];
  for (let i = 0; i < services; i++) {
    entities.push(
      serviceEntity(
        i,
        { owner: i % 2 ? 'team-b' : 'team-a', system: `system-${i % 3}` },
        {
          uid: `uid-service-${i}`,
          annotations:
            i % 3 === 0
              ? { 'sre-catalog.io/embedded-sres': `user:default/sre-${i % 2}` }
              : {},
        },
      ),
    );
  }
  for (let s = 0; s < 3; s++) {
    entities.push(
      systemEntity(s, 'team-a', ['embedded', 'central', 'hybrid'][s]),
    );
  }
  for (const name of ['team-a', 'team-b', 'reliability']) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
      spec: { type: 'team', children: [] },
      relations:
        name === 'team-a'
          ? [{ type: RELATION_HAS_MEMBER, targetRef: 'user:default/sre-0' }]
          : [],
    });
  }
  entities.push(...sreUsers(2));
  return entities;
}

const refOf = (e: Entity) =>
  `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`;

/** What a caller who cannot see `hidden` gets, computed without any cache. */
async function uncachedFor(entities: Entity[], hidden: string[]) {
  const visible = entities.filter(e => !hidden.includes(refOf(e)));
  const service = DefaultOwnershipService.create({
    catalog: catalogServiceMock({ entities: visible }),
    config,
  });
  const options = { credentials: mockCredentials.user() };
  return {
    coverage: await service.getCoverage({}, options),
    teamA: await service.getTeamSupport(
      { kind: 'group', namespace: 'default', name: 'team-a' },
      options,
    ),
  };
}

describe('DefaultOwnershipService roll-up cache', () => {
  let now = 1_000_000;
  const clock = () => now;
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');
  const teamA = { kind: 'group', namespace: 'default', name: 'team-a' };
  /** Lets background reloads (a few catalog calls each) finish. */
  const settled = async () => {
    for (let i = 0; i < 10; i++) await new Promise(r => setImmediate(r));
  };

  beforeEach(() => {
    now = 1_000_000;
  });

  function cachedService(
    entities: Entity[],
    hidden: Record<string, string[]> = {},
    settings: { refused?: string[] } = {},
  ) {
    const fake = catalogHidingEntities(entities, hidden, settings);
    const service = DefaultOwnershipService.create({
      catalog: fake.catalog,
      auth: mockServices.auth(),
      config,
      cache: { clock },
    });
    // Each catalog-wide read ends with one existence check as the plugin.
    const catalogWideReads = () =>
      fake.byRefsCalls.filter(c => c.principal === 'plugin:test').length;
    return { ...fake, service, catalogWideReads };
  }

  it('reads the catalog once for repeated coverage and team calls of several callers', async () => {
    const { service, catalogWideReads, byRefsCalls } = cachedService(
      organisation(),
    );

    const first = await service.getCoverage({}, { credentials: alice });
    const callsAfterFirst = byRefsCalls.length;
    await service.getCoverage({}, { credentials: alice });
    await service.getTeamSupport(teamA, { credentials: alice });
    await service.getCoverage({}, { credentials: bob });

    expect(first.totals.services).toBe(12);
    expect(catalogWideReads()).toBe(1);
    // The plugin's existence check, then one visibility check per caller.
    expect(byRefsCalls.map(c => c.principal)).toEqual([
      'plugin:test',
      'user:default/alice',
      'user:default/bob',
    ]);
    expect(callsAfterFirst).toBe(2);
  });

  it('gives each caller what a read with its own credentials would give', async () => {
    const entities = organisation();
    // Alice cannot see a service, a System (its services lose their engagement),
    // an embedded SRE (it holds nothing for her) nor the central SRE team.
    const hiddenFromAlice = [
      'component:default/service-4',
      'system:default/system-1',
      'user:default/sre-0',
      'group:default/reliability',
    ];
    const { service } = cachedService(entities, {
      'user:default/alice': hiddenFromAlice,
    });

    const asAlice = {
      coverage: await service.getCoverage({}, { credentials: alice }),
      teamA: await service.getTeamSupport(teamA, { credentials: alice }),
    };
    const asBob = {
      coverage: await service.getCoverage({}, { credentials: bob }),
      teamA: await service.getTeamSupport(teamA, { credentials: bob }),
    };

    expect(asAlice).toEqual(await uncachedFor(entities, hiddenFromAlice));
    expect(asBob).toEqual(await uncachedFor(entities, []));
    expect(asAlice.coverage.services.map(s => s.entityRef)).not.toContain(
      'component:default/service-4',
    );
    expect(asBob.coverage.services.map(s => s.entityRef)).toContain(
      'component:default/service-4',
    );
    // Filters apply to the caller's view.
    expect(
      (
        await service.getCoverage(
          { owner: 'group:default/team-a' },
          { credentials: alice },
        )
      ).services.map(s => s.entityRef),
    ).toEqual(
      (await uncachedFor(entities, hiddenFromAlice)).coverage.services
        .filter(s => s.owner === 'group:default/team-a')
        .map(s => s.entityRef),
    );
  });

  it('answers a team roll-up from the cached Groups, as the caller sees them, and asks the catalog only about a Group newer than the data', async () => {
    const entities = organisation();
    const { catalog } = cachedService(entities, {
      'user:default/alice': ['group:default/team-b'],
    });
    const byRef = jest.fn(catalog.getEntityByRef);
    const spied = new Proxy(catalog, {
      get: (target, prop, receiver) =>
        prop === 'getEntityByRef' ? byRef : Reflect.get(target, prop, receiver),
    });
    const teams = DefaultOwnershipService.create({
      catalog: spied,
      auth: mockServices.auth(),
      config,
      cache: { clock },
    });
    const teamB = { kind: 'group', namespace: 'default', name: 'team-b' };

    expect(
      (await teams.getTeamSupport(teamA, { credentials: alice })).owned
        .services,
    ).toBe(9); // 6 services and 3 Systems
    expect(
      (await teams.getTeamSupport(teamB, { credentials: bob })).owned.services,
    ).toBe(6);
    await expect(
      teams.getTeamSupport(teamB, { credentials: alice }),
    ).rejects.toThrow('No group group:default/team-b in the catalog');
    expect(byRef).not.toHaveBeenCalled();

    await expect(
      teams.getTeamSupport(
        { kind: 'group', namespace: 'default', name: 'team-new' },
        { credentials: alice },
      ),
    ).rejects.toThrow('No group group:default/team-new in the catalog');
    expect(byRef).toHaveBeenCalledTimes(1);
  });

  it('hands out one frozen coverage report per view and filter, shared by callers who see the same', async () => {
    const { service } = cachedService(organisation(), {
      'user:default/carol': ['component:default/service-4'],
    });
    const carol = mockCredentials.user('user:default/carol');
    const coverage = (credentials = alice, owner?: string) =>
      service.getCoverage({ owner }, { credentials });

    const first = await coverage();
    expect(await coverage()).toBe(first);
    expect(await coverage(bob)).toBe(first);
    expect(Object.isFrozen(first.services[0])).toBe(true);
    expect(await coverage(alice, 'group:default/team-a')).not.toBe(first);
    const carols = await coverage(carol);
    expect(carols).not.toBe(first);
    expect(carols.totals.services).toBe(11);
    // Who sees everything shares the catalog-wide list, until that is reloaded.
    now += 10_000;
    expect(await coverage()).toBe(first);
    now += 120_000;
    expect(await coverage()).not.toBe(first);
  });

  it('refreshes the catalog-wide data in the background once it is 30 s old, and never serves it older than 2 minutes', async () => {
    const entities = organisation();
    const { service, catalogWideReads } = cachedService(entities);
    const engagementOf = async () =>
      (await service.getCoverage({}, { credentials: alice })).services.find(
        s => s.entityRef === 'component:default/service-1',
      )?.engagement;

    expect(await engagementOf()).toBe('central');
    entities[1].metadata.annotations = { 'sre-catalog.io/engagement': 'none' };
    now += 29_000;
    expect(await engagementOf()).toBe('central');
    expect(catalogWideReads()).toBe(1);

    now += 1_000;
    // Served from the old data while the reloads run (the catalog-wide one, then
    // the caller's view of it): a busy caller never waits for them.
    expect(await engagementOf()).toBe('central');
    await settled();
    expect(catalogWideReads()).toBe(2);
    await engagementOf();
    await settled();
    expect(await engagementOf()).toBe('none');
    expect(catalogWideReads()).toBe(2);

    entities[1].metadata.annotations = {};
    now += 120_000;
    expect(await engagementOf()).toBe('central');
  });

  it("applies a change of the caller's catalog permissions within 10 s, also while the data stays cached", async () => {
    const entities = organisation();
    const hidden: Record<string, string[]> = { 'user:default/alice': [] };
    const { service, catalogWideReads } = cachedService(entities, hidden);
    const seesService3 = async () =>
      (await service.getCoverage({}, { credentials: alice })).services.some(
        s => s.entityRef === 'component:default/service-3',
      );

    expect(await seesService3()).toBe(true);
    hidden['user:default/alice'].push('component:default/service-3');
    now += 9_999;
    expect(await seesService3()).toBe(true);
    now += 1;
    expect(await seesService3()).toBe(false);
    expect(catalogWideReads()).toBe(1);
  });

  it('leaves out a service removed from the catalog before the catalog-wide data is reloaded', async () => {
    const { service, remove } = cachedService(organisation());
    const refs = async () =>
      (await service.getCoverage({}, { credentials: alice })).services.map(
        s => s.entityRef,
      );
    expect(await refs()).toContain('component:default/service-2');

    await remove('uid-service-2');
    now += 10_000;
    expect(await refs()).not.toContain('component:default/service-2');
  });

  it('refuses a token that may not read the catalog, though the catalog-wide data is cached', async () => {
    const { service } = cachedService(
      organisation(),
      {},
      { refused: ['external:ci'] },
    );
    await service.getCoverage({}, { credentials: alice });
    const credentials = mockCredentials.service('external:ci', {
      permissionNames: ['sre.slo.events.create'],
    });

    await expect(service.getCoverage({}, { credentials })).rejects.toThrow(
      "Access to target plugin 'catalog' is not included",
    );
    await expect(
      service.getTeamSupport(teamA, { credentials }),
    ).rejects.toThrow("Access to target plugin 'catalog' is not included");
  });

  it('asks the catalog about 3,000 services in batches of at most 1,000 refs and never per entity', async () => {
    const catalog = catalogServiceMock({ entities: organisation(3000) });
    const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const byRef = jest.spyOn(catalog, 'getEntityByRef');
    const service = DefaultOwnershipService.create({
      catalog,
      auth: mockServices.auth(),
      config,
      cache: { clock },
    });

    const coverage = await service.getCoverage({}, { credentials: alice });

    expect(coverage.totals.services).toBe(3000);
    expect(byRef).not.toHaveBeenCalled();
    for (const [request] of byRefs.mock.calls) {
      expect(request.entityRefs.length).toBeLessThanOrEqual(1000);
    }
    // One existence check, then 3,000 services, 3 Systems and 5 Users and Groups.
    expect(byRefs).toHaveBeenCalledTimes(1 + 4);
  });
});
