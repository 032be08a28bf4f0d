/* eslint-disable no-console */
/**
 * Benchmark (issue 3, item 8), run on demand: `yarn bench` from the repository
 * root. In one run it prints
 *  (a) the full-fleet status recompute (30-day rolling budget, 7 burn windows,
 *      page/ticket rules) of the backend's own path, SloEvaluator.evaluateBuiltin
 *      on data loaded through writeTick (the store code of the push API), against a
 *      real Prometheus evaluating the same windows on the same data, on two data
 *      sets:
 *        - hourly rollups: SRE_BENCH_HOURLY_SLOS SLOs (default 10,000), hourly
 *          buckets up to the tier cut and 5-minute buckets in the last 3 days
 *          (what the built-in store keeps for the long windows);
 *        - raw per-minute counters: SRE_BENCH_RAW_SLOS SLOs (default 1,000), a
 *          sample per minute for 31 days in Prometheus; the built-in store gets the
 *          same minutes where the push API accepts minutes (the last 4 days) and
 *          their exact hourly sums before (what it keeps of pushed minutes);
 *  (b) one ingest tick of SRE_BENCH_TICK_SLOS SLOs' per-minute counts (default
 *      10,000) on in-memory SQLite (the embedded default), SQLite in a file and
 *      PostgreSQL (databaseStore.ts, ingestTick.ts);
 * and `yarn bench:read` runs (c), the read path under concurrent clients.
 *
 * SRE_BENCH_PROMETHEUS=0 skips Prometheus; SRE_BENCH_STEADY_RUNS (5) and
 * SRE_BENCH_PROMETHEUS_RUNS (3) set the repetitions; SRE_BENCH_DATABASE=postgres
 * runs (a) on PostgreSQL instead of SQLite.
 *
 * The time axis and knobs: evaluationSettings.ts; the data sets:
 * evaluationDataSets.ts; (a) on one data set: dataSetRuns.ts (ours, the floor,
 * Prometheus, evaluationComparison.ts); the summary table: evaluationReport.ts.
 */
import { benchTickPerDatabase } from './databaseStore';
import { Row, benchDataSet } from './dataSetRuns';
import { dataSet, minuteCounts, stepCounts } from './evaluationDataSets';
import { printSummary } from './evaluationReport';
import {
  CUT,
  FINE_FROM,
  FROM,
  MIN,
  NOW,
  PERIOD_DAYS,
  STEP,
  env,
} from './evaluationSettings';

async function main() {
  console.log(
    `SLO benchmark: ${PERIOD_DAYS}-day rolling budget, 7 burn windows, page/ticket rules; evaluated at ${new Date(
      NOW,
    ).toISOString()}`,
  );

  // (b) first: it needs little memory.
  const tickSlos = env('SRE_BENCH_TICK_SLOS', 10_000);
  const ticks = await benchTickPerDatabase(tickSlos, NOW);

  const rows: Row[] = [];
  const hourly = env('SRE_BENCH_HOURLY_SLOS', 10_000);
  if (hourly > 0) {
    rows.push(
      await benchDataSet(
        dataSet(
          'hourly rollups (5-minute buckets in the last 3 days)',
          hourly,
          stepCounts,
          STEP,
          CUT,
          CUT,
        ),
      ),
    );
  }
  const raw = env('SRE_BENCH_RAW_SLOS', 1_000);
  if (raw > 0) {
    rows.push(
      await benchDataSet(
        dataSet(
          'raw per-minute counters',
          raw,
          minuteCounts,
          MIN,
          FINE_FROM,
          FROM,
        ),
      ),
    );
  }

  printSummary(rows, ticks, tickSlos);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
