import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { sloEventsCreatePermission } from '@sre-catalog/backstage-plugin-sre-common';
import { loadSloDefinitions } from './loadSloDefinitions';
import { SloPermissionResources } from './SloPermissionResources';
import {
  createSloConditionalDecision,
  sloConditions,
  sloPermissionResourceType,
  sloPermissionRules,
} from './sloPermissionRules';
import { builtinSloEntity } from '../__testUtils__/sloEntity';

const slo = (name: string, service: string) => builtinSloEntity(name, service);

const component = (
  name: string,
  annotations: Record<string, string>,
  extra: Partial<Entity> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'checkout-team', system: 'shop' },
  ...extra,
});

describe('SLO permission resources and isServiceOwnerOrSre', () => {
  const catalog = catalogServiceMock({
    entities: [
      // Engagement and embedded SREs from the System; an extra SRE by relation.
      component(
        'checkout-api',
        {},
        {
          relations: [
            { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
            { type: 'sreSupportedBy', targetRef: 'user:default/rel-sre' },
          ],
        },
      ),
      // The organisation's central SRE team only where the engagement uses one.
      component('ledger-api', { 'sre-catalog.io/engagement': 'central' }),
      component('legacy-api', { 'sre-catalog.io/engagement': 'none' }),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: {
          name: 'shop',
          namespace: 'default',
          annotations: {
            'sre-catalog.io/engagement': 'embedded',
            'sre-catalog.io/embedded-sres': 'user:default/sam',
          },
        },
        spec: { owner: 'checkout-team' },
      },
      slo('checkout-availability', 'checkout-api'),
      slo('ledger-availability', 'ledger-api'),
      slo('legacy-availability', 'legacy-api'),
    ],
  });
  const auth = mockServices.auth();
  const resources = new SloPermissionResources({
    catalog,
    auth,
    ownershipConfig: {
      baseline: {},
      centralSreTeam: 'group:default/central-sre',
    },
    definitionsOf: async refs =>
      loadSloDefinitions(catalog, refs, await auth.getOwnServiceCredentials()),
  });
  const resourceType = sloPermissionResourceType(resources);
  const authorize = createConditionAuthorizer(
    Object.values(sloPermissionRules),
  );
  const decisionFor = (claims: string[]) =>
    createSloConditionalDecision(
      sloEventsCreatePermission,
      sloConditions.isServiceOwnerOrSre({ claims }),
    );

  it('loads owners and SREs by SLO ref, for the permission backend too', async () => {
    const [checkout, missing] = await resourceType.getResources!([
      'slo:default/Checkout-Availability',
      'slo:default/nope',
    ]);
    expect(missing).toBeUndefined();
    expect(checkout).toEqual({
      sloRef: 'slo:default/checkout-availability',
      serviceRef: 'component:default/checkout-api',
      ownerRefs: ['group:default/checkout-team'],
      sreRefs: ['user:default/rel-sre', 'user:default/sam'],
    });
  });

  it('allows the claims of an owner or an SRE, and nobody else', async () => {
    const loaded = await resources.load([
      'slo:default/checkout-availability',
      'slo:default/ledger-availability',
      'slo:default/legacy-availability',
    ]);
    const allows = (claims: string[], ref: string) =>
      authorize(decisionFor(claims), loaded.get(`slo:default/${ref}`));
    expect(
      allows(['group:default/checkout-team'], 'checkout-availability'),
    ).toBe(true);
    expect(allows(['User:default/Sam'], 'checkout-availability')).toBe(true);
    expect(allows(['user:default/rel-sre'], 'checkout-availability')).toBe(
      true,
    );
    expect(allows(['group:default/other'], 'checkout-availability')).toBe(
      false,
    );
    expect(allows(['group:default/central-sre'], 'ledger-availability')).toBe(
      true,
    );
    expect(allows(['group:default/central-sre'], 'legacy-availability')).toBe(
      false,
    );
    // An SLO that cannot be loaded is never allowed by a condition.
    expect(
      authorize(decisionFor(['group:default/checkout-team']), undefined),
    ).toBe(false);
    expect(decisionFor([]).result).toBe(AuthorizeResult.CONDITIONAL);
  });
});
