/* eslint-disable no-console */
/**
 * The databases of the SLO benchmark: SQLite in memory and in a file, PostgreSQL
 * when one answers, and the stores of the backend on them.
 *
 * SRE_BENCH_POSTGRES: connection string (default the test server of
 * scripts/test.sh; "none" skips PostgreSQL).
 */
import { DatabaseService } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SreDatabase } from '../src/database/SreDatabase';

export type Db = { name: string; knex: Knex; cleanup(): Promise<void> };

export async function sqliteDb(): Promise<Db> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sre-bench-sqlite-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'sre.sqlite') },
    useNullAsDefault: true,
  });
  // The backend's own SQLite settings are the driver defaults; keep them.
  return {
    name: 'SQLite (file)',
    knex,
    cleanup: async () => {
      await knex.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** In-memory SQLite: the embedded default of app-config.yaml (`:memory:`). */
export async function sqliteMemoryDb(): Promise<Db> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
    // One connection, as Backstage uses for :memory: (each would be its own database).
    pool: { min: 1, max: 1 },
  });
  return {
    name: 'SQLite (:memory:)',
    knex,
    cleanup: () => knex.destroy(),
  };
}

export async function postgresDb(connection: string): Promise<Db | undefined> {
  const admin = knexFactory({ client: 'pg', connection, pool: { min: 0 } });
  const name = `sre_bench_${process.pid}_${Date.now()}`;
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } catch (e) {
    console.log(`  (PostgreSQL at ${connection} not used: ${e})`);
    await admin.destroy();
    return undefined;
  }
  const url = new URL(connection);
  url.pathname = `/${name}`;
  const knex = knexFactory({ client: 'pg', connection: url.toString() });
  return {
    name: 'PostgreSQL',
    knex,
    cleanup: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
      await admin.destroy();
    },
  };
}

export function databaseOn(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

export async function storeOn(knex: Knex) {
  return (await SreDatabase.create({ database: databaseOn(knex) })).sliStore();
}

export function postgresUrl(): string | undefined {
  const pg =
    process.env.SRE_BENCH_POSTGRES ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:55433';
  return pg === 'none' ? undefined : pg;
}
