import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { evaluatePostmortemPolicy } from '@sre-catalog/backstage-plugin-sre-common';
import fs from 'node:fs';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { postmortemPermissionRules } from './postmortemPermissionRules';
import {
  PostmortemContent,
  PostmortemReadFilter,
  PostmortemWrite,
} from './PostmortemStore';
import { SreDatabase } from '../database/SreDatabase';

const CHECKOUT = 'component:default/checkout-api';
const PAYMENTS = 'component:default/payment-gateway';
const TEAM = 'group:default/checkout-team';
const AT = new Date('2026-11-20T10:00:00.000Z');

function content(
  overrides: Partial<PostmortemContent> = {},
): PostmortemContent {
  return {
    template: 'quick',
    title: 'Checkout returned 500s',
    severity: 'SEV2',
    status: 'draft',
    startedAt: '2026-11-02T14:05:00.000Z',
    entityRefs: [CHECKOUT],
    impactedSlos: [],
    summary: 'A bad config push broke checkout.',
    timeline: [],
    contributingFactors: [],
    tags: [],
    links: [],
    actionItems: [],
    ...overrides,
  };
}

function write(
  c: PostmortemContent,
  overrides: Partial<PostmortemWrite> = {},
): PostmortemWrite {
  return {
    content: c,
    owners: c.entityRefs.map(entityRef => ({ entityRef, ownerRef: TEAM })),
    sres: [],
    restrictedEntityRefs: [],
    policy: evaluatePostmortemPolicy(c),
    changedFields: ['title'],
    changes: [],
    by: 'user:default/priya.nair',
    at: AT,
    ...overrides,
  };
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabasePostmortemStore on %s',
  id => {
    async function createStore() {
      const knex = await databases.init(id);
      const store = (
        await SreDatabase.create({ database: mockServices.database({ knex }) })
      ).postmortemStore();
      return { knex, store };
    }

    it('stores every field and reads it back, absent fields as undefined', async () => {
      const { store } = await createStore();
      const full = content({
        template: 'full',
        status: 'published',
        detectedAt: '2026-11-02T14:09:00.000Z',
        mitigatedAt: '2026-11-02T14:30:00.000Z',
        resolvedAt: '2026-11-02T15:00:00.000Z',
        entityRefs: [PAYMENTS, CHECKOUT],
        impactedSlos: [
          {
            sloRef: 'slo:default/checkout-availability',
            budgetConsumed: 0.35,
            computed: false,
          },
        ],
        impact: '<script>alert(1)</script> 12% of orders failed',
        timeline: [
          { at: '2026-11-02T14:05:00.000Z', description: 'Config pushed' },
        ],
        contributingFactors: ['No canary for config'],
        wentWell: 'Fast rollback',
        wentPoorly: 'Paging was slow',
        lessons: 'Canary config changes',
        tags: ['config', 'checkout'],
        links: [{ title: 'Chat', url: 'https://chat.example.com/c/1' }],
        actionItems: [
          {
            id: 'a1',
            title: 'Canary config pushes',
            owner: TEAM,
            dueDate: '2026-12-01',
            priority: 'P0',
            status: 'open',
            trackingUrl: 'https://jira.example.com/SRE-1',
          },
          {
            id: 'a2',
            title: 'Page faster',
            owner: 'user:default/priya.nair',
            priority: 'P2',
            status: 'done',
          },
        ],
      });
      const created = await store.create('pm-1', write(full));
      expect(created).toEqual({
        sreRefs: [],
        restrictedEntity: false,
        restrictedEntities: [],
        ...full,
        actionItems: [
          full.actionItems[0],
          {
            ...full.actionItems[1],
            dueDate: undefined,
            trackingUrl: undefined,
          },
        ],
        id: 'pm-1',
        version: 1,
        ownerRefs: [TEAM],
        policy: {
          required: true,
          satisfied: true,
          reason: expect.stringContaining('35%'),
        },
        createdAt: AT.toISOString(),
        createdBy: 'user:default/priya.nair',
        updatedAt: AT.toISOString(),
        updatedBy: 'user:default/priya.nair',
      });
      expect(await store.get('pm-1')).toEqual(created);

      const quick = await store.create('pm-2', write(content()));
      expect(quick).toMatchObject({
        detectedAt: undefined,
        impact: undefined,
        lessons: undefined,
        actionItems: [],
        policy: { required: false, satisfied: true },
      });
      expect(await store.get('nope')).toBeUndefined();
      expect(
        (await store.getMany(['pm-2', 'nope', 'pm-1'])).map(p => p?.id),
      ).toEqual(['pm-2', undefined, 'pm-1']);
      expect(await store.getEntityFacts('pm-1')).toEqual({
        owners: [
          { entityRef: CHECKOUT, ownerRef: TEAM },
          { entityRef: PAYMENTS, ownerRef: TEAM },
        ],
        sres: [],
        restrictedEntityRefs: [],
      });
    });

    it('replaces a postmortem only at the expected version and records each revision', async () => {
      const { store } = await createStore();
      await store.create(
        'pm-1',
        write(content(), { changedFields: ['title', 'summary'] }),
      );
      const later = new Date(AT.getTime() + 60_000);
      const updated = await store.update(
        'pm-1',
        1,
        write(
          content({
            title: 'Checkout outage',
            entityRefs: [PAYMENTS],
            actionItems: [
              {
                id: 'a1',
                title: 'Fix',
                owner: TEAM,
                priority: 'P1',
                status: 'open',
              },
            ],
          }),
          {
            changedFields: ['title', 'entityRefs', 'actionItems'],
            by: 'external:seeder',
            at: later,
            owners: [
              { entityRef: PAYMENTS, ownerRef: 'group:default/payments-team' },
            ],
          },
        ),
      );
      expect(updated).toMatchObject({
        version: 2,
        title: 'Checkout outage',
        entityRefs: [PAYMENTS],
        ownerRefs: ['group:default/payments-team'],
        createdBy: 'user:default/priya.nair',
        createdAt: AT.toISOString(),
        updatedBy: 'external:seeder',
        updatedAt: later.toISOString(),
      });
      expect(updated.actionItems.map(a => a.id)).toEqual(['a1']);

      await expect(
        store.update('pm-1', 1, write(content({ title: 'stale' }))),
      ).rejects.toThrow(ConflictError);
      await expect(store.update('nope', 1, write(content()))).rejects.toThrow(
        NotFoundError,
      );
      expect((await store.get('pm-1'))!.title).toBe('Checkout outage');
      expect(await store.getRevisions('pm-1')).toEqual([
        {
          version: 2,
          changedAt: later.toISOString(),
          changedBy: 'external:seeder',
          changedFields: ['title', 'entityRefs', 'actionItems'],
          changes: [],
        },
        {
          version: 1,
          changedAt: AT.toISOString(),
          changedBy: 'user:default/priya.nair',
          changedFields: ['title', 'summary'],
          changes: [],
        },
      ]);
      // The old entity's rows are gone: the filters see only the new one.
      expect(
        (await store.list({ entityRef: CHECKOUT, limit: 10, offset: 0 }, {}))
          .totalCount,
      ).toBe(0);
      expect(
        (await store.list({ ownerRef: TEAM, limit: 10, offset: 0 }, {}))
          .totalCount,
      ).toBe(0);
    });

    it('stores nothing when part of a write fails', async () => {
      const { store } = await createStore();
      const item = {
        id: 'dup',
        title: 'x',
        owner: TEAM,
        priority: 'P1' as const,
        status: 'open' as const,
      };
      // Driver errors may come from another realm than Jest's Error: match the message.
      const duplicateKey = {
        message: expect.stringMatching(/unique|duplicate/i),
      };
      await expect(
        store.create('pm-1', write(content({ actionItems: [item, item] }))),
      ).rejects.toMatchObject(duplicateKey);
      expect(await store.get('pm-1')).toBeUndefined();
      expect(await store.getRevisions('pm-1')).toEqual([]);

      await store.create('pm-2', write(content()));
      await expect(
        store.update(
          'pm-2',
          1,
          write(content({ title: 'new', actionItems: [item, item] })),
        ),
      ).rejects.toMatchObject(duplicateKey);
      expect(await store.get('pm-2')).toMatchObject({
        version: 1,
        title: 'Checkout returned 500s',
      });
    });

    it('filters, searches, sorts by startedAt (newest first) and pages with a total', async () => {
      const { store } = await createStore();
      await store.create(
        'a',
        write(
          content({
            title: 'Checkout 500s',
            severity: 'SEV1',
            status: 'published',
            startedAt: '2026-10-01T00:00:00.000Z',
            tags: ['config'],
            lessons: 'Use 100% canaries',
            summary: 'Orders failed',
          }),
        ),
      );
      await store.create(
        'b',
        write(
          content({
            title: 'Payments latency',
            entityRefs: [PAYMENTS],
            startedAt: '2026-11-01T00:00:00.000Z',
            summary: 'Slow payments',
            timeline: [
              {
                at: '2026-11-01T00:10:00.000Z',
                description: 'Cache node_3 restarted',
              },
            ],
          }),
          {
            owners: [
              { entityRef: PAYMENTS, ownerRef: 'group:default/payments-team' },
            ],
          },
        ),
      );
      await store.create(
        'c',
        write(
          content({
            title: 'Checkout DNS',
            startedAt: '2026-11-15T00:00:00.000Z',
            tags: ['dns', 'config'],
            summary: 'Résumé of the DNS OUTAGE',
          }),
        ),
      );
      const ids = async (q: Partial<Parameters<typeof store.list>[0]>) =>
        (await store.list({ limit: 10, offset: 0, ...q }, {})).items.map(
          p => p.id,
        );

      expect(await ids({})).toEqual(['c', 'b', 'a']);
      expect(await ids({ entityRef: CHECKOUT })).toEqual(['c', 'a']);
      expect(await ids({ ownerRef: 'group:default/payments-team' })).toEqual([
        'b',
      ]);
      expect(await ids({ severity: 'SEV1' })).toEqual(['a']);
      expect(await ids({ status: 'published' })).toEqual(['a']);
      expect(await ids({ tag: 'config' })).toEqual(['c', 'a']);
      expect(await ids({ fromMs: Date.parse('2026-11-01T00:00:00Z') })).toEqual(
        ['c', 'b'],
      );
      expect(await ids({ toMs: Date.parse('2026-11-01T00:00:00Z') })).toEqual([
        'b',
        'a',
      ]);
      expect(await ids({ terms: ['checkout'] })).toEqual(['c', 'a']);
      expect(await ids({ terms: ['dns', 'résumé'] })).toEqual(['c']);
      expect(await ids({ terms: ['outage'] })).toEqual(['c']);
      expect(await ids({ terms: ['node_3'] })).toEqual(['b']);
      // LIKE wildcards in the text are literal
      expect(await ids({ terms: ['100%'] })).toEqual(['a']);
      expect(await ids({ terms: ['node_'] })).toEqual(['b']);
      expect(await ids({ terms: ['%'] })).toEqual(['a']);
      expect(await ids({ terms: ['_'] })).toEqual(['b']);
      expect(await ids({ terms: ['config'] })).toEqual(['c', 'a']);

      const page = await store.list({ limit: 2, offset: 1 }, {});
      expect(page.items.map(p => p.id)).toEqual(['b', 'a']);
      expect(page.totalCount).toBe(3);
    });

    it('gives the start times of the postmortems of many entities within a range', async () => {
      const { store } = await createStore();
      const at = (day: string) => `2026-11-${day}T00:00:00.000Z`;
      await store.create('a', write(content({ startedAt: at('01') })));
      await store.create(
        'b',
        write(
          content({ startedAt: at('05'), entityRefs: [CHECKOUT, PAYMENTS] }),
        ),
      );
      await store.create('c', write(content({ startedAt: at('03') })));
      await store.create(
        'd',
        write(content({ startedAt: at('09'), entityRefs: [PAYMENTS] })),
      );
      await store.create(
        'e',
        write(
          content({
            startedAt: at('04'),
            entityRefs: ['component:default/other'],
          }),
        ),
      );
      // More refs than fit in one `where in` list.
      const unknown = Array.from(
        { length: 1200 },
        (_, i) => `component:default/unknown-${i}`,
      );

      const starts = await store.getStartTimes(
        {
          entityRefs: [...unknown, CHECKOUT, PAYMENTS, CHECKOUT],
          fromMs: Date.parse(at('01')),
          toMs: Date.parse(at('05')),
        },
        {},
      );
      expect(starts).toEqual(
        new Map([
          [CHECKOUT, [at('01'), at('03'), at('05')].map(Date.parse)],
          [PAYMENTS, [Date.parse(at('05'))]],
        ]),
      );
      expect(
        await store.getStartTimes(
          { entityRefs: [], fromMs: 0, toMs: 1e15 },
          {},
        ),
      ).toEqual(new Map());
    });

    it('records named refs, SREs, restricted entities and revision values', async () => {
      const { store } = await createStore();
      const c = content({
        entityRefs: [CHECKOUT, PAYMENTS],
        impactedSlos: [
          {
            sloRef: 'slo:default/checkout-availability',
            budgetConsumed: 0.1,
            computed: false,
          },
        ],
        actionItems: [
          {
            id: 'a1',
            title: 'Fix',
            owner: 'user:default/priya.nair',
            priority: 'P1',
            status: 'open',
          },
        ],
      });
      const created = await store.create(
        'pm-1',
        write(c, {
          sres: [
            { entityRef: CHECKOUT, sreRef: 'user:default/sam.sre' },
            { entityRef: PAYMENTS, sreRef: 'group:default/central-sre' },
          ],
          restrictedEntityRefs: [PAYMENTS],
          changedFields: ['title', 'entityRefs'],
          changes: [
            { field: 'title', after: c.title },
            { field: 'entityRefs', after: c.entityRefs },
          ],
        }),
      );
      expect(created).toMatchObject({
        sreRefs: ['group:default/central-sre', 'user:default/sam.sre'],
        restrictedEntity: true,
      });
      expect(await store.listNamedRefs()).toEqual([
        CHECKOUT,
        PAYMENTS,
        TEAM,
        'slo:default/checkout-availability',
        'user:default/priya.nair',
      ]);
      expect(await store.getEntityFacts('pm-1')).toMatchObject({
        sres: [
          { entityRef: CHECKOUT, sreRef: 'user:default/sam.sre' },
          { entityRef: PAYMENTS, sreRef: 'group:default/central-sre' },
        ],
        restrictedEntityRefs: [PAYMENTS],
      });

      // An update replaces them all.
      await store.update(
        'pm-1',
        1,
        write(content({ title: 'Renamed' }), {
          changedFields: ['title'],
          changes: [{ field: 'title', before: c.title, after: 'Renamed' }],
        }),
      );
      expect(await store.get('pm-1')).toMatchObject({
        sreRefs: [],
        restrictedEntity: false,
      });
      expect(await store.listNamedRefs()).toEqual([CHECKOUT, TEAM]);
      expect(
        (await store.getRevisions('pm-1')).map(r => [r.version, r.changes]),
      ).toEqual([
        [2, [{ field: 'title', before: c.title, after: 'Renamed' }]],
        [
          1,
          [
            { field: 'title', after: c.title },
            { field: 'entityRefs', after: c.entityRefs },
          ],
        ],
      ]);
    });

    it('applies read filters in SQL to lists, counts, action items, violations and start times', async () => {
      const { store } = await createStore();
      const HIDDEN = 'component:default/fraud-detection';
      const SRE = 'user:default/sam.sre';
      const item = (itemId: string, owner: string) => ({
        id: itemId,
        title: itemId,
        owner,
        priority: 'P1' as const,
        status: 'open' as const,
      });
      const slo = {
        sloRef: 'slo:default/checkout-availability',
        budgetConsumed: 0.5,
        computed: false,
      };
      await store.create(
        'checkout',
        write(
          content({
            startedAt: '2026-11-03T00:00:00.000Z',
            status: 'published',
            impactedSlos: [slo],
            actionItems: [item('i1', TEAM)],
          }),
          { sres: [{ entityRef: CHECKOUT, sreRef: SRE }] },
        ),
      );
      await store.create(
        'fraud',
        write(
          content({
            startedAt: '2026-11-02T00:00:00.000Z',
            entityRefs: [HIDDEN],
            impactedSlos: [slo],
            actionItems: [item('i2', TEAM)],
          }),
          { restrictedEntityRefs: [HIDDEN] },
        ),
      );
      // Names the hidden entity only through an action item's owner.
      await store.create(
        'payments',
        write(
          content({
            startedAt: '2026-11-01T00:00:00.000Z',
            entityRefs: [PAYMENTS],
            impactedSlos: [slo],
            actionItems: [item('i3', HIDDEN)],
          }),
          { by: 'User:Default/Alex' },
        ),
      );
      const named = await store.listNamedRefs();
      const visible = { visibleRefs: named.filter(r => r !== HIDDEN) };
      const page = { limit: 10, offset: 0 };
      const ids = async (filter: PostmortemReadFilter) => {
        const { items, totalCount } = await store.list(page, filter);
        expect(totalCount).toBe(items.length);
        return items.map(p => p.id);
      };

      expect(await ids({})).toEqual(['checkout', 'fraud', 'payments']);
      expect(await ids(visible)).toEqual(['checkout']);
      // A ref named after the caller's refs were checked hides its postmortem.
      expect(await ids({ visibleRefs: [] })).toEqual([]);
      const items = await store.listActionItems(
        { today: '2026-11-20', ...page },
        visible,
      );
      expect(items.items.map(i => i.id)).toEqual(['i1']);
      expect(items.totalCount).toBe(1);
      const violations = await store.listPolicyViolations(page, visible);
      expect(violations.items.map(p => p.id)).toEqual(['checkout']);
      expect(violations.totalCount).toBe(1);
      const starts = await store.getStartTimes(
        { entityRefs: [CHECKOUT, HIDDEN, PAYMENTS], fromMs: 0, toMs: 1e15 },
        visible,
      );
      expect([...starts.keys()]).toEqual([CHECKOUT]);

      // Conditional read decisions, as the rules' toQuery gives them.
      const when = (condition: PostmortemReadFilter['condition']) =>
        ids({ condition });
      expect(await when({ property: 'sreRefs', values: [SRE] })).toEqual([
        'checkout',
      ]);
      expect(await when({ property: 'restrictedEntity' })).toEqual(['fraud']);
      expect(await when({ not: { property: 'restrictedEntity' } })).toEqual([
        'checkout',
        'payments',
      ]);
      expect(
        await when({ property: 'entityRefs', values: [PAYMENTS, HIDDEN] }),
      ).toEqual(['fraud', 'payments']);
      expect(await when({ property: 'ownerRefs', values: [TEAM] })).toEqual([
        'checkout',
        'fraud',
        'payments',
      ]);
      expect(await when({ property: 'status', values: ['published'] })).toEqual(
        ['checkout'],
      );
      expect(
        await when({ property: 'createdBy', values: ['user:default/alex'] }),
      ).toEqual(['payments']);
      expect(
        await when({
          anyOf: [
            { property: 'sreRefs', values: [SRE] },
            { not: { property: 'restrictedEntity' } },
          ],
        }),
      ).toEqual(['checkout', 'payments']);
      expect(
        await when({
          allOf: [
            { property: 'ownerRefs', values: [TEAM] },
            { not: { property: 'entityRefs', values: [CHECKOUT] } },
          ],
        }),
      ).toEqual(['fraud', 'payments']);
      expect(await when({ property: 'sreRefs', values: [] })).toEqual([]);
      // Both together, and on the other lists too.
      expect(
        await ids({
          ...visible,
          condition: { property: 'status', values: ['draft'] },
        }),
      ).toEqual([]);
      expect(
        (
          await store.listActionItems(
            { today: '2026-11-20', ...page },
            { condition: { property: 'restrictedEntity' } },
          )
        ).items.map(i => i.id),
      ).toEqual(['i2']);
    });

    it('applies IS_RESTRICTED_ENTITY_OWNER in SQL as its apply does: every restricted entity owned by a claim', async () => {
      const { store } = await createStore();
      const FRAUD = 'component:default/fraud-detection';
      const VAULT = 'component:default/vault';
      const ORPHAN = 'resource:default/orphan';
      const RISK = 'group:default/risk-engineering';
      const SEC = 'group:default/security';
      const pm = async (
        pmId: string,
        owned: Array<[string, string | undefined]>,
        restricted: string[],
      ) =>
        store.create(
          pmId,
          write(content({ entityRefs: owned.map(([ref]) => ref) }), {
            owners: owned.flatMap(([entityRef, ownerRef]) =>
              ownerRef ? [{ entityRef, ownerRef }] : [],
            ),
            restrictedEntityRefs: restricted,
          }),
        );
      await pm('open', [[CHECKOUT, TEAM]], []);
      await pm('fraud', [[FRAUD, RISK]], [FRAUD]);
      // Restricted and not, in one postmortem: the gap of "owns an entity".
      await pm(
        'mixed',
        [
          [CHECKOUT, TEAM],
          [FRAUD, RISK],
        ],
        [FRAUD],
      );
      await pm(
        'two',
        [
          [FRAUD, RISK],
          [VAULT, SEC],
        ],
        [FRAUD, VAULT],
      );
      await pm('orphan', [[ORPHAN, undefined]], [ORPHAN]);
      expect(await store.get('mixed')).toMatchObject({
        restrictedEntity: true,
        restrictedEntities: [{ entityRef: FRAUD, ownerRefs: [RISK] }],
      });
      expect((await store.get('open'))?.restrictedEntities).toEqual([]);

      const all = ['open', 'fraud', 'mixed', 'two', 'orphan'];
      const rule = postmortemPermissionRules.isRestrictedEntityOwner;
      const inSql = async (claims: string[], negate = false) => {
        const query = rule.toQuery({ claims });
        const { items } = await store.list(
          { limit: 10, offset: 0 },
          { condition: negate ? { not: query } : query },
        );
        return items.map(p => p.id).sort();
      };
      const byApply = async (claims: string[], negate = false) => {
        const resources = await store.getMany(all);
        return all
          .filter((_, i) => rule.apply(resources[i]!, { claims }) !== negate)
          .sort();
      };
      for (const [claims, expected] of [
        [[], ['open']],
        [[TEAM], ['open']],
        [[RISK], ['fraud', 'mixed', 'open']],
        [
          ['Group:Default/Risk-Engineering', SEC],
          ['fraud', 'mixed', 'open', 'two'],
        ],
      ] as Array<[string[], string[]]>) {
        expect(await inSql(claims)).toEqual(expected);
        expect(await byApply(claims)).toEqual(expected);
        expect(await inSql(claims, true)).toEqual(await byApply(claims, true));
      }
    });

    it('lists postmortems the error budget policy requires but whose P0 is missing', async () => {
      const { store } = await createStore();
      const slo = {
        sloRef: 'slo:default/checkout-availability',
        budgetConsumed: 0.3,
        computed: true,
      };
      await store.create(
        'ok',
        write(content({ impactedSlos: [{ ...slo, budgetConsumed: 0.1 }] })),
      );
      await store.create('missing', write(content({ impactedSlos: [slo] })));
      await store.create(
        'satisfied',
        write(
          content({
            impactedSlos: [slo],
            actionItems: [
              {
                id: 'p0',
                title: 'Fix',
                owner: TEAM,
                priority: 'P0',
                status: 'open',
              },
            ],
          }),
        ),
      );
      const { items, totalCount } = await store.listPolicyViolations(
        { limit: 10, offset: 0 },
        {},
      );
      expect(items.map(p => p.id)).toEqual(['missing']);
      expect(totalCount).toBe(1);
    });

    it('lists action items across postmortems: overdue, by owner, due date first', async () => {
      const { store } = await createStore();
      const item = (itemId: string, extra: object) => ({
        id: itemId,
        title: `Item ${itemId}`,
        owner: TEAM,
        priority: 'P2' as const,
        status: 'open' as const,
        ...extra,
      });
      await store.create(
        'pm-1',
        write(
          content({
            title: 'First',
            actionItems: [
              item('late', { dueDate: '2026-11-01', priority: 'P1' }),
              item('late-done', { dueDate: '2026-11-01', status: 'done' }),
              item('no-date', {}),
            ],
          }),
        ),
      );
      await store.create(
        'pm-2',
        write(
          content({
            title: 'Second',
            entityRefs: [PAYMENTS],
            actionItems: [
              item('later', {
                dueDate: '2026-12-24',
                owner: 'user:default/priya.nair',
              }),
              item('late-p0', {
                dueDate: '2026-11-01',
                priority: 'P0',
                status: 'in-progress',
              }),
            ],
          }),
        ),
      );
      const today = '2026-11-20';
      const ids = async (q: object = {}) =>
        (
          await store.listActionItems({ today, limit: 50, offset: 0, ...q }, {})
        ).items.map(i => i.id);

      expect(await ids()).toEqual([
        'late-p0',
        'late',
        'late-done',
        'later',
        'no-date',
      ]);
      expect(await ids({ overdue: true })).toEqual(['late-p0', 'late']);
      expect(await ids({ overdue: false })).toEqual([
        'late-done',
        'later',
        'no-date',
      ]);
      expect(await ids({ ownerRef: 'user:default/priya.nair' })).toEqual([
        'later',
      ]);
      expect(await ids({ ownerRef: TEAM, overdue: true })).toEqual([
        'late-p0',
        'late',
      ]);
      expect(await ids({ status: 'done' })).toEqual(['late-done']);
      expect(await ids({ priority: 'P0' })).toEqual(['late-p0']);
      expect(await ids({ entityRef: PAYMENTS })).toEqual(['late-p0', 'later']);

      const result = await store.listActionItems(
        { today, overdue: true, limit: 1, offset: 0 },
        {},
      );
      expect(result.totalCount).toBe(2);
      expect(result.items).toEqual([
        {
          id: 'late-p0',
          title: 'Item late-p0',
          owner: TEAM,
          dueDate: '2026-11-01',
          priority: 'P0',
          status: 'in-progress',
          trackingUrl: undefined,
          overdue: true,
          postmortem: {
            id: 'pm-2',
            title: 'Second',
            severity: 'SEV2',
            status: 'draft',
            startedAt: '2026-11-02T14:05:00.000Z',
            entityRefs: [PAYMENTS],
          },
        },
      ]);
    });
  },
);

/** A postmortem as the first postmortem migration stored it, with its children. */
async function insertLegacyPostmortem(knex: Knex, id: string) {
  await knex('sre_postmortems').insert({
    id,
    version: 1,
    template: 'quick',
    title: 'Checkout returned 500s',
    severity: 'SEV2',
    status: 'draft',
    started_at: AT.getTime(),
    entity_refs: JSON.stringify([CHECKOUT, PAYMENTS]),
    impacted_slos: JSON.stringify([
      { sloRef: 'slo:default/checkout-availability', budgetConsumed: 0.1 },
    ]),
    summary: 'x',
    timeline: '[]',
    contributing_factors: '[]',
    tags: '[]',
    links: '[]',
    policy_required: false,
    policy_satisfied: true,
    policy_reason: 'x',
    search_text: 'x',
    created_at: AT.getTime(),
    created_by: 'user:default/priya.nair',
    updated_at: AT.getTime(),
    updated_by: 'user:default/priya.nair',
  });
  await knex('sre_postmortem_entities').insert([
    { postmortem_id: id, entity_ref: CHECKOUT },
    { postmortem_id: id, entity_ref: PAYMENTS },
  ]);
  await knex('sre_postmortem_owners').insert({
    postmortem_id: id,
    entity_ref: CHECKOUT,
    owner_ref: TEAM,
  });
  await knex('sre_postmortem_action_items').insert({
    id: `${id}-a1`,
    postmortem_id: id,
    position: 0,
    title: 'Fix',
    owner_ref: 'user:default/priya.nair',
    priority: 'P1',
    status: 'open',
  });
  await knex('sre_postmortem_revisions').insert({
    postmortem_id: id,
    version: 1,
    changed_at: AT.getTime(),
    changed_by: 'user:default/priya.nair',
    changed_fields: JSON.stringify(['title']),
  });
}

describe.each(databases.eachSupportedId())(
  'postmortem migration on %s',
  (id: TestDatabaseId) => {
    const directory = resolvePackagePath(
      '@sre-catalog/backstage-plugin-sre-backend',
      'migrations',
    );
    const TABLES = [
      'sre_postmortems',
      'sre_postmortem_entities',
      'sre_postmortem_owners',
      'sre_postmortem_tags',
      'sre_postmortem_action_items',
      'sre_postmortem_revisions',
    ];
    const exists = (knex: Knex) =>
      Promise.all(TABLES.map(t => knex.schema.hasTable(t)));

    it('creates the tables on up and drops only them on down', async () => {
      const knex = await databases.init(id);
      await knex.migrate.up({ directory, name: '20261122100000_slo_data.js' });
      expect(await exists(knex)).toEqual(TABLES.map(() => false));

      await knex.migrate.up({
        directory,
        name: '20261122120000_postmortems.js',
      });
      expect(await exists(knex)).toEqual(TABLES.map(() => true));
      await insertLegacyPostmortem(knex, 'pm-1');
      expect(
        (await knex('sre_postmortems').where({ id: 'pm-1' }).first()).title,
      ).toBe('Checkout returned 500s');

      await knex.migrate.down({
        directory,
        name: '20261122120000_postmortems.js',
      });
      expect(await exists(knex)).toEqual(TABLES.map(() => false));
      expect(await knex.schema.hasTable('sre_slo_status')).toBe(true);

      await knex.migrate.up({
        directory,
        name: '20261122120000_postmortems.js',
      });
      expect(await exists(knex)).toEqual(TABLES.map(() => true));
    });
  },
);

describe.each(databases.eachSupportedId())(
  'postmortem visibility migration on %s',
  (id: TestDatabaseId) => {
    const directory = resolvePackagePath(
      '@sre-catalog/backstage-plugin-sre-backend',
      'migrations',
    );
    const NAME = '20261202100000_postmortem_visibility.js';

    it('backfills every named ref, keeps old revisions without values, and goes down and up again', async () => {
      const knex = await databases.init(id);
      const earlier = fs
        .readdirSync(directory)
        .filter(file => file.endsWith('.js') && file < NAME)
        .sort();
      for (const name of earlier) await knex.migrate.up({ directory, name });
      await insertLegacyPostmortem(knex, 'pm-1');
      await insertLegacyPostmortem(knex, 'pm-2');

      await knex.migrate.up({ directory, name: NAME });
      const refs = await knex('sre_postmortem_refs')
        .where({ postmortem_id: 'pm-1' })
        .orderBy('entity_ref')
        .pluck('entity_ref');
      expect(refs).toEqual([
        CHECKOUT,
        PAYMENTS,
        TEAM,
        'slo:default/checkout-availability',
        'user:default/priya.nair',
      ]);
      const store = (
        await SreDatabase.create({
          database: mockServices.database({ knex, migrations: { skip: true } }),
        })
      ).postmortemStore();
      expect(await store.listNamedRefs()).toEqual(refs);
      expect(await store.get('pm-1')).toMatchObject({
        sreRefs: [],
        restrictedEntity: false,
      });
      expect(await store.getRevisions('pm-1')).toEqual([
        {
          version: 1,
          changedAt: AT.toISOString(),
          changedBy: 'user:default/priya.nair',
          changedFields: ['title'],
        },
      ]);

      await knex.migrate.down({ directory, name: NAME });
      expect(await knex.schema.hasTable('sre_postmortem_refs')).toBe(false);
      expect(await knex.schema.hasTable('sre_postmortem_sres')).toBe(false);
      expect(
        await knex.schema.hasColumn('sre_postmortem_entities', 'restricted'),
      ).toBe(false);
      expect(
        await knex.schema.hasColumn('sre_postmortem_revisions', 'changes'),
      ).toBe(false);
      expect(
        Number((await knex('sre_postmortem_entities').count({ n: '*' }))[0].n),
      ).toBe(4);

      await knex.migrate.up({ directory, name: NAME });
      expect(
        Number((await knex('sre_postmortem_refs').count({ n: '*' }))[0].n),
      ).toBe(10);
    });
  },
);
