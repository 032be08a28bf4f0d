import { mockServices } from '@backstage/backend-test-utils';
import type { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { SreDatabase } from '../../database/SreDatabase';

const databases = createTestDatabases();

const status = (n: number, service: string, budget: number) =>
  ({
    sloRef: `slo:default/slo-${n}`,
    service,
    alert: 'none',
    errorBudgetRemaining: budget,
    dataState: 'ok',
    evaluatedAt: new Date(Date.UTC(2026, 11, 2)).toISOString(),
  } as unknown as SloStatus);

describe.each(databases.eachSupportedId())(
  'DatabaseSloStatusStore on %s',
  id => {
    it('leaves hidden SLOs and services out of pages and counts, in SQL', async () => {
      const knex = await databases.init(id);
      const store = (
        await SreDatabase.create({ database: mockServices.database({ knex }) })
      ).statusStore();
      const a = 'component:default/a';
      const b = 'component:default/b';
      // More hidden refs than SQLite allows parameters in one statement.
      const many = Array.from(
        { length: 40_000 },
        (_, i) => `slo:default/x-${i}`,
      );
      await store.saveStatuses(
        [0, 1, 2, 3].map(n => ({
          status: status(n, n < 3 ? a : b, n / 10),
          ownerRef: 'group:default/team',
        })),
      );
      expect(
        await store.listRefs({ scope: { ownerRefs: ['group:default/team'] } }),
      ).toEqual({
        sloRefs: [0, 1, 2, 3].map(n => `slo:default/slo-${n}`),
        serviceRefs: [a, b],
      });
      const page = await store.list({
        orderBy: 'budget',
        limit: 1,
        offset: 1,
        hidden: { sloRefs: ['slo:default/slo-0', ...many], serviceRefs: [b] },
      });
      expect(page.totalCount).toBe(2);
      expect(page.items.map(s => s.sloRef)).toEqual(['slo:default/slo-2']);
      const all = await store.list({ orderBy: 'budget', limit: 10, offset: 0 });
      expect(all.totalCount).toBe(4);
    });

    it('reads the statuses of many SLOs in batches, leaving out those without one', async () => {
      const knex = await databases.init(id);
      const store = (
        await SreDatabase.create({ database: mockServices.database({ knex }) })
      ).statusStore();
      await store.saveStatuses(
        [0, 1].map(n => ({ status: status(n, 'component:default/a', 0.5) })),
      );
      const refs = Array.from(
        { length: 1200 },
        (_, i) => `slo:default/slo-${i}`,
      );
      const found = await store.getStatuses(refs);
      expect([...found.keys()].sort()).toEqual([
        'slo:default/slo-0',
        'slo:default/slo-1',
      ]);
      expect(found.get('slo:default/slo-1')?.errorBudgetRemaining).toBe(0.5);
    });
  },
);
