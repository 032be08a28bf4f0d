import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_RESPONSIBILITY_BASELINE } from '@sre-catalog/backstage-plugin-sre-common';
import { catalogHidingEntities } from '../postmortems/__testUtils__/catalogHidingEntities';
import { DefaultOwnershipService } from './DefaultOwnershipService';
import {
  serviceEntity,
  systemEntity,
} from './__testUtils__/organisationEntities';
import { sreUsers } from './__testUtils__/sreUsers';

/** An organisation of `n` services in `n / 10` Systems, each with an embedded SRE. */
function organisation(n: number): Entity[] {
  const entities: Entity[] = [];
  for (let i = 0; i < n; i++) {
    entities.push(
      serviceEntity(
        i,
        { owner: `team-${i % 20}`, system: `system-${i % (n / 10)}` },
        {
          annotations: {
            'sre-catalog.io/embedded-sres': `user:default/sre-${i % 50}`,
          },
        },
      ),
    );
  }
  for (let s = 0; s < n / 10; s++) {
    entities.push(systemEntity(s, `team-${s % 20}`, 'embedded'));
  }
  entities.push(...sreUsers(50));
  return entities;
}

describe('DefaultOwnershipService coverage', () => {
  it.each([100, 3000])(
    'reads the catalog in a constant number of batch calls for %i services',
    async n => {
      const catalog = catalogServiceMock({ entities: organisation(n) });
      const stream = jest.spyOn(catalog, 'streamEntities');
      const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
      const byRef = jest.spyOn(catalog, 'getEntityByRef');
      const service = DefaultOwnershipService.create({
        catalog,
        config: { baseline: DEFAULT_RESPONSIBILITY_BASELINE },
      });

      const coverage = await service.getCoverage(
        {},
        { credentials: mockCredentials.user() },
      );

      expect(coverage.totals.services).toBe(n);
      expect(coverage.totals.byEngagement.embedded).toBe(n);
      expect(coverage.totals.bySupport.supported).toBe(n);
      expect(stream).toHaveBeenCalledTimes(1);
      expect(byRefs).toHaveBeenCalledTimes(1);
      expect(byRef).not.toHaveBeenCalled();
    },
  );
});

describe('DefaultOwnershipService coverage of time-boxed engagements', () => {
  it("carries each service's end date and whether it has expired or ends soon", async () => {
    const boxed = (i: number, until: string) =>
      serviceEntity(
        i,
        { owner: 'team-0', system: 'system-0' },
        {
          annotations: {
            'sre-catalog.io/engagement': 'central',
            'sre-catalog.io/engagement-until': until,
            'sre-catalog.io/engagement-then': 'platform',
          },
        },
      );
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const catalog = catalogServiceMock({
      entities: [
        boxed(1, day(-3)),
        boxed(2, day(5)),
        boxed(3, day(60)),
        serviceEntity(4, { owner: 'team-0', system: 'system-0' }),
        systemEntity(0, 'team-0', 'embedded'),
      ],
    });
    const service = DefaultOwnershipService.create({
      catalog,
      config: { baseline: DEFAULT_RESPONSIBILITY_BASELINE },
    });
    const { services } = await service.getCoverage(
      {},
      { credentials: mockCredentials.user() },
    );
    const byRef = Object.fromEntries(services.map(s => [s.entityRef, s]));
    expect(byRef['component:default/service-1']).toMatchObject({
      engagementUntil: day(-3),
      engagementExpiry: 'expired',
    });
    expect(byRef['component:default/service-2'].engagementExpiry).toBe(
      'expiring',
    );
    expect(byRef['component:default/service-3'].engagementExpiry).toBe(
      'active',
    );
    expect(byRef['component:default/service-4']).not.toHaveProperty(
      'engagementUntil',
    );
  });
});

describe('DefaultOwnershipService credentials', () => {
  it("asks the catalog with the caller's own credentials, so that a token that may not read the catalog reads nothing", async () => {
    const { catalog } = catalogHidingEntities(
      organisation(10),
      {},
      // As Backstage refuses a token whose access restrictions leave out the catalog.
      { refused: ['external:ci'] },
    );
    const service = DefaultOwnershipService.create({
      catalog,
      config: { baseline: DEFAULT_RESPONSIBILITY_BASELINE },
    });
    const credentials = mockCredentials.service('external:ci', {
      permissionNames: ['sre.slo.events.create'],
    });
    await expect(service.getCoverage({}, { credentials })).rejects.toThrow(
      "Access to target plugin 'catalog' is not included",
    );
    const ref = { kind: 'Component', namespace: 'default', name: 'service-1' };
    await expect(service.getOwnership(ref, { credentials })).rejects.toThrow(
      "Access to target plugin 'catalog' is not included",
    );
    expect(
      (
        await service.getOwnership(ref, {
          credentials: mockCredentials.service('plugin:search'),
        })
      ).embeddedSres,
    ).toEqual(['user:default/sre-1']);
  });
});
