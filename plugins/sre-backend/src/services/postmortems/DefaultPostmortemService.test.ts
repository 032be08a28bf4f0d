import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CreatePostmortemRequest } from '@sre-catalog/backstage-plugin-sre-common';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabasePostmortemStore } from './DatabasePostmortemStore';
import { DefaultPostmortemService } from './DefaultPostmortemService';
import { IncidentBudgets } from '../slo/SloBudgetCalculator';
import { SloIncident, SloIncidentStore } from '../slo/SloIncidentStore';

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
    extra: { budgets?: IncidentBudgets; incidents?: SloIncidentStore } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabasePostmortemStore.create({
      database: mockServices.database({ knex }),
    });
    const catalog = catalogServiceMock({
      entities: [
        entity('Component', 'checkout-api', 'checkout-team'),
        entity('Component', 'legacy', 'billing-team'),
        entity('Component', 'payments', 'payments-team'),
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
      ...extra,
    });
    return {
      knex,
      store,
      catalog,
      service,
      credentials: mockCredentials.user(),
    };
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
