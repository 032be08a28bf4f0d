import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { MIGRATIONS_DIRECTORY } from './migrationsDirectory';

const databases = createTestDatabases();
const config = { directory: MIGRATIONS_DIRECTORY };

/** The plugin's tables, parents before the tables that reference them. */
async function sreTables(knex: Knex): Promise<string[]> {
  const rows: Array<{ name: string }> =
    knex.client.config.client === 'pg'
      ? await knex('information_schema.tables')
          .select({ name: 'table_name' })
          .whereRaw('table_schema = current_schema()')
      : await knex('sqlite_master').select('name').where({ type: 'table' });
  const parents = ['sre_postmortems', 'sre_sli_dead_letters'];
  return rows
    .map(r => r.name)
    .filter(name => name.startsWith('sre_'))
    .sort(
      (a, b) =>
        Number(parents.includes(b)) - Number(parents.includes(a)) ||
        a.localeCompare(b),
    );
}

/** Every table with its columns' types and nullability. */
async function schemaOf(knex: Knex) {
  const schema: Record<string, Record<string, string>> = {};
  for (const table of await sreTables(knex)) {
    const columns = await knex(table).columnInfo();
    schema[table] = Object.fromEntries(
      Object.entries(columns).map(([name, info]) => [
        name,
        `${info.type}${info.nullable ? ' null' : ''}`,
      ]),
    );
  }
  return schema;
}

/** Text columns that hold JSON a later migration reads: as the plugin writes them. */
const JSON_COLUMNS: Record<string, string> = {
  entity_refs: JSON.stringify(['component:default/checkout-api']),
  impacted_slos: JSON.stringify([
    { sloRef: 'slo:default/checkout-availability', budgetConsumed: 0.3 },
  ]),
};

/** A value of a column's type that every column of the plugin accepts. */
function valueOf(type: string): unknown {
  if (/int|serial/i.test(type)) return 1;
  if (/bool/i.test(type)) return true;
  if (/float|double|real|numeric|decimal/i.test(type)) return 0.5;
  if (/bytea|blob|binary/i.test(type)) return Buffer.from([1, 2, 3]);
  if (/json/i.test(type)) return '{}';
  if (/timestamp|datetime|date/i.test(type)) return new Date(0);
  return 'x';
}

/**
 * One row in every empty table of the plugin: each required column gets a value
 * of its type, a reference the parent row's id.
 */
async function fillEmptyTables(knex: Knex) {
  const ids: Record<string, unknown> = {};
  for (const table of await sreTables(knex)) {
    const existing = await knex(table).first();
    if (existing) {
      if (existing.id !== undefined) ids[table] = existing.id;
      continue;
    }
    const row: Record<string, unknown> = {};
    for (const [name, info] of Object.entries(await knex(table).columnInfo())) {
      if (name === 'postmortem_id') row[name] = ids.sre_postmortems;
      else if (name === 'dead_letter_id') row[name] = ids.sre_sli_dead_letters;
      else if (name in JSON_COLUMNS) row[name] = JSON_COLUMNS[name];
      else if (!info.nullable && info.defaultValue === null) {
        row[name] = valueOf(info.type);
      }
    }
    await knex(table).insert(row);
    const stored = await knex(table).first();
    if (stored.id !== undefined) ids[table] = stored.id;
  }
}

describe.each(databases.eachSupportedId())('migrations on %s', databaseId => {
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
  });

  it('go down and up again one by one with data in every table, to the same schema', async () => {
    await knex.migrate.latest(config);
    const [, pending] = (await knex.migrate.list(config)) as [
      unknown[],
      unknown[],
    ];
    expect(pending).toEqual([]);
    await fillEmptyTables(knex);
    const latest = await schemaOf(knex);
    expect(Object.keys(latest).length).toBeGreaterThanOrEqual(20);

    // Down, one migration at a time, each with rows in the tables it touches.
    const schemas: Array<Awaited<ReturnType<typeof schemaOf>>> = [latest];
    for (;;) {
      const [, done] = (await knex.migrate.down(config)) as [number, string[]];
      if (done.length === 0) break;
      schemas.unshift(await schemaOf(knex));
    }
    expect(await sreTables(knex)).toEqual([]);
    expect(schemas[0]).toEqual({});

    // Up again, one at a time, with rows in every table: each step gives the
    // schema it gave before.
    for (let step = 1; step < schemas.length; step++) {
      await knex.migrate.up(config);
      await fillEmptyTables(knex);
      expect(await schemaOf(knex)).toEqual(schemas[step]);
    }
    expect(await schemaOf(knex)).toEqual(latest);
  });
});
