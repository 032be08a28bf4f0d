import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PolicyDecision,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PermissionRule,
  PolicyQueryUser,
  createConditionAuthorizer,
} from '@backstage/plugin-permission-node';
import {
  postmortemCreatePermission,
  postmortemReadPermission,
  postmortemUpdatePermission,
  sloDeadLetterManagePermission,
  sloEventsCreatePermission,
} from '@sre-catalog/backstage-plugin-sre-common';
import { PostmortemResource } from '../postmortems/PostmortemResource';
import { postmortemPermissionRules } from '../postmortems/postmortemPermissionRules';
import {
  SloPermissionResource,
  sloPermissionRules,
} from '../slos/sloPermissionRules';
import { createSrePermissionPolicy } from './createSrePermissionPolicy';
import { restrictedEntityConditions } from './catalogEntityConditions';

function user(ref: string, groups: string[]): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  };
}

/** Who asks: `undefined` is a service principal, as the policy sees it. */
const principals: Record<string, PolicyQueryUser | undefined> = {
  service: undefined,
  // checkout-team owns checkout-api
  guest: user('user:default/guest', [
    'group:default/guests',
    'group:default/checkout-team',
  ]),
  // reliability-engineering is the central SRE team of payment-gateway
  sre: user('user:default/marco.rossi', [
    'group:default/reliability-engineering',
  ]),
  // risk-engineering owns the restricted fraud-detection
  restricted: user('user:default/noor.rahman', [
    'group:default/risk-engineering',
  ]),
  // Mixed case from an identity provider: claims compare case-insensitively.
  restrictedMixedCase: user('User:default/Noor.Rahman', [
    'Group:default/Risk-Engineering',
  ]),
  noClaims: {
    credentials: mockCredentials.user('user:default/nobody'),
    info: { userEntityRef: 'user:default/nobody', ownershipEntityRefs: [] },
  },
};

const postmortems: Record<string, PostmortemResource> = {
  checkout: {
    ownerRefs: ['group:default/checkout-team'],
    sreRefs: ['user:default/priya.nair'],
    restrictedEntity: false,
    restrictedEntities: [],
  } as Partial<PostmortemResource> as PostmortemResource,
  payments: {
    ownerRefs: ['group:default/payments-team'],
    sreRefs: ['group:default/reliability-engineering'],
    restrictedEntity: false,
    restrictedEntities: [],
  } as Partial<PostmortemResource> as PostmortemResource,
  fraud: {
    ownerRefs: ['group:default/risk-engineering'],
    sreRefs: ['user:default/oskar.lind'],
    restrictedEntity: true,
    restrictedEntities: [
      {
        entityRef: 'component:default/fraud-detection',
        ownerRefs: ['group:default/risk-engineering'],
      },
    ],
  } as Partial<PostmortemResource> as PostmortemResource,
  // About checkout-api and the restricted fraud-detection at once.
  mixed: {
    ownerRefs: [
      'group:default/checkout-team',
      'group:default/risk-engineering',
    ],
    sreRefs: ['user:default/priya.nair', 'user:default/oskar.lind'],
    restrictedEntity: true,
    restrictedEntities: [
      {
        entityRef: 'component:default/fraud-detection',
        ownerRefs: ['group:default/risk-engineering'],
      },
    ],
  } as Partial<PostmortemResource> as PostmortemResource,
};

const slos: Record<string, SloPermissionResource> = {
  checkout: {
    sloRef: 'slo:default/checkout-api-availability',
    serviceRef: 'component:default/checkout-api',
    ownerRefs: ['group:default/checkout-team'],
    sreRefs: ['user:default/priya.nair'],
  },
  payments: {
    sloRef: 'slo:default/payment-gateway-authorisations',
    serviceRef: 'component:default/payment-gateway',
    ownerRefs: ['group:default/payments-team'],
    sreRefs: ['group:default/reliability-engineering'],
  },
  fraud: {
    sloRef: 'slo:default/fraud-detection-decisions',
    serviceRef: 'component:default/fraud-detection',
    ownerRefs: ['group:default/risk-engineering'],
    sreRefs: ['user:default/oskar.lind'],
  },
};

function rulesetOf<T>(rules: PermissionRule<T, any, string>[]) {
  return {
    getRuleByName(name: string) {
      const rule = rules.find(r => r.name === name);
      if (!rule) throw new Error(`no rule ${name}`);
      return rule;
    },
  };
}
const postmortemAllowed = createConditionAuthorizer<PostmortemResource>(
  rulesetOf(Object.values(postmortemPermissionRules)),
);
const sloAllowed = createConditionAuthorizer<SloPermissionResource>(
  rulesetOf(Object.values(sloPermissionRules)),
);

/** Which of `resources` the decision allows, by name. */
function allowedOf<T>(
  decision: PolicyDecision,
  resources: Record<string, T>,
  allowed: (d: PolicyDecision, r: T) => boolean,
): string[] {
  return Object.entries(resources)
    .filter(([, r]) => allowed(decision, r))
    .map(([name]) => name);
}

const catalogEntityRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const catalogEntityDelete = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});
const catalogLocationCreate = createPermission({
  name: 'catalog.location.create',
  attributes: { action: 'create' },
});
const scaffolderTaskCreate = createPermission({
  name: 'scaffolder.task.create',
  attributes: { action: 'create' },
});

describe('createSrePermissionPolicy', () => {
  const policy = createSrePermissionPolicy();

  describe.each([
    ['sre.postmortem.read', postmortemReadPermission],
    ['sre.postmortem.create', postmortemCreatePermission],
    ['sre.postmortem.update', postmortemUpdatePermission],
  ])('%s', (name, permission) => {
    const expected: Record<string, string[]> =
      name === 'sre.postmortem.read'
        ? {
            // Restricted postmortems only for the owners of their restricted
            // entities: owning checkout-api does not open mixed to the guest.
            guest: ['checkout', 'payments'],
            sre: ['checkout', 'payments'],
            restricted: ['checkout', 'payments', 'fraud', 'mixed'],
            restrictedMixedCase: ['checkout', 'payments', 'fraud', 'mixed'],
            noClaims: ['checkout', 'payments'],
          }
        : {
            // Writes for the owners and SREs of the entities.
            guest: ['checkout', 'mixed'],
            sre: ['payments'],
            restricted: ['fraud', 'mixed'],
            restrictedMixedCase: ['fraud', 'mixed'],
            noClaims: [],
          };

    it.each(Object.entries(expected))(
      'allows %s the postmortems %j',
      async (principal, allowed) => {
        const decision = await policy.handle(
          { permission },
          principals[principal],
        );
        expect(decision.result).not.toBe(AuthorizeResult.ALLOW);
        expect(
          allowedOf(decision, postmortems, (d, r) => postmortemAllowed(d, r)),
        ).toEqual(allowed);
      },
    );

    it('allows service principals', async () => {
      await expect(policy.handle({ permission }, undefined)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    });
  });

  it('keeps a postmortem about a restricted entity and an entity the user owns from that owner, as search sees it', async () => {
    const decision = await policy.handle(
      { permission: postmortemReadPermission },
      principals.guest,
    );
    // Search applies this decision alone, through the rules' apply.
    expect(postmortemAllowed(decision, postmortems.mixed)).toBe(false);
    expect(postmortemAllowed(decision, postmortems.checkout)).toBe(true);
  });

  describe('sre.slo.events.create', () => {
    it.each([
      ['guest', ['checkout']],
      ['sre', ['payments']],
      ['restricted', ['fraud']],
      ['restrictedMixedCase', ['fraud']],
      ['noClaims', []],
    ])('allows %s to push to %j', async (principal, allowed) => {
      const decision = await policy.handle(
        { permission: sloEventsCreatePermission },
        principals[principal],
      );
      expect(decision.result).not.toBe(AuthorizeResult.ALLOW);
      expect(allowedOf(decision, slos, (d, r) => sloAllowed(d, r))).toEqual(
        allowed,
      );
    });

    it('allows service principals (their access restrictions apply before the policy)', async () => {
      await expect(
        policy.handle({ permission: sloEventsCreatePermission }, undefined),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    });
  });

  describe('sre.slo.deadletter.manage', () => {
    const managed = createSrePermissionPolicy({
      // Any case: claims compare case-insensitively.
      deadLetterManagers: ['Group:default/Reliability-Engineering'],
    });
    const decide = (p: PermissionPolicy, principal?: PolicyQueryUser) =>
      p.handle({ permission: sloDeadLetterManagePermission }, principal);

    it.each([
      ['sre', AuthorizeResult.ALLOW],
      ['guest', AuthorizeResult.DENY],
      ['restricted', AuthorizeResult.DENY],
      ['noClaims', AuthorizeResult.DENY],
    ])('decides %s: %s', async (principal, result) => {
      await expect(decide(managed, principals[principal])).resolves.toEqual({
        result,
      });
    });

    it('denies every user without managers, and allows service principals', async () => {
      await expect(decide(policy, principals.sre)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
      await expect(decide(policy, undefined)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
      await expect(decide(managed, undefined)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    });
  });

  describe.each([
    ['catalog.entity.read', catalogEntityRead],
    ['catalog.entity.delete', catalogEntityDelete],
  ])('%s', (_name, permission) => {
    it("restricts a user to the entities the user's claims may see", async () => {
      const decision = (await policy.handle(
        { permission },
        principals.guest,
      )) as ConditionalPolicyDecision;
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: restrictedEntityConditions([
          'user:default/guest',
          'group:default/guests',
          'group:default/checkout-team',
        ]),
      });
    });

    it('allows service principals', async () => {
      await expect(policy.handle({ permission }, undefined)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    });
  });

  it.each([
    ['catalog.location.create', catalogLocationCreate],
    ['scaffolder.task.create', scaffolderTaskCreate],
  ])(
    'allows everything else (%s) to users, as before',
    async (_name, permission) => {
      for (const principal of Object.values(principals)) {
        await expect(policy.handle({ permission }, principal)).resolves.toEqual(
          { result: AuthorizeResult.ALLOW },
        );
      }
    },
  );

  it('hands everything else to the fallback policy, and only that', async () => {
    const fallback: PermissionPolicy = {
      handle: jest.fn(
        async (): Promise<PolicyDecision> => ({
          result: AuthorizeResult.DENY,
        }),
      ),
    };
    const withFallback = createSrePermissionPolicy({ fallback });
    await expect(
      withFallback.handle(
        { permission: scaffolderTaskCreate },
        principals.guest,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    const decision = await withFallback.handle(
      { permission: postmortemUpdatePermission },
      principals.guest,
    );
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    expect(fallback.handle).toHaveBeenCalledTimes(1);
  });
});
