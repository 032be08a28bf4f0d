/**
 * The database side of the SLO benchmark, through DatabaseSliStore (the store the
 * push API writes to):
 *  (b) one ingest tick of N SLOs' per-minute counts: accepting it (`writeTick`,
 *      the push's write) and applying it (`applyPending`, before the next
 *      evaluation), on SQLite and on PostgreSQL when one answers (ingestTick.ts);
 *  (a) N SLOs' data loaded through `writeTick` (evaluatorSeeding.ts), then the
 *      full-fleet status recompute of SloEvaluator.evaluateBuiltin (the backend's
 *      own path): cold (a new evaluator warms its in-memory rollups from the
 *      database) and steady (after an ingest tick, it reads only the rows written
 *      since) (evaluatorRuns.ts), and the in-process floor (floorScan.ts).
 * The databases themselves: benchDatabases.ts (SRE_BENCH_POSTGRES).
 */
export { median, time } from './benchTiming';
export type { Db } from './benchDatabases';
export {
  postgresDb,
  postgresUrl,
  sqliteDb,
  sqliteMemoryDb,
} from './benchDatabases';
export type { TickFigures } from './ingestTick';
export { benchPushPath, benchTick, benchTickPerDatabase } from './ingestTick';
export { benchFloor } from './floorScan';
export type { OursResult } from './evaluatorRuns';
export { benchOurs } from './evaluatorRuns';
