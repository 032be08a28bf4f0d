import {
  catalogConditions,
  permissionRules,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  PolicyQueryUser,
  createConditionAuthorizer,
} from '@backstage/plugin-permission-node';
import { catalogEntityConditions } from '@sre-catalog/backstage-plugin-sre-backend';
import { sreDemoPermissionPolicy } from './sreDemoPermissionPolicy';

/** A catalog entity, as the catalog's rules take it. */
type Entity = Parameters<(typeof permissionRules)['isEntityOwner']['apply']>[0];

const catalogEntityRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

function user(ref: string, groups: string[]): PolicyQueryUser {
  return {
    credentials: {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: ref },
    },
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  };
}

// The demo's two sign-ins (app-config.yaml, app-config.restricted.yaml).
const guest = user('user:default/guest', [
  'group:default/guests',
  'group:default/checkout-team',
]);
const restrictedMember = user('user:default/noor.rahman', [
  'group:default/risk-engineering',
]);

const restricted = (annotations: Record<string, string> = {}) => ({
  'sre-catalog.io/visibility': 'restricted',
  ...annotations,
});

// As in examples/entities.yaml, examples/org.yaml and examples/slos/, with the
// relations the catalog gives them.
const entities: Record<string, Entity> = {
  'checkout-api': {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api' },
    spec: { owner: 'checkout-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/checkout-team' }],
  },
  'fraud-detection': {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'fraud-detection', annotations: restricted() },
    spec: { owner: 'risk-engineering' },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/risk-engineering' },
    ],
  },
  'fraud-detection-decisions': {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: 'fraud-detection-decisions',
      annotations: restricted({
        'sre-catalog.io/restricted-to': 'group:default/risk-engineering',
      }),
    },
    spec: { service: 'fraud-detection' },
    relations: [
      { type: 'sloOf', targetRef: 'component:default/fraud-detection' },
    ],
  },
  'risk-engineering': {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'risk-engineering',
      annotations: restricted({
        'sre-catalog.io/restricted-to': 'group:default/risk-engineering',
      }),
    },
    spec: { type: 'team', children: [] },
    relations: [
      { type: 'ownerOf', targetRef: 'component:default/fraud-detection' },
    ],
  },
  // Restricted, but nobody can read it: it has no owner and names no Group.
  'orphan-restricted': {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'orphan-restricted', annotations: restricted() },
    spec: {},
  },
};

const catalogAllows = createConditionAuthorizer<Entity>({
  getRuleByName(name) {
    const rule = Object.values(permissionRules).find(r => r.name === name);
    if (!rule) throw new Error(`The catalog has no rule ${name}`);
    return rule;
  },
});

async function readable(principal: PolicyQueryUser | undefined) {
  const decision = await sreDemoPermissionPolicy.handle(
    { permission: catalogEntityRead },
    principal,
  );
  return Object.keys(entities).filter(name =>
    catalogAllows(decision, entities[name]),
  );
}

describe('the demo permission policy on catalog entities', () => {
  it('builds exactly the conditions of the catalog rules it names', () => {
    expect(
      catalogEntityConditions.hasAnnotation({
        annotation: 'sre-catalog.io/visibility',
        value: 'restricted',
      }),
    ).toEqual(
      catalogConditions.hasAnnotation({
        annotation: 'sre-catalog.io/visibility',
        value: 'restricted',
      }),
    );
    expect(catalogEntityConditions.hasAnnotation({ annotation: 'a' })).toEqual(
      catalogConditions.hasAnnotation({ annotation: 'a' }),
    );
    expect(
      catalogEntityConditions.isEntityOwner({
        claims: ['group:default/risk-engineering'],
      }),
    ).toEqual(
      catalogConditions.isEntityOwner({
        claims: ['group:default/risk-engineering'],
      }),
    );
  });

  it('hides the restricted service, its SLO and its team from the guest', async () => {
    await expect(readable(guest)).resolves.toEqual(['checkout-api']);
  });

  it("shows them to a member of the service's owner Group", async () => {
    await expect(readable(restrictedMember)).resolves.toEqual([
      'checkout-api',
      'fraud-detection',
      'fraud-detection-decisions',
      'risk-engineering',
    ]);
  });

  it('lets service principals read everything', async () => {
    await expect(
      sreDemoPermissionPolicy.handle(
        { permission: catalogEntityRead },
        undefined,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
