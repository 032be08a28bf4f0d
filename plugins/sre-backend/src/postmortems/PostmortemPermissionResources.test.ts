import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { srePlugin } from '../plugin';
import { PostmortemPermissionResources } from './PostmortemPermissionResources';
import { postmortemConditions } from './postmortemPermissionRules';
import { applyPostmortemConditions } from './__testUtils__/applyPostmortemConditions';

const OWNED = 'component:default/owned-by-team-a';
const OTHER = 'component:default/owned-by-team-b';
const SECRET = 'component:default/secret-of-team-b';
const TEAM_A = 'group:default/team-a';

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

const entities = [
  component('owned-by-team-a', 'team-a', {
    'sre-catalog.io/engagement': 'embedded',
    'sre-catalog.io/embedded-sres': 'user:default/sam',
  }),
  component('owned-by-team-b', 'team-b'),
  component('secret-of-team-b', 'team-b', {
    'sre-catalog.io/visibility': 'restricted',
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'sam', namespace: 'default' },
    spec: {},
  },
];

describe('postmortem permission resources for entity refs', () => {
  it('answers a conditional create decision about the entity of a page through the plugin registry', async () => {
    const { server } = await startTestBackend({
      features: [
        srePlugin,
        catalogServiceMock.factory({ entities }),
        // No background evaluation.
        mockServices.scheduler.mock().factory,
      ],
    });
    const owner = postmortemConditions.isAffectedEntityOwner({
      claims: [TEAM_A],
    });
    // What the permission backend asks when usePermission({ permission:
    // sre.postmortem.create, resourceRef }) meets a conditional decision.
    const results = async (
      resourceRef: string,
      conditions: PermissionCriteria<unknown> = owner,
    ) => {
      const res = await applyPostmortemConditions(
        server,
        resourceRef,
        conditions,
      );
      expect(res.status).toBe(200);
      return res.body.items.map((i: { result: string }) => i.result);
    };

    expect(await results(OWNED)).toEqual(['ALLOW']);
    expect(await results(OTHER)).toEqual(['DENY']);
    // Not in the catalog: nothing to write about.
    expect(await results('component:default/gone')).toEqual(['DENY']);
    // A stored postmortem id that does not exist is still looked up as one.
    expect(await results('3f1d9c8e-1111-4222-8333-444455556666')).toEqual([
      'DENY',
    ]);
    expect(
      await results(
        OWNED,
        postmortemConditions.isAffectedEntitySre({
          claims: ['user:default/sam'],
        }),
      ),
    ).toEqual(['ALLOW']);
    expect(
      await results(
        SECRET,
        postmortemConditions.isRestrictedEntityOwner({ claims: [TEAM_A] }),
      ),
    ).toEqual(['DENY']);
    expect(
      await results(
        OWNED,
        postmortemConditions.hasStatus({ statuses: ['draft'] }),
      ),
    ).toEqual(['ALLOW']);
  });

  it('loads drafts in one catalog batch, with the plugin’s own credentials, and keeps the order of ids', async () => {
    const catalog = catalogServiceMock({ entities });
    const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const getMany = jest.fn(async (ids: string[]) =>
      ids.map(id => (id === 'pm-1' ? ({ id } as any) : undefined)),
    );
    const resources = PostmortemPermissionResources.create({
      store: { getMany },
      catalog,
      auth: mockServices.auth({ pluginId: 'sre' }),
      ownership: {
        getOwnership: async () => ({ embeddedSres: [] } as any),
        getCoverage: jest.fn(),
        getTeamSupport: jest.fn(),
      },
      now: () => new Date('2026-11-20T12:00:00Z'),
    });
    const loaded = await resources.getMany([
      OTHER,
      'pm-1',
      'Component:default/Owned-By-Team-A',
      'pm-2',
      SECRET,
    ]);
    expect(loaded.map(r => r?.id)).toEqual([
      OTHER,
      'pm-1',
      OWNED,
      undefined,
      SECRET,
    ]);
    expect(loaded[2]).toMatchObject({
      status: 'draft',
      entityRefs: [OWNED],
      ownerRefs: [TEAM_A],
      restrictedEntity: false,
    });
    expect(loaded[4]).toMatchObject({
      restrictedEntity: true,
      restrictedEntities: [
        { entityRef: SECRET, ownerRefs: ['group:default/team-b'] },
      ],
    });
    expect(getMany).toHaveBeenCalledWith(['pm-1', 'pm-2']);
    expect(byRefs).toHaveBeenCalledTimes(1);
    expect(byRefs.mock.calls[0][1]).toEqual({
      credentials: mockCredentials.service('plugin:sre'),
    });
  });
});
