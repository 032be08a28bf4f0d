/* eslint-disable no-console */
/**
 * (a) of the SLO benchmark on one data set: our evaluator on the database of
 * SRE_BENCH_DATABASE, the floor scan, then the Prometheus peer on the same data and
 * the check that both give the same numbers.
 */
import {
  OursResult,
  benchFloor,
  benchOurs,
  median,
  postgresDb,
  postgresUrl,
  sqliteDb,
  Db,
} from './databaseStore';
import { DataSet, definition } from './evaluationDataSets';
import { compare } from './evaluationComparison';
import { fmt, writesText } from './evaluationReport';
import { NOW, env } from './evaluationSettings';
import { PeerResult, benchPrometheus } from './prometheusPeer';

async function openDb(): Promise<Db> {
  if (process.env.SRE_BENCH_DATABASE === 'postgres') {
    const url = postgresUrl();
    const db = url ? await postgresDb(url) : undefined;
    if (!db) throw new Error('SRE_BENCH_DATABASE=postgres needs a PostgreSQL');
    return db;
  }
  return sqliteDb();
}

export type Row = {
  set: DataSet;
  ours: OursResult;
  floorMs: number;
  peer?: PeerResult;
  problems: string[];
};

export async function benchDataSet(set: DataSet): Promise<Row> {
  console.log(`\n(a) ${set.name}, ${set.n} SLOs`);
  const db = await openDb();
  let ours: OursResult;
  try {
    ours = await benchOurs(db, {
      n: set.n,
      nowMs: NOW,
      bucketsOf: set.bucketsOf,
      definition,
      steadyRuns: env('SRE_BENCH_STEADY_RUNS', 5),
    });
  } finally {
    await db.cleanup();
  }
  const floorMs = benchFloor(set.n, set.bucketsOf);
  console.log(
    `    memory of the first evaluation: heap +${ours.memory.heapMb.toFixed(
      0,
    )} MB, RSS +${ours.memory.rssMb.toFixed(0)} MB (${
      ours.memory.bucketsPerSlo
    } buckets held per SLO); floor (plain typed-array scan of 720 + 72 buckets per SLO): ${fmt(
      floorMs,
    )}`,
  );
  console.log(
    `    ours (SloEvaluator.evaluateBuiltin on ${db.name}): cold ${fmt(
      ours.coldMs,
    )} (warm-up from the database + evaluate), steady median ${fmt(
      median(ours.steadyMs),
    )} (runs: ${ours.steadyMs
      .map(fmt)
      .join(', ')}); then saving the statuses ${fmt(ours.saveMs)}`,
  );
  console.log(
    `    status writes per run (counted by the store): ${writesText(ours)}`,
  );
  if (ours.restart) {
    const r = ours.restart;
    console.log(
      `    restart from the snapshot of the rollups (${r.snapshotMb.toFixed(
        0,
      )} MB, stored in ${fmt(r.saveMs)} after the first run): first run ${fmt(
        r.firstRunMs,
      )}, ${
        r.sameStatuses
          ? 'same statuses as the evaluator that ran all along'
          : 'STATUSES DIFFER from the evaluator that ran all along'
      }`,
    );
  }
  if (process.env.SRE_BENCH_PROMETHEUS === '0')
    return { set, ours, floorMs, problems: [] };
  const peer = await benchPrometheus({
    n: set.n,
    nowMs: NOW,
    samples: set.samples,
    samplesPerSlo: set.samplesPerSlo,
    definition,
    runs: env('SRE_BENCH_PROMETHEUS_RUNS', 3),
  });
  console.log(
    `    Prometheus (one query per window for all SLOs + evaluateSlo): median ${fmt(
      median(peer.runsMs),
    )} (runs: ${peer.runsMs.map(fmt).join(', ')})`,
  );
  const problems = compare(ours.statuses, peer.statuses);
  console.log(
    problems.length
      ? `    NUMBERS DIFFER for ${
          problems.length
        } fields, e.g.:\n      ${problems.slice(0, 5).join('\n      ')}`
      : `    same numbers on both paths for all ${set.n} SLOs (SLI, budget, 7 burn rates, alert)`,
  );
  return { set, ours, floorMs, peer, problems };
}
