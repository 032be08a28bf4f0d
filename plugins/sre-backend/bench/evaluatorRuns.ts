/**
 * (a) of the SLO benchmark on one database: the full-fleet status recompute of
 * SloEvaluator.evaluateBuiltin (the backend's own path) on data loaded through
 * `writeTick`, cold (a new evaluator warms its in-memory rollups from the database),
 * steady (after an ingest tick, it reads only the rows written since), after a
 * restart from the snapshot of its rollups, and the memory its rollups hold.
 */
import {
  SloDefinition,
  SloStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { CatalogSloRegistry } from '../src/slos/CatalogSloRegistry';
import { REFRESH_OVERLAP_MS } from '../src/slos/evaluation/SliCache';
import { SloEvaluator } from '../src/slos/evaluation/SloEvaluator';
import { PrometheusSliSource } from '../src/slos/prometheus';
import { SreDatabase } from '../src/database/SreDatabase';
import {
  StatusWrites,
  StoredSloStatus,
} from '../src/slos/status/SloStatusStore';
import { SliBucketInput } from '../src/slos/store/SliStore';
import { Db, databaseOn, storeOn } from './benchDatabases';
import { median, time } from './benchTiming';
import { profiled } from './cpuProfile';
import { seedThroughWriteTick } from './evaluatorSeeding';

const quietLogger: LoggerService = {
  error: console.error,
  warn: console.warn,
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

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
  const { loadMs, rows, last } = await seedThroughWriteTick(db, store, {
    n,
    bucketsOf: options.bucketsOf,
    refOf,
  });

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
