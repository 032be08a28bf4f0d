import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  CreatePostmortemRequest,
  Ownership,
  postmortemCreatePermission,
  postmortemReadPermission,
} from '@sre-catalog/backstage-plugin-sre-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { OwnershipService } from '../ownership/OwnershipService';
import { catalogHidingEntities } from './__testUtils__/catalogHidingEntities';
import {
  createPostmortemConditionalDecision,
  postmortemConditions,
  postmortemPermissionResourceType,
} from './postmortemPermissionRules';
import { DefaultPostmortemService } from './DefaultPostmortemService';
import { IncidentBudgets } from '../slos/evaluation/SloBudgetCalculator';
import {
  SloIncident,
  SloIncidentStore,
} from '../slos/evaluation/SloIncidentStore';
import { SreDatabase } from '../database/SreDatabase';

const entity = (
  kind: string,
  name: string,
  owner?: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', uid: `${kind}-${name}`, annotations },
  spec: owner ? { owner } : {},
});

const FRAUD = 'component:default/fraud-detection';
const FRAUD_SLO = 'slo:default/fraud-latency';
const OUTSIDER = 'user:default/outsider';

/** Who supports what, as an ownership service would resolve it. */
const SUPPORT: Record<string, Partial<Ownership>> = {
  'component:default/checkout-api': {
    engagement: 'hybrid',
    embeddedSres: ['user:default/sam.sre'],
    centralSre: 'group:default/central-sre',
  },
  'component:default/legacy': {
    engagement: 'embedded',
    embeddedSres: [],
    centralSre: 'group:default/central-sre',
  },
};

const ownershipStub: OwnershipService = {
  async getOwnership(ref: CompoundEntityRef) {
    const entityRef = stringifyEntityRef(ref);
    return {
      entityRef,
      embeddedSres: [],
      ...SUPPORT[entityRef],
    } as Ownership;
  },
  getCoverage: jest.fn(),
  getTeamSupport: jest.fn(),
};

/** Permissions that answer every request with the decision `decide` gives. */
const permissionsDeciding = (
  decide: (permission: string) => PolicyDecision,
): PermissionsService => ({
  authorize: async requests =>
    requests.map(r => {
      const decision = decide(r.permission.name);
      return {
        result:
          decision.result === AuthorizeResult.ALLOW
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }),
  authorizeConditional: async requests =>
    requests.map(r => decide(r.permission.name)),
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

const HOUR = 3_600_000;

/** A two-hour fast burn of a service's availability SLO. */
const incident = (
  serviceRef: string,
  startedAt: string,
  budgetConsumed = 0.3,
): SloIncident => ({
  sloRef: `slo:default/${serviceRef.split('/')[1]}-availability`,
  serviceRef,
  startMs: Date.parse(startedAt),
  endMs: Date.parse(startedAt) + 2 * HOUR,
  budgetConsumed,
});

/** Detected incidents as the real store lists them: newest first. */
const incidentStore = (detected: SloIncident[]): SloIncidentStore => ({
  async replaceIncidents() {},
  async listIncidents({ fromMs, toMs }) {
    return detected
      .filter(i => i.startMs >= fromMs && i.startMs < toMs)
      .sort((a, b) => b.startMs - a.startMs);
  },
});

const databases = createTestDatabases();

describe('DefaultPostmortemService', () => {
  async function setUp(
    extra: {
      budgets?: IncidentBudgets;
      incidents?: SloIncidentStore;
      permissions?: PermissionsService;
      /** Principals the catalog refuses (see catalogHidingEntities). */
      refused?: string[];
    } = {},
  ) {
    const { refused, budgets, incidents, ...deps } = extra;
    // The SLO domain as the service sees it: budgets and detected incidents.
    const sloIncidents =
      budgets || incidents
        ? {
            // Looked up on each call: tests swap the fake's method.
            budgetConsumed: (
              refs: string[],
              window: { fromMs: number; toMs: number },
            ) =>
              budgets
                ? budgets.budgetConsumed(refs, window)
                : Promise.resolve(new Map()),
            listIncidents: (window: { fromMs: number; toMs: number }) =>
              incidents ? incidents.listIncidents(window) : Promise.resolve([]),
          }
        : undefined;
    const knex = await databases.init('SQLITE_3');
    const store = (
      await SreDatabase.create({ database: mockServices.database({ knex }) })
    ).postmortemStore();
    const { catalog, byRefsCalls } = catalogHidingEntities(
      [
        entity('Component', 'checkout-api', 'checkout-team'),
        entity('Component', 'legacy', 'billing-team'),
        entity('Component', 'payments', 'payments-team'),
        entity('Component', 'fraud-detection', 'fraud-team', {
          'sre-catalog.io/visibility': 'restricted',
        }),
        entity('SLO', 'invoicing'),
        entity('SLO', 'fraud-latency'),
        entity('User', 'leaver'),
        entity('User', 'mock'),
        entity('User', 'outsider'),
      ],
      // The outsider cannot see the fraud service nor its SLO.
      { [OUTSIDER]: [FRAUD, FRAUD_SLO] },
      { refused },
    );
    // The ruleset the plugin registers, as the registry gives it back.
    const { rules } = postmortemPermissionResourceType(store);
    const permissionsRegistry = mockServices.permissionsRegistry.mock({
      getPermissionRuleset: (() => ({
        getRuleByName: (name: string) => {
          const rule = rules.find(r => r.name === name);
          if (!rule) throw new Error(`No rule ${name}`);
          return rule;
        },
      })) as any,
    });
    const auditor = mockServices.auditor.mock();
    const service = DefaultPostmortemService.create({
      catalog,
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      permissionsRegistry,
      auditor,
      ownership: ownershipStub,
      store,
      now: () => NOW,
      ...deps,
      sloIncidents,
    });
    return {
      knex,
      store,
      catalog,
      byRefsCalls,
      service,
      auditor,
      credentials: mockCredentials.user(),
    };
  }

  it('looks up every referenced entity in one catalog batch with the caller credentials', async () => {
    const { byRefsCalls, service, credentials } = await setUp();
    const created = await service.create(request(), { credentials });
    expect(byRefsCalls).toEqual([
      {
        principal: credentials.principal.userEntityRef,
        entityRefs: [
          'component:default/checkout-api',
          'component:default/legacy',
          'slo:default/invoicing',
          'user:default/leaver',
        ],
      },
    ]);
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
    // Entities that left the catalog hide nothing: still readable and editable.
    await expect(service.get(created.id, { credentials })).resolves.toEqual(
      created,
    );

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

  describe('visibility', () => {
    const outsider = mockCredentials.user(OUTSIDER);

    /** Postmortems naming the fraud service in each field that names entities. */
    async function seed(service: DefaultPostmortemService) {
      const credentials = mockCredentials.user();
      const write = (overrides: Partial<CreatePostmortemRequest>) =>
        service.create(
          request({ impactedSlos: [], actionItems: [], ...overrides }),
          {
            credentials,
          },
        );
      const open = await write({
        title: 'Open',
        entityRefs: ['component:default/checkout-api'],
        impactedSlos: [
          { sloRef: 'slo:default/invoicing', budgetConsumed: 0.5 },
        ],
        actionItems: [
          { title: 'Visible item', owner: 'user:default/mock', priority: 'P1' },
        ],
      });
      const affected = await write({
        title: 'Affected',
        entityRefs: ['component:default/checkout-api', FRAUD],
        impactedSlos: [
          { sloRef: 'slo:default/invoicing', budgetConsumed: 0.5 },
        ],
        actionItems: [
          { title: 'Hidden item', owner: 'user:default/mock', priority: 'P1' },
        ],
      });
      const bySlo = await write({
        title: 'By SLO',
        entityRefs: ['component:default/payments'],
        impactedSlos: [{ sloRef: FRAUD_SLO, budgetConsumed: 0.5 }],
      });
      return { open, affected, bySlo };
    }

    it('hides, as a whole, every postmortem that names an entity the caller cannot see', async () => {
      const { service, credentials } = await setUp({
        incidents: incidentStore([
          incident('component:default/legacy', '2026-11-15T10:00:00Z'),
          incident(FRAUD, '2026-11-16T10:00:00Z'),
        ]),
      });
      const { open, affected, bySlo } = await seed(service);
      const as = { credentials: outsider };

      for (const id of [affected.id, bySlo.id]) {
        await expect(service.get(id, as)).rejects.toThrow(
          `No postmortem ${id}`,
        );
        await expect(service.getHistory(id, as)).rejects.toThrow(
          `No postmortem ${id}`,
        );
        await expect(
          service.update(id, { ...request(), version: 1 }, as),
        ).rejects.toThrow(`No postmortem ${id}`);
      }
      const list = await service.list({}, as);
      expect(list.items.map(p => p.id)).toEqual([open.id]);
      expect(list.totalCount).toBe(1);
      const items = await service.listActionItems({}, as);
      expect(items.items.map(i => i.title)).toEqual(['Visible item']);
      expect(items.totalCount).toBe(1);
      const required = await service.listRequired({}, as);
      expect(
        required.items.map(i => i.postmortem?.id ?? i.entityRefs[0]),
      ).toEqual(['component:default/legacy', open.id]);
      expect(required.totalCount).toBe(2);
      const bodies = JSON.stringify([
        list,
        items,
        required,
        await service.get(open.id, as),
        await service.getHistory(open.id, as),
      ]);
      expect(bodies).not.toContain('fraud');

      // Anyone who can see the entities sees them all.
      expect((await service.list({}, { credentials })).totalCount).toBe(3);
      expect((await service.listRequired({}, { credentials })).totalCount).toBe(
        5,
      );
      await expect(
        service.get(affected.id, { credentials }),
      ).resolves.toMatchObject({
        entityRefs: ['component:default/checkout-api', FRAUD],
      });
    });

    it('decides visibility with batch catalog calls, and reuses them for a few seconds', async () => {
      const { service, byRefsCalls } = await setUp();
      await seed(service);
      byRefsCalls.length = 0;
      await service.list({}, { credentials: outsider });
      // One call for every named ref; one with the plugin's own credentials to tell
      // the hidden ones from those that left the catalog.
      expect(byRefsCalls.map(c => c.principal)).toEqual([
        OUTSIDER,
        'plugin:test',
      ]);
      expect(byRefsCalls[0].entityRefs).toEqual(
        expect.arrayContaining([
          FRAUD,
          FRAUD_SLO,
          'component:default/checkout-api',
        ]),
      );
      // Only the refs the caller did not get back (the owner groups are not in
      // this catalog at all: they left it, and hide nothing).
      expect(byRefsCalls[1].entityRefs).toEqual(
        expect.arrayContaining([FRAUD, FRAUD_SLO, 'group:default/fraud-team']),
      );
      expect(byRefsCalls[1].entityRefs).not.toContain(
        'component:default/checkout-api',
      );
      byRefsCalls.length = 0;
      await service.list({}, { credentials: outsider });
      await service.listActionItems({}, { credentials: outsider });
      expect(byRefsCalls).toEqual([]);
    });

    it('hides old values that name an entity the caller cannot see from the history', async () => {
      const { service, credentials } = await setUp();
      const created = await service.create(
        request({
          entityRefs: ['component:default/checkout-api', FRAUD],
          impactedSlos: [],
          actionItems: [],
        }),
        { credentials },
      );
      await service.update(
        created.id,
        {
          ...request({
            title: 'Checkout only',
            entityRefs: ['component:default/checkout-api'],
            impactedSlos: [],
            actionItems: [],
          }),
          version: 1,
        },
        { credentials },
      );
      const seen = await service.getHistory(created.id, {
        credentials: outsider,
      });
      expect(seen.revisions.map(r => r.changes)).toEqual([
        [
          {
            field: 'title',
            before: 'Legacy invoicing down',
            after: 'Checkout only',
          },
          { field: 'entityRefs' },
        ],
        [
          { field: 'template', after: 'quick' },
          { field: 'title', after: 'Legacy invoicing down' },
          { field: 'severity', after: 'SEV3' },
          { field: 'status', after: 'draft' },
          { field: 'startedAt', after: '2026-11-10T08:00:00.000Z' },
          { field: 'entityRefs' },
          { field: 'summary', after: 'Invoices were not sent for an hour.' },
        ],
      ]);
      expect(JSON.stringify(seen)).not.toContain('fraud');
      const full = await service.getHistory(created.id, { credentials });
      expect(full.revisions[0].changes?.[1]).toEqual({
        field: 'entityRefs',
        before: ['component:default/checkout-api', FRAUD],
        after: ['component:default/checkout-api'],
      });
    });
  });

  describe('permissions', () => {
    it('filters lists by a conditional read decision, in SQL, and 404s what it excludes', async () => {
      const { service, store, credentials } = await setUp({
        permissions: permissionsDeciding(permission =>
          permission === postmortemReadPermission.name
            ? createPostmortemConditionalDecision(postmortemReadPermission, {
                anyOf: [
                  postmortemConditions.isAffectedEntitySre({
                    claims: ['user:default/sam.sre'],
                  }),
                  { not: postmortemConditions.hasRestrictedEntity() },
                ],
              })
            : { result: AuthorizeResult.ALLOW },
        ),
      });
      const plain = await service.create(
        request({ entityRefs: ['component:default/legacy'] }),
        { credentials },
      );
      const restricted = await service.create(
        request({ entityRefs: ['component:default/legacy', FRAUD] }),
        { credentials },
      );
      const supported = await service.create(
        request({ entityRefs: [FRAUD, 'component:default/checkout-api'] }),
        { credentials },
      );
      const list = jest.spyOn(store, 'list');
      const { items, totalCount } = await service.list({}, { credentials });
      expect(items.map(p => p.id).sort()).toEqual(
        [plain.id, supported.id].sort(),
      );
      expect(totalCount).toBe(2);
      // The condition went to the store as SQL criteria.
      expect(list.mock.calls[0][1].condition).toEqual({
        anyOf: [
          { property: 'sreRefs', values: ['user:default/sam.sre'] },
          { not: { property: 'restrictedEntity' } },
        ],
      });
      await expect(service.get(restricted.id, { credentials })).rejects.toThrow(
        'No postmortem',
      );
      await expect(
        service.get(supported.id, { credentials }),
      ).resolves.toMatchObject({ id: supported.id });
    });

    it('reads nothing on DENY', async () => {
      const { service, credentials, store } = await setUp();
      const created = await service.create(request(), { credentials });
      const denied = await setUp({
        permissions: permissionsDeciding(permission => ({
          result:
            permission === postmortemReadPermission.name
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      });
      // Same rows, other decision.
      await denied.store.create(created.id, {
        content: created,
        owners: [],
        sres: [],
        restrictedEntityRefs: [],
        policy: created.policy,
        changedFields: [],
        changes: [],
        by: 'x',
        at: NOW,
      });
      expect(await store.get(created.id)).toBeDefined();
      const as = { credentials };
      await expect(denied.service.get(created.id, as)).rejects.toThrow(
        'No postmortem',
      );
      expect(await denied.service.list({}, as)).toEqual({
        items: [],
        totalCount: 0,
      });
      expect(await denied.service.listActionItems({}, as)).toEqual({
        items: [],
        totalCount: 0,
      });
    });

    it('records SREs and restricted entities at write time, and applies a conditional create decision to the postmortem as it would be stored', async () => {
      const { service, store, credentials } = await setUp({
        permissions: permissionsDeciding(permission =>
          permission === postmortemCreatePermission.name
            ? createPostmortemConditionalDecision(
                postmortemCreatePermission,
                postmortemConditions.isAffectedEntitySre({
                  claims: ['group:default/central-sre'],
                }),
              )
            : { result: AuthorizeResult.ALLOW },
        ),
      });
      const created = await service.create(
        request({ entityRefs: ['component:default/checkout-api', FRAUD] }),
        { credentials },
      );
      expect(created).not.toHaveProperty('sreRefs');
      expect(await store.get(created.id)).toMatchObject({
        // Central SREs count only where the engagement model uses them.
        sreRefs: ['group:default/central-sre', 'user:default/sam.sre'],
        restrictedEntity: true,
      });
      await expect(
        service.create(request({ entityRefs: ['component:default/legacy'] }), {
          credentials,
        }),
      ).rejects.toThrow(
        'The postmortem is outside what sre.postmortem.create allows you to write',
      );
      expect((await service.list({}, { credentials })).totalCount).toBe(1);
    });

    it('asks the permission framework for service principals too', async () => {
      const { service } = await setUp({
        permissions: permissionsDeciding(permission => ({
          result:
            permission === postmortemReadPermission.name
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
      });
      await expect(
        service.create(request(), { credentials: mockCredentials.service() }),
      ).rejects.toThrow('needs the sre.postmortem.create permission');
    });
  });

  describe('catalog credentials', () => {
    /** An external token restricted to SRE permissions: no catalog access. */
    const CI = 'external:ci';

    it("lets a token restricted to SRE permissions create and read postmortems: the catalog is asked with the plugin's own credentials, the policy with the caller's", async () => {
      const decidedFor: string[] = [];
      const { service, byRefsCalls } = await setUp({
        refused: [CI],
        permissions: {
          authorize: async () => {
            throw new Error('unused');
          },
          authorizeConditional: async (requests, { credentials }) => {
            decidedFor.push(
              (credentials.principal as { subject: string }).subject,
            );
            return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
          },
        },
      });
      const ci = mockCredentials.service(CI, {
        permissionNames: [
          'sre.postmortem.create',
          'sre.postmortem.update',
          'sre.postmortem.read',
        ],
      });
      const created = await service.create(
        request({ entityRefs: ['component:default/checkout-api', FRAUD] }),
        { credentials: ci },
      );
      expect(created.ownerRefs).toEqual([
        'group:default/checkout-team',
        'group:default/fraud-team',
      ]);
      expect((await service.get(created.id, { credentials: ci })).id).toBe(
        created.id,
      );
      await service.update(
        created.id,
        { ...request(), version: 1, title: 'Renamed' },
        { credentials: ci },
      );
      expect((await service.list({}, { credentials: ci })).totalCount).toBe(1);
      expect(new Set(byRefsCalls.map(c => c.principal))).toEqual(
        new Set(['plugin:test']),
      );
      expect(new Set(decidedFor)).toEqual(new Set([CI]));
    });

    it('gives a token without sre.postmortem.read nothing, without asking the catalog for it', async () => {
      const { service, byRefsCalls } = await setUp({ refused: [CI] });
      const created = await service.create(request(), {
        credentials: mockCredentials.user(),
      });
      byRefsCalls.length = 0;
      const { service: denying } = await setUp({
        refused: [CI],
        permissions: permissionsDeciding(() => ({
          result: AuthorizeResult.DENY,
        })),
      });
      const ci = { credentials: mockCredentials.service(CI) };
      await expect(denying.get(created.id, ci)).rejects.toThrow(
        `No postmortem ${created.id}`,
      );
      expect(await denying.list({}, ci)).toEqual({ items: [], totalCount: 0 });
      expect(
        await denying.listActionItems({ team: 'group:default/any' }, ci),
      ).toEqual({ items: [], totalCount: 0 });
      expect(byRefsCalls).toEqual([]);
    });

    it("checks a user's refs with the user's own credentials", async () => {
      const { service, byRefsCalls } = await setUp();
      await expect(
        service.create(request({ entityRefs: [FRAUD] }), {
          credentials: mockCredentials.user(OUTSIDER),
        }),
      ).rejects.toThrow(
        `Invalid entityRefs[0]: ${FRAUD} is not in the catalog`,
      );
      expect(byRefsCalls[0].principal).toBe(OUTSIDER);
    });
  });

  it('creates a quick postmortem when the request names no template', async () => {
    const { service, credentials } = await setUp();
    const { template: _template, ...body } = request();
    const created = await service.create(body, { credentials });
    expect(created.template).toBe('quick');
    // On update, a body without template keeps the stored one.
    const full = await service.create(
      request({
        template: 'full',
        impact: 'x',
        detectedAt: '2026-11-10T08:05:00Z',
        resolvedAt: '2026-11-10T09:00:00Z',
      }),
      { credentials },
    );
    const { template: _t, ...edit } = request({
      title: 'Edited',
      impact: 'x',
      detectedAt: '2026-11-10T08:05:00Z',
      resolvedAt: '2026-11-10T09:00:00Z',
    });
    await expect(
      service.update(full.id, { ...edit, version: 1 }, { credentials }),
    ).resolves.toMatchObject({ template: 'full', title: 'Edited' });
  });

  describe('error budget policy', () => {
    /** Budgets as a fake SLI store would compute them: only invoicing has data. */
    const budgets = () => {
      const calls: { sloRefs: string[]; fromMs: number; toMs: number }[] = [];
      const fake: IncidentBudgets = {
        async budgetConsumed(sloRefs, window) {
          calls.push({ sloRefs, ...window });
          return new Map(
            sloRefs
              .filter(ref => ref === 'slo:default/invoicing')
              .map(ref => [ref, 0.31]),
          );
        },
      };
      return { fake, calls };
    };

    it('computes the budget an impacted SLO lost from its data when the request leaves it out', async () => {
      const { fake, calls } = budgets();
      const { service, credentials } = await setUp({ budgets: fake });
      const created = await service.create(
        request({
          resolvedAt: '2026-11-10T09:30:00Z',
          impactedSlos: [{ sloRef: 'slo:default/invoicing' }],
        }),
        { credentials },
      );
      expect(calls).toEqual([
        {
          sloRefs: ['slo:default/invoicing'],
          fromMs: Date.parse('2026-11-10T08:00:00Z'),
          toMs: Date.parse('2026-11-10T09:30:00Z'),
        },
      ]);
      expect(created.impactedSlos).toEqual([
        {
          sloRef: 'slo:default/invoicing',
          budgetConsumed: 0.31,
          computed: true,
        },
      ]);
      // Over 20% and no P0 action item: the policy flags it.
      expect(created.policy).toMatchObject({
        required: true,
        satisfied: false,
      });
    });

    it('keeps a computed budget on edits that leave the SLO and the ended window alone', async () => {
      const { fake, calls } = budgets();
      const { service, credentials } = await setUp({ budgets: fake });
      const body = (over: Parameters<typeof request>[0] = {}) =>
        request({
          resolvedAt: '2026-11-10T09:30:00Z',
          impactedSlos: [{ sloRef: 'slo:default/invoicing', computed: true }],
          ...over,
        });
      const created = await service.create(body(), { credentials });
      expect(calls).toHaveLength(1);
      // The data has aged out since: nothing can be computed any more.
      const agedOut = jest.fn(async () => new Map<string, number>());
      fake.budgetConsumed = agedOut;
      const edited = await service.update(
        created.id,
        { ...body({ title: 'A typo fixed' }), version: 1 },
        { credentials },
      );
      expect(edited.impactedSlos).toEqual([
        {
          sloRef: 'slo:default/invoicing',
          budgetConsumed: 0.31,
          computed: true,
        },
      ]);
      expect(agedOut).not.toHaveBeenCalled();
      // A changed window is computed again; without data the stored number stays.
      await expect(
        service.update(
          created.id,
          { ...body({ resolvedAt: '2026-11-10T11:00:00Z' }), version: 2 },
          { credentials },
        ),
      ).resolves.toMatchObject({
        impactedSlos: [
          { sloRef: 'slo:default/invoicing', budgetConsumed: 0.31 },
        ],
      });
      expect(agedOut).toHaveBeenCalledTimes(1);
    });

    it("answers 503, not 400, when an SLO's budget cannot be read because its Prometheus source is down", async () => {
      const { service, credentials } = await setUp({
        budgets: {
          async budgetConsumed(sloRefs) {
            return new Map(
              sloRefs.map(ref => [
                ref,
                {
                  unavailable:
                    'Prometheus source main is unavailable (ECONNREFUSED)',
                },
              ]),
            );
          },
        },
      });
      const refused = service.create(
        request({ impactedSlos: [{ sloRef: 'slo:default/invoicing' }] }),
        { credentials },
      );
      await expect(refused).rejects.toBeInstanceOf(ServiceUnavailableError);
      await expect(refused).rejects.toThrow(
        'Cannot compute impactedSlos[0].budgetConsumed of slo:default/invoicing now: Prometheus source main is unavailable (ECONNREFUSED); try again later, or give budgetConsumed',
      );
      // An entered budget needs no source.
      await expect(
        service.create(request(), { credentials }),
      ).resolves.toMatchObject({
        impactedSlos: [
          { sloRef: 'slo:default/invoicing', budgetConsumed: 0.1 },
        ],
      });
    });

    it('keeps an entered budget, and refuses to guess one without data', async () => {
      const { fake } = budgets();
      const { service, credentials } = await setUp({ budgets: fake });
      const entered = await service.create(request(), { credentials });
      expect(entered.impactedSlos).toEqual([
        {
          sloRef: 'slo:default/invoicing',
          budgetConsumed: 0.1,
          computed: false,
        },
      ]);
      await expect(
        service.create(
          request({
            entityRefs: ['component:default/checkout-api'],
            impactedSlos: [
              { sloRef: 'slo:default/invoicing' },
              { sloRef: 'slo:default/checkout-availability' },
            ],
          }),
          { credentials },
        ),
      ).rejects.toThrow(
        'Invalid impactedSlos[1].budgetConsumed: is required, since slo:default/checkout-availability has no data in the built-in SLI store for the incident window to compute it from',
      );
    });

    it('lists fast burns without a postmortem first, then postmortems without their P0 action item', async () => {
      const incidents = incidentStore([
        // Covered: a postmortem of checkout-api started 30 minutes into it.
        incident('component:default/checkout-api', '2026-11-10T07:30:00Z', 0.4),
        // Not covered: legacy has no postmortem at that time.
        incident('component:default/legacy', '2026-11-15T10:00:00Z', 0.25),
        // Too old for the list.
        incident('component:default/legacy', '2026-09-01T10:00:00Z', 0.5),
      ]);
      const { service, credentials } = await setUp({ incidents });
      const flagged = await service.create(
        request({
          impactedSlos: [
            {
              sloRef: 'slo:default/invoicing',
              budgetConsumed: 0.4,
              computed: false,
            },
          ],
        }),
        { credentials },
      );

      const all = await service.listRequired({}, { credentials });
      expect(all.totalCount).toBe(2);
      expect(all.items[0]).toEqual({
        startedAt: '2026-11-15T10:00:00.000Z',
        endedAt: '2026-11-15T12:00:00.000Z',
        entityRefs: ['component:default/legacy'],
        impactedSlos: [
          {
            sloRef: 'slo:default/legacy-availability',
            budgetConsumed: 0.25,
            computed: true,
          },
        ],
        reason:
          'slo:default/legacy-availability lost 25% of its error budget from 2026-11-15T10:00:00.000Z to 2026-11-15T12:00:00.000Z (more than 20%), and no postmortem of component:default/legacy covers that time',
      });
      expect(all.items[1].postmortem?.id).toBe(flagged.id);

      const second = await service.listRequired(
        { limit: 1, offset: 1 },
        { credentials },
      );
      expect(second.totalCount).toBe(2);
      expect(second.items.map(i => i.postmortem?.id)).toEqual([flagged.id]);
    });

    it('counts an incident as covered only by a postmortem of its service that started within 6 hours of it', async () => {
      const checkout = 'component:default/checkout-api';
      const legacy = 'component:default/legacy';
      const payments = 'component:default/payments';
      const { service, credentials } = await setUp({
        incidents: incidentStore([
          // 6 h after the checkout postmortem of 2026-11-10T12:00: covered; 1 ms later not.
          incident(checkout, '2026-11-10T18:00:00.000Z'),
          incident(checkout, '2026-11-10T18:00:00.001Z'),
          // Ends 6 h before it: covered; 1 ms earlier not.
          incident(checkout, '2026-11-10T04:00:00.000Z'),
          incident(checkout, '2026-11-10T03:59:59.999Z'),
          // A postmortem of another service does not cover it.
          incident(legacy, '2026-11-10T11:00:00Z'),
          // No postmortem of payments at all.
          incident(payments, '2026-11-10T12:00:00Z'),
          // The shared postmortem of 2026-11-01T12:00 covers both services.
          incident(checkout, '2026-11-01T11:00:00Z'),
          incident(legacy, '2026-11-01T14:00:00Z'),
        ]),
      });
      await service.create(
        request({ entityRefs: [checkout], startedAt: '2026-11-10T12:00:00Z' }),
        { credentials },
      );
      await service.create(
        request({
          entityRefs: [checkout, legacy],
          startedAt: '2026-11-01T12:00:00Z',
        }),
        { credentials },
      );

      const { items, totalCount } = await service.listRequired(
        {},
        { credentials },
      );
      expect(items.map(i => [i.entityRefs[0], i.startedAt])).toEqual([
        [checkout, '2026-11-10T18:00:00.001Z'],
        [payments, '2026-11-10T12:00:00.000Z'],
        [legacy, '2026-11-10T11:00:00.000Z'],
        [checkout, '2026-11-10T03:59:59.999Z'],
      ]);
      expect(totalCount).toBe(4);
    });

    it('looks postmortems up in the same number of queries for any number of incidents', async () => {
      const queriesFor = async (detected: SloIncident[]) => {
        const { knex, store, service, credentials } = await setUp({
          incidents: incidentStore(detected),
        });
        const getStartTimes = jest.spyOn(store, 'getStartTimes');
        const list = jest.spyOn(store, 'list');
        let queries = 0;
        const count = () => {
          queries += 1;
        };
        knex.on('query', count);
        const { totalCount } = await service.listRequired({}, { credentials });
        knex.removeListener('query', count);
        expect(totalCount).toBe(detected.length);
        expect(getStartTimes).toHaveBeenCalledTimes(1);
        expect(list).not.toHaveBeenCalled();
        return queries;
      };
      const one = await queriesFor([
        incident('component:default/checkout-api', '2026-11-10T00:00:00Z'),
      ]);
      // 90 incidents of 30 services, one hour apart.
      const many = await queriesFor(
        Array.from({ length: 90 }, (_, i) =>
          incident(
            `component:default/service-${i % 30}`,
            new Date(
              Date.parse('2026-11-01T00:00:00Z') + i * HOUR,
            ).toISOString(),
          ),
        ),
      );
      expect(many).toBe(one);
    });
  });
});
