import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { SloIncident } from './SloIncidentStore';
import { SreDatabase } from '../../database/SreDatabase';
import { HOUR } from '../../__testUtils__/durations';

const T = Date.UTC(2026, 10, 20, 10);

const incident = (
  sloRef: string,
  startMs: number,
  over: Partial<SloIncident> = {},
): SloIncident => ({
  sloRef,
  serviceRef: 'component:default/checkout-api',
  ownerRef: 'group:default/checkout-team',
  startMs,
  endMs: startMs + HOUR,
  budgetConsumed: 0.25,
  ...over,
});

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseSloIncidentStore on %s',
  (id: TestDatabaseId) => {
    it('replaces the whole set and lists a time range newest first', async () => {
      const knex = await databases.init(id);
      const store = (
        await SreDatabase.create({ database: mockServices.database({ knex }) })
      ).incidentStore();
      await store.replaceIncidents([
        incident('slo:default/a', T - 48 * HOUR),
        incident('slo:default/b', T - 2 * HOUR, { ownerRef: undefined }),
      ]);
      await store.replaceIncidents([
        incident('slo:default/a', T - 5 * HOUR, { budgetConsumed: 1.5 }),
        incident('slo:default/b', T - 2 * HOUR, { ownerRef: undefined }),
        incident('slo:default/c', T - 30 * HOUR),
      ]);
      expect(
        await store.listIncidents({ fromMs: T - 24 * HOUR, toMs: T }),
      ).toEqual([
        incident('slo:default/b', T - 2 * HOUR, { ownerRef: undefined }),
        incident('slo:default/a', T - 5 * HOUR, { budgetConsumed: 1.5 }),
      ]);
      await store.replaceIncidents([]);
      expect(await store.listIncidents({ fromMs: 0, toMs: T })).toEqual([]);
    });

    it('creates its table on up and drops only it on down', async () => {
      const knex = await databases.init(id);
      const directory = resolvePackagePath(
        '@sre-catalog/backstage-plugin-sre-backend',
        'migrations',
      );
      const name = '20261122140000_slo_incidents.js';
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('sre_slo_incidents')).toBe(true);
      await knex.migrate.down({ directory, name });
      expect(await knex.schema.hasTable('sre_slo_incidents')).toBe(false);
      expect(await knex.schema.hasTable('sre_postmortems')).toBe(true);
      await knex.migrate.up({ directory, name });
      const store = (
        await SreDatabase.create({
          database: mockServices.database({ knex, migrations: { skip: true } }),
        })
      ).incidentStore();
      await store.replaceIncidents([incident('slo:default/a', T)]);
      expect(
        await store.listIncidents({ fromMs: T, toMs: T + 1 }),
      ).toHaveLength(1);
    });
  },
);
