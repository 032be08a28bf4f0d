import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CreatePostmortemRequest } from '@sre-catalog/backstage-plugin-sre-common';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabasePostmortemStore } from './DatabasePostmortemStore';
import { DefaultPostmortemService } from './DefaultPostmortemService';

const entity = (kind: string, name: string, owner?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', uid: `${kind}-${name}` },
  spec: owner ? { owner } : {},
});

const NOW = new Date('2026-11-20T12:00:00Z');

const request = (
  overrides: Partial<CreatePostmortemRequest> = {},
): CreatePostmortemRequest => ({
  template: 'quick',
  title: 'Legacy invoicing down',
  severity: 'SEV3',
  startedAt: '2026-11-10T08:00:00Z',
  summary: 'Invoices were not sent for an hour.',
  entityRefs: ['component:default/checkout-api', 'component:default/legacy'],
  impactedSlos: [
    { sloRef: 'slo:default/invoicing', budgetConsumed: 0.1, computed: false },
  ],
  actionItems: [
    { title: 'Retire legacy', owner: 'user:default/leaver', priority: 'P2' },
  ],
  ...overrides,
});

const databases = createTestDatabases();

describe('DefaultPostmortemService', () => {
  async function setUp() {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabasePostmortemStore.create({
      database: mockServices.database({ knex }),
    });
    const catalog = catalogServiceMock({
      entities: [
        entity('Component', 'checkout-api', 'checkout-team'),
        entity('Component', 'legacy', 'billing-team'),
        entity('SLO', 'invoicing'),
        entity('User', 'leaver'),
        entity('User', 'mock'),
      ],
    });
    const service = DefaultPostmortemService.create({
      catalog,
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      permissionsRegistry: mockServices.permissionsRegistry.mock(),
      store,
      now: () => NOW,
    });
    return { catalog, service, credentials: mockCredentials.user() };
  }

  it('looks up every referenced entity in one catalog batch with the caller credentials', async () => {
    const { catalog, service, credentials } = await setUp();
    const lookUp = jest.spyOn(catalog, 'getEntitiesByRefs');
    const created = await service.create(request(), { credentials });
    expect(lookUp).toHaveBeenCalledTimes(1);
    expect(lookUp.mock.calls[0][0].entityRefs).toEqual([
      'component:default/checkout-api',
      'component:default/legacy',
      'slo:default/invoicing',
      'user:default/leaver',
    ]);
    expect(lookUp.mock.calls[0][1]).toEqual({ credentials });
    expect(created.ownerRefs).toEqual([
      'group:default/billing-team',
      'group:default/checkout-team',
    ]);
  });

  it('keeps refs and owners of entities that left the catalog since an earlier version', async () => {
    const { catalog, service, credentials } = await setUp();
    const created = await service.create(request(), { credentials });
    await catalog.removeEntityByUid('Component-legacy');
    await catalog.removeEntityByUid('User-leaver');
    await catalog.removeEntityByUid('SLO-invoicing');

    const updated = await service.update(
      created.id,
      { ...request({ title: 'Legacy invoicing outage' }), version: 1 },
      { credentials },
    );
    expect(updated).toMatchObject({
      version: 2,
      title: 'Legacy invoicing outage',
      entityRefs: [
        'component:default/checkout-api',
        'component:default/legacy',
      ],
      ownerRefs: ['group:default/billing-team', 'group:default/checkout-team'],
    });

    await expect(
      service.update(
        created.id,
        {
          ...request({
            actionItems: [
              { title: 'x', owner: 'user:default/mock', priority: 'P2' },
              { title: 'y', owner: 'user:default/other', priority: 'P2' },
            ],
          }),
          version: 2,
        },
        { credentials },
      ),
    ).rejects.toThrow(
      'Invalid actionItems[1].owner: user:default/other is not in the catalog',
    );
  });

  it('records no new version when nothing changed', async () => {
    const { service, credentials } = await setUp();
    const created = await service.create(request(), { credentials });
    const same = await service.update(
      created.id,
      { ...request(), actionItems: created.actionItems, version: 1 },
      { credentials },
    );
    expect(same).toEqual(created);
    expect(
      (await service.getHistory(created.id, { credentials })).revisions,
    ).toHaveLength(1);
  });
});
