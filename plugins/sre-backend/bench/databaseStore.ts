/* eslint-disable no-console */
/**
 * The database side of the SLO benchmark, through DatabaseSliStore (the store the
 * push API writes to):
 *  (b) one ingest tick of N SLOs' per-minute counts (`writeTick`), on SQLite (a
 *      file in a temporary folder) and on PostgreSQL when one answers;
 *  (a) N SLOs with 30 days of data (hourly rollups before the tier cut, 5-minute
 *      buckets after it) loaded through `writeTick`, then the full-fleet status
 *      recompute from the database the way SloEvaluator.evaluateBuiltin does it.
 *
 * Sizes: SRE_BENCH_TICK_SLOS (default 10,000), SRE_BENCH_DB_SLOS (default 10,000;
 * 0 skips the load), SRE_BENCH_POSTGRES (connection string; default the test server
 * of scripts/test.sh; "none" skips PostgreSQL), SRE_BENCH_POSTGRES_FULL=1 also loads
 * the full data set into PostgreSQL.
 */
import {
  SloDefinition,
  evaluateSlo,
} from '@sre-catalog/backstage-plugin-sre-common';
import { DatabaseService } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSliStore } from '../src/services/slo/DatabaseSliStore';
import { SliBucketInput, SliTickEntry } from '../src/services/slo/SliStore';
import { TieredSliData } from '../src/services/slo/TieredSliData';
import { tierCut } from '../src/services/slo/SloEvaluator';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const STEP = 5 * MIN;

export type BenchData = {
  nowMs: number;
  periodDays: number;
  stepCounts(i: number, t: number): { good: number; total: number };
  definition(i: number): SloDefinition;
};

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, value];
}

type Db = { name: string; knex: Knex; cleanup(): Promise<void> };

async function sqliteDb(): Promise<Db> {
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

async function postgresDb(connection: string): Promise<Db | undefined> {
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

function storeOn(knex: Knex) {
  const database: DatabaseService = {
    getClient: async () => knex,
    migrations: { skip: false },
  };
  return DatabaseSliStore.create({ database });
}

/** (b) One tick: every SLO's count of the minute, 30 minutes into the hour. */
async function benchTick(db: Db, n: number, nowMs: number) {
  const store = await storeOn(db.knex);
  const hour = Math.floor(nowMs / HOUR) * HOUR - HOUR;
  const tick = (minute: number): SliTickEntry[] =>
    Array.from({ length: n }, (_, i) => ({
      sloRef: `slo:default/bench-${i}`,
      buckets: [
        {
          startMs: hour + minute * MIN,
          seconds: 60,
          good: 1000 - ((i + minute) % 7),
          total: 1000,
        },
      ],
    }));
  // Earlier minutes of the hour, so the rollup sums real rows.
  for (let m = 0; m < 30; m++) await store.writeTick(tick(m));
  const times: number[] = [];
  for (let m = 30; m < 40; m++) {
    const entries = tick(m);
    const [ms] = await time(() => store.writeTick(entries));
    times.push(ms);
  }
  // A re-sent tick replaces the same minutes (an exporter retrying).
  const [resendMs] = await time(() => store.writeTick(tick(39)));
  console.log(
    `  (b) ingest tick, ${n} SLOs x 1 minute bucket, ${
      db.name
    }: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(
      1,
    )} ms over 10 ticks; re-sent tick ${resendMs.toFixed(
      1,
    )} ms (target: well under 100 ms)`,
  );
}

/** The buckets of SLO i as the push API would get them: backfill, then 5 minutes. */
function bucketsOf(data: BenchData, i: number): SliBucketInput[] {
  const from = data.nowMs - (data.periodDays + 1) * DAY;
  const cut = tierCut(data.nowMs);
  const buckets: SliBucketInput[] = [];
  for (let h = from; h < data.nowMs; h += HOUR) {
    if (h < cut) {
      let good = 0;
      let total = 0;
      for (let t = h; t < h + HOUR; t += STEP) {
        const c = data.stepCounts(i, t);
        good += c.good;
        total += c.total;
      }
      buckets.push({ startMs: h, seconds: 3600, good, total });
    } else {
      for (let t = h; t < h + HOUR; t += STEP) {
        buckets.push({ startMs: t, seconds: 300, ...data.stepCounts(i, t) });
      }
    }
  }
  return buckets;
}

/** (a) Load N SLOs of 30 days, then recompute all statuses from the database. */
async function benchRecompute(
  db: Db,
  n: number,
  data: BenchData,
): Promise<number> {
  const store = await storeOn(db.knex);
  const perTick = 50;
  const [loadMs] = await time(async () => {
    for (let i = 0; i < n; i += perTick) {
      const entries: SliTickEntry[] = [];
      for (let j = i; j < Math.min(n, i + perTick); j++) {
        entries.push({
          sloRef: `slo:default/bench-${j}`,
          buckets: bucketsOf(data, j),
        });
      }
      await store.writeTick(entries);
    }
  });
  const rows = bucketsOf(data, 0).length;
  console.log(
    `  (loaded ${n} SLOs x ${rows} buckets (hourly before the cut, 5-minute after) = ${(
      (n * rows) /
      1e6
    ).toFixed(1)} M rows into ${db.name} in ${(loadMs / 1000).toFixed(1)} s)`,
  );

  const defs = Array.from({ length: n }, (_, i) => data.definition(i));
  const nowMs = data.nowMs;
  const cut = tierCut(nowMs);
  const runs: Array<{ read: number; evaluate: number }> = [];
  let result = 0;
  for (let run = 0; run < 3; run++) {
    // As SloEvaluator.evaluateBuiltin: one readSeries for all, then evaluate each.
    const [read, series] = await time(() =>
      store.readSeries(
        defs.map(d => d.ref),
        {
          minutesFromMs: cut,
          hoursFromMs: nowMs - data.periodDays * DAY - HOUR,
        },
      ),
    );
    const [evaluate] = await time(() => {
      let alerts = 0;
      for (const d of defs) {
        const s = evaluateSlo(
          d,
          new TieredSliData(series.get(d.ref)!, cut),
          nowMs,
        );
        if (s.alert !== 'none') alerts++;
      }
      return alerts;
    });
    runs.push({ read, evaluate });
  }
  const read = median(runs.map(r => r.read));
  const evaluate = median(runs.map(r => r.evaluate));
  result = read + evaluate;
  console.log(
    `  (a) full-fleet recompute from ${db.name}, ${n} SLOs: ${result.toFixed(
      0,
    )} ms = read ${read.toFixed(0)} ms + evaluate ${evaluate.toFixed(
      0,
    )} ms (median of 3)`,
  );
  return result;
}

export async function benchDatabaseStore(data: BenchData) {
  const tickSlos = Number(process.env.SRE_BENCH_TICK_SLOS ?? 10_000);
  const dbSlos = Number(process.env.SRE_BENCH_DB_SLOS ?? 10_000);
  const pg =
    process.env.SRE_BENCH_POSTGRES ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:55433';
  const results: { recomputeMs?: number; recomputeSlos?: number } = {};

  const dbs: Array<() => Promise<Db | undefined>> = [sqliteDb];
  if (pg !== 'none') dbs.push(() => postgresDb(pg));
  for (const open of dbs) {
    const db = await open();
    if (!db) continue;
    try {
      await benchTick(db, tickSlos, data.nowMs);
    } finally {
      await db.cleanup();
    }
  }

  if (dbSlos > 0) {
    const full: Array<() => Promise<Db | undefined>> = [sqliteDb];
    if (pg !== 'none' && process.env.SRE_BENCH_POSTGRES_FULL === '1') {
      full.push(() => postgresDb(pg));
    }
    for (const open of full) {
      const db = await open();
      if (!db) continue;
      try {
        const ms = await benchRecompute(db, dbSlos, data);
        if (results.recomputeMs === undefined) {
          results.recomputeMs = ms;
          results.recomputeSlos = dbSlos;
        }
      } finally {
        await db.cleanup();
      }
    }
  }
  return results;
}
