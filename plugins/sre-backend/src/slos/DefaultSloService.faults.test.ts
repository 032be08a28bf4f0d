import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { builtinSloEntity } from '../__testUtils__/sloEntity';
import { catalogHidingEntities } from '../postmortems/__testUtils__/catalogHidingEntities';
import { RefusedPushes, SliStore } from './store/SliStore';
import { DefaultSloService } from './DefaultSloService';
import { SreDatabase } from '../database/SreDatabase';

const NOW = Date.UTC(2026, 11, 2, 12);
const SERVICE = 'component:default/checkout-api';
const FRESH = 'slo:default/checkout-fresh';
const OLD = 'slo:default/checkout-old';

const status = (sloRef: string, evaluatedAtMs: number) =>
  ({
    sloRef,
    service: SERVICE,
    alert: 'none',
    errorBudgetRemaining: 0.5,
    dataState: 'ok',
    evaluatedAt: new Date(evaluatedAtMs).toISOString(),
  } as unknown as SloStatus);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'SloService staleness and refused pushes on %s',
  id => {
    async function setup(intervalMs = 60_000) {
      const knex = await databases.init(id);
      const statusStore = (
        await SreDatabase.create({ database: mockServices.database({ knex }) })
      ).statusStore();
      await statusStore.saveStatuses([
        // Three one-minute intervals old: not stale yet.
        { status: status(FRESH, NOW - 180_000) },
        // Older than three one-minute intervals: stale.
        { status: status(OLD, NOW - 194_000) },
      ]);
      const refused = new Map<string, RefusedPushes>([
        [
          OLD,
          { count: 2, lastError: 'bucket overlaps', lastAtMs: NOW - 60_000 },
        ],
      ]);
      const refusedPushes = jest.fn(async (refs: string[]) => {
        return new Map([...refused].filter(([ref]) => refs.includes(ref)));
      });
      const { catalog } = catalogHidingEntities(
        [
          builtinSloEntity('checkout-fresh'),
          builtinSloEntity('checkout-old'),
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'checkout-api', namespace: 'default' },
            spec: { type: 'service', owner: 'checkout-team' },
          },
        ],
        {},
      );
      const service = DefaultSloService.create({
        catalog,
        auth: mockServices.auth(),
        permissions: mockServices.permissions({
          result: AuthorizeResult.ALLOW,
        }),
        sliStore: { refusedPushes } as unknown as SliStore,
        statusStore,
        evaluationIntervalMs: intervalMs,
        now: () => NOW,
      });
      return { service, refusedPushes };
    }

    const alice = mockCredentials.user('user:default/alice');

    it('marks a status older than three evaluation intervals stale, with its age', async () => {
      const { service } = await setup();
      const old = await service.getStatus(OLD, { credentials: alice });
      expect(old.stale).toEqual({ ageSeconds: 194 });
      const fresh = await service.getStatus(FRESH, { credentials: alice });
      expect(fresh.stale).toBeUndefined();
    });

    it('says which statuses of a list are stale and which SLOs had pushes refused, asking once per page', async () => {
      const { service, refusedPushes } = await setup();
      const { items } = await service.list(
        { serviceRef: SERVICE, orderBy: 'budget', limit: 10, offset: 0 },
        { credentials: alice },
      );
      const byRef = new Map(items.map(i => [i.sloRef, i]));
      expect(byRef.get(OLD)).toMatchObject({
        stale: { ageSeconds: 194 },
        refused: {
          count: 2,
          lastError: 'bucket overlaps',
          lastAt: new Date(NOW - 60_000).toISOString(),
        },
      });
      expect(byRef.get(FRESH)?.stale).toBeUndefined();
      expect(byRef.get(FRESH)?.refused).toBeUndefined();
      expect(refusedPushes).toHaveBeenCalledTimes(1);
      expect([...refusedPushes.mock.calls[0][0]].sort()).toEqual([FRESH, OLD]);
    });

    it('reports refused pushes on a single status', async () => {
      const { service } = await setup();
      expect(
        (await service.getStatus(OLD, { credentials: alice })).refused,
      ).toEqual({
        count: 2,
        lastError: 'bucket overlaps',
        lastAt: new Date(NOW - 60_000).toISOString(),
      });
      expect(
        (await service.getStatus(FRESH, { credentials: alice })).refused,
      ).toBeUndefined();
    });

    it('measures staleness against the configured interval', async () => {
      // With a 10-minute interval the same ages are recent.
      const { service } = await setup(600_000);
      const { items } = await service.list(
        { orderBy: 'budget', limit: 10, offset: 0 },
        { credentials: alice },
      );
      expect(items.filter(i => i.stale)).toEqual([]);
    });
  },
);
