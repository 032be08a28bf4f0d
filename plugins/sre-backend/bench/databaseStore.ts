/* eslint-disable no-console */
/**
 * The database side of the SLO benchmark, through DatabaseSliStore (the store the
 * push API writes to):
 *  (b) one ingest tick of N SLOs' per-minute counts: accepting it (`writeTick`,
 *      the push's write) and applying it (`applyPending`, before the next
 *      evaluation), on SQLite and on PostgreSQL when one answers;
 *  (a) N SLOs' data loaded through `writeTick`, then the full-fleet status
 *      recompute of SloEvaluator.evaluateBuiltin (the backend's own path): cold
 *      (a new evaluator warms its in-memory rollups from the database) and steady
 *      (after an ingest tick, it reads only the rows written since).
 *
 * SRE_BENCH_POSTGRES: connection string (default the test server of
 * scripts/test.sh; "none" skips PostgreSQL).
 */
import {
  SloDefinition,
  SloStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory, { Knex } from 'knex';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SliBucketInput, SliTickEntry } from '../src/slos/store/SliStore';
import { SloEvaluator } from '../src/slos/evaluation/SloEvaluator';
import { DefaultSloService } from '../src/slos/DefaultSloService';
import {
  SloStatusStore,
  StatusWrites,
  StoredSloStatus,
} from '../src/slos/status/SloStatusStore';
import { REFRESH_OVERLAP_MS } from '../src/slos/evaluation/SliCache';
import { CatalogSloRegistry } from '../src/slos/CatalogSloRegistry';
import { PrometheusSliSource } from '../src/slos/prometheus';
import { profiled } from './cpuProfile';
import { SreDatabase } from '../src/database/SreDatabase';

const MIN = 60_000;
const HOUR = 60 * MIN;

export function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, value];
}

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

function databaseOn(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

async function storeOn(knex: Knex) {
  return (await SreDatabase.create({ database: databaseOn(knex) })).sliStore();
}

export function postgresUrl(): string | undefined {
  const pg =
    process.env.SRE_BENCH_POSTGRES ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:55433';
  return pg === 'none' ? undefined : pg;
}

/**
 * (b) One tick: every SLO's count of the minute, 30 minutes into the hour. The
 * push's write is the append of one pending row; applying it to the minutes and
 * hourly rollups happens before the next evaluation, off the request path, and is
 * timed separately.
 */
export async function benchTick(db: Db, n: number, nowMs: number) {
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
  for (let m = 0; m < 30; m++) {
    await store.writeTick(tick(m));
    await store.applyPending();
  }
  const appendMs: number[] = [];
  const applyMs: number[] = [];
  for (let m = 30; m < 40; m++) {
    const entries = tick(m);
    appendMs.push((await time(() => store.writeTick(entries)))[0]);
    applyMs.push((await time(() => store.applyPending()))[0]);
  }
  // A re-sent tick replaces the same minutes (an exporter retrying).
  const resend = tick(39);
  const [resendAppendMs] = await time(() => store.writeTick(resend));
  const [resendApplyMs] = await time(() => store.applyPending());
  const result = {
    appendMs: median(appendMs),
    appendMaxMs: Math.max(...appendMs),
    applyMs: median(applyMs),
    applyMaxMs: Math.max(...applyMs),
    resendAppendMs,
    resendApplyMs,
  };
  const f = (ms: number) => ms.toFixed(1);
  console.log(
    `  (b) ingest tick, ${n} SLOs x 1 minute bucket, ${
      db.name
    }: accept (the push's write) median ${f(result.appendMs)} ms, max ${f(
      result.appendMaxMs,
    )} ms (target: well under 100 ms); apply (before the next evaluation) median ${f(
      result.applyMs,
    )} ms, max ${f(result.applyMaxMs)} ms; re-sent tick ${f(
      resendAppendMs,
    )} + ${f(resendApplyMs)} ms`,
  );
  return result;
}

/** A built-in Occurrences SLO entity, as the catalog would hold it. */
function benchSloEntity(name: string): Entity {
  const builtin = { metricSource: { type: 'builtin' } };
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, namespace: 'default' },
    spec: {
      service: 'bench-service',
      indicator: {
        metadata: { name: `${name}-sli` },
        spec: { ratioMetric: { counter: true, good: builtin, total: builtin } },
      },
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '30d', isRolling: true }],
      objectives: [{ target: 0.999 }],
    },
  };
}

/**
 * (b) through the push API's own code: the request body as JSON text, parsed and
 * validated by DefaultSloService.pushEventsBatch (every bucket of every SLO, each SLO's
 * definition from the catalog, reused for a minute) and accepted into the store.
 * The catalog is an in-memory stand-in, so the figure leaves out HTTP and a real
 * catalog's first look-up (timed separately: the first push).
 */
export async function benchPushPath(db: Db, n: number, nowMs: number) {
  const store = await storeOn(db.knex);
  const names = Array.from({ length: n }, (_, i) => `bench-${i}`);
  const service = DefaultSloService.create({
    catalog: catalogServiceMock({ entities: names.map(benchSloEntity) }),
    auth: mockServices.auth(),
    permissions: mockServices.permissions(),
    sliStore: store,
    statusStore: {} as SloStatusStore,
  });
  const hour = Math.floor(nowMs / HOUR) * HOUR - HOUR;
  const body = (minute: number) =>
    JSON.stringify({
      slos: names.map((name, i) => ({
        slo: `slo:default/${name}`,
        bucketSeconds: 60,
        buckets: [
          {
            start: new Date(hour + minute * MIN).toISOString(),
            good: 1000 - ((i + minute) % 7),
            total: 1000,
          },
        ],
      })),
    });
  const credentials = mockCredentials.service();
  const push = (text: string) =>
    service.pushEventsBatch(JSON.parse(text), { credentials });
  const [firstMs] = await time(() => push(body(0)));
  const times: number[] = [];
  for (let m = 1; m <= 10; m++) {
    const text = body(m);
    times.push((await time(() => push(text)))[0]);
  }
  const result = {
    medianMs: median(times),
    maxMs: Math.max(...times),
    firstMs,
  };
  console.log(
    `  (b) push API, ${n} SLOs x 1 minute bucket, ${
      db.name
    }: JSON parse + validation + accept median ${result.medianMs.toFixed(
      1,
    )} ms, max ${result.maxMs.toFixed(
      1,
    )} ms (first push, loading ${n} definitions: ${firstMs.toFixed(0)} ms)`,
  );
  return result;
}

const quietLogger: LoggerService = {
  error: console.error,
  warn: console.warn,
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

/**
 * The in-process floor: one plain pass over typed arrays holding, per SLO, 720
 * hourly and 72 five-minute buckets (a 30-day period's hours and the 6-hour
 * window's 5-minute steps), summing good and total. Nothing evaluates faster
 * than reading its data once. Returns the median of `runs` passes in ms.
 */
export function benchFloor(
  n: number,
  bucketsOf: (i: number) => SliBucketInput[],
  runs = 5,
): number {
  const perSlo = 720 + 72;
  const data = Array.from({ length: n }, (_, i) => {
    const buckets = bucketsOf(i);
    const flat = new Float64Array(2 * perSlo);
    for (let k = 0; k < perSlo; k++) {
      const b = buckets[k % buckets.length];
      flat[2 * k] = b.good;
      flat[2 * k + 1] = b.total;
    }
    return flat;
  });
  const times: number[] = [];
  let check = 0;
  for (let run = 0; run < runs; run++) {
    const t0 = process.hrtime.bigint();
    for (const flat of data) {
      let good = 0;
      let total = 0;
      for (let k = 0; k < flat.length; k += 2) {
        good += flat[k];
        total += flat[k + 1];
      }
      check += good / total;
    }
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  if (Number.isNaN(check)) throw new Error('floor scan read no data');
  return median(times);
}

export type OursResult = {
  loadMs: number;
  rows: number;
  coldMs: number;
  steadyMs: number[];
  /** Median time of a steady run's save (the first save is firstWrites.ms). */
  saveMs: number;
  statuses: Map<string, SloStatus>;
  /**
   * The status and history rows the store wrote, as it counts them: the first
   * save (every row new), each steady run's (same data, same time), and two runs
   * on the same data 30 and 60 s later (the next intervals: only time moves).
   */
  writes: {
    first: StatusWrites & { ms: number };
    steady: StatusWrites[];
    later: Array<StatusWrites & { ms: number; afterMs: number }>;
  };
  /** Heap (with buffers) and RSS growth over the first evaluation (its rollups). */
  memory: { heapMb: number; rssMb: number; bucketsPerSlo: number };
  /**
   * A restart with the snapshot the first run stored (file databases only): its
   * size and saving time, the new evaluator's first run and whether it gave the
   * same statuses as the evaluator that ran all along.
   */
  restart?: {
    snapshotMb: number;
    saveMs: number;
    firstRunMs: number;
    sameStatuses: boolean;
  };
};

const MB = 1024 * 1024;

/**
 * Heap (with the typed arrays' buffers, which live outside it) and RSS after a
 * full garbage collection (needs node --expose-gc).
 */
function memoryNow() {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, external, rss } = process.memoryUsage();
  return { heapUsed: heapUsed + external, rss };
}

/**
 * (a) Loads N SLOs through writeTick, then times SloEvaluator.evaluateBuiltin: the
 * first run of a new evaluator (warming its rollups from the database) and steady
 * runs, each after an ingest tick that re-sends every SLO's last minute (so the
 * refresh reads a tick's rows and the statuses stay comparable).
 */
export async function benchOurs(
  db: Db,
  options: {
    n: number;
    nowMs: number;
    bucketsOf(i: number): SliBucketInput[];
    definition(i: number): SloDefinition;
    steadyRuns: number;
  },
): Promise<OursResult> {
  const { n, nowMs } = options;
  const store = await storeOn(db.knex);
  const refOf = (i: number) => options.definition(i).ref;
  let rows = 0;
  const last: SliTickEntry[] = [];
  const [loadMs] = await time(async () => {
    const perTick = Math.max(
      1,
      Math.floor(200_000 / options.bucketsOf(0).length),
    );
    for (let i = 0; i < n; i += perTick) {
      const entries: SliTickEntry[] = [];
      for (let j = i; j < Math.min(n, i + perTick); j++) {
        const buckets = options.bucketsOf(j);
        rows += buckets.length;
        entries.push({ sloRef: refOf(j), buckets });
        last.push({ sloRef: refOf(j), buckets: buckets.slice(-1) });
      }
      await store.writeTick(entries);
      await store.applyPending();
    }
  });
  console.log(
    `    (loaded ${n} SLOs = ${(rows / 1e6).toFixed(1)} M buckets into ${
      db.name
    } through writeTick in ${(loadMs / 1000).toFixed(0)} s)`,
  );

  // In a running backend the bulk of the data is older than the evaluator's
  // re-read overlap; without this wait its first incremental refresh would re-read
  // the whole load.
  await new Promise(r => setTimeout(r, REFRESH_OVERLAP_MS + 1_000));

  const statusStore = (
    await SreDatabase.create({ database: databaseOn(db.knex) })
  ).statusStore();
  const slos = Array.from({ length: n }, (_, i) => ({
    definition: options.definition(i),
  }));
  const snapshots = store.cacheSnapshots;
  const newEvaluator = () =>
    new SloEvaluator(
      {} as CatalogSloRegistry,
      store,
      statusStore,
      {} as PrometheusSliSource,
      quietLogger,
      undefined,
      { cacheSnapshots: snapshots },
    );
  const evaluator = newEvaluator();
  const before = memoryNow();
  const [coldMs, first] = await profiled('cold', () =>
    time(() => evaluator.evaluateBuiltin(slos, nowMs)),
  );
  const after = memoryNow();
  const held = evaluator.heldRollups(refOf(0));
  const memory = {
    heapMb: (after.heapUsed - before.heapUsed) / MB,
    rssMb: (after.rss - before.rss) / MB,
    bucketsPerSlo: held ? held.hours + held.fiveMinutes + held.minutes : 0,
  };
  // Each run then saves its statuses (and today's history points), as
  // evaluateAll does: the bench's SLOs have rolling periods.
  const save = async (evaluated: StoredSloStatus[]) => {
    const [ms, writes] = await time(() =>
      statusStore.saveStatuses(
        evaluated.map(s => ({ ...s, rollingPeriod: true })),
      ),
    );
    return { ...writes, ms };
  };
  const firstWrites = await save(first);
  // As evaluateAll does after a run that read everything.
  const [snapshotSaveMs] = await time(() => evaluator.saveCacheSnapshot());
  const steadyMs: number[] = [];
  const steadySaveMs: number[] = [];
  const steadyWrites: StatusWrites[] = [];
  let statuses = first;
  for (let run = 0; run < options.steadyRuns; run++) {
    await store.writeTick(last);
    await store.applyPending();
    const [ms, next] = await profiled(`steady-${run}`, () =>
      time(() => evaluator.evaluateBuiltin(slos, nowMs)),
    );
    steadyMs.push(ms);
    statuses = next;
    const { ms: saved, ...writes } = await save(next);
    steadySaveMs.push(saved);
    steadyWrites.push(writes);
  }
  let restart: OursResult['restart'];
  if (snapshots) {
    const restarted = newEvaluator();
    const [firstRunMs, again] = await profiled('restart', () =>
      time(() => restarted.evaluateBuiltin(slos, nowMs)),
    );
    const byRef = new Map(statuses.map(s => [s.status.sloRef, s.status]));
    const snapshotBytes = await db.knex('sre_sli_cache_snapshots').sum({
      bytes: db.knex.raw('length(data)'),
    });
    restart = {
      snapshotMb: Number(snapshotBytes[0].bytes) / MB,
      saveMs: snapshotSaveMs,
      firstRunMs,
      sameStatuses: again.every(
        s =>
          JSON.stringify(s.status) ===
          JSON.stringify(byRef.get(s.status.sloRef)),
      ),
    };
  }
  const later = [];
  for (const afterMs of [30_000, 60_000]) {
    const evaluated = await evaluator.evaluateBuiltin(slos, nowMs + afterMs);
    later.push({ ...(await save(evaluated)), afterMs });
  }
  return {
    loadMs,
    rows,
    coldMs,
    steadyMs,
    saveMs: median(steadySaveMs),
    statuses: new Map(statuses.map(s => [s.status.sloRef, s.status])),
    writes: { first: firstWrites, steady: steadyWrites, later },
    memory,
    restart,
  };
}
