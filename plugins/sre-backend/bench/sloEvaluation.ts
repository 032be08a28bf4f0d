/* eslint-disable no-console */
/**
 * Benchmark: SLO status (30-day budget, 7 burn windows, page/ticket state) for
 * 10,000 SLOs recomputed from stored rollups, against a real Prometheus evaluating
 * the same windows on the same data, measured in the same run.
 *
 *   yarn bench            (from the repository root)
 *
 * Prometheus gets K SLOs of backfilled counters (K is small: backfilling 10,000 SLOs
 * of 30 days would take longer than the comparison is worth); the ratio compares the
 * time per SLO of both paths on exactly those K SLOs, and the 10,000-SLO figure is
 * measured on our path alone.
 */
import {
  SliBucket,
  SloDefinition,
  evaluateSlo,
} from '@sre-catalog/backstage-plugin-sre-common';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  startPrometheus,
  toOpenMetrics,
  CounterSeries,
} from '../src/__testUtils__/prometheus/startPrometheus';
import { PrometheusSliSource } from '../src/services/slo/prometheus';
import { TieredSliData } from '../src/services/slo/TieredSliData';
import { tierCut } from '../src/services/slo/SloEvaluator';
import { HourRollup, SliSeries } from '../src/services/slo/SliStore';
import { benchDatabaseStore } from './databaseStore';

const MIN = 60_000;
const STEP = 5 * MIN;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const PERIOD_DAYS = 30;
const K = Number(process.env.SRE_BENCH_PROMETHEUS_SLOS ?? 10);
const N = Number(process.env.SRE_BENCH_SLOS ?? 10_000);
const NOW = Math.floor(Date.now() / HOUR) * HOUR - HOUR;

/** Good and total counts per 5-minute step for SLO i: steady traffic, some errors. */
function stepCounts(i: number, t: number) {
  const total = 3000 + ((i * 7919 + t / STEP) % 500);
  const incident = (t / STEP + i * 13) % 2000 < 12; // a burst now and then
  const bad = incident ? 40 + (i % 30) : (t / STEP + i) % 5;
  return { good: total - bad, total };
}

function definition(i: number, prometheus: boolean): SloDefinition {
  const ref = `slo:default/bench-${i}`;
  return {
    ref,
    name: `bench-${i}`,
    namespace: 'default',
    service: `component:default/service-${i}`,
    format: 'openslo',
    target: 0.999,
    budgetingMethod: 'Occurrences',
    timeWindow: {
      kind: 'rolling',
      durationMs: PERIOD_DAYS * DAY,
      text: `${PERIOD_DAYS}d`,
    },
    indicator: {
      source: prometheus
        ? {
            type: 'prometheus',
            counter: true,
            good: { query: `bench_requests_total{slo="${i}",code="ok"}` },
            total: { query: `bench_requests_total{slo="${i}"}` },
          }
        : { type: 'builtin' },
    },
    alertPolicies: [],
    runbookUrls: [],
  };
}

/** The stored form of SLO i: hourly rollups, and 5-minute buckets after the cut. */
function storedSeries(i: number): SliSeries {
  const from = NOW - (PERIOD_DAYS + 1) * DAY;
  const cut = tierCut(NOW);
  const minutes: SliBucket[] = [];
  const hours: HourRollup[] = [];
  for (let h = from; h < NOW; h += HOUR) {
    let good = 0;
    let total = 0;
    for (let t = h; t < h + HOUR; t += STEP) {
      const c = stepCounts(i, t);
      good += c.good;
      total += c.total;
      if (t >= cut) minutes.push({ startMs: t, ...c });
    }
    hours.push({
      startMs: h,
      good,
      total,
      goodSlices: 0,
      badSlices: 0,
      ratioSum: 0,
    });
  }
  return { minutes, hours };
}

/** The same counts as Prometheus counters: a sample at the end of every step. */
function counters(i: number): CounterSeries[] {
  const from = NOW - (PERIOD_DAYS + 1) * DAY;
  const ok: Array<[number, number]> = [[from, 0]];
  const err: Array<[number, number]> = [[from, 0]];
  let good = 0;
  let bad = 0;
  for (let t = from; t < NOW; t += STEP) {
    const c = stepCounts(i, t);
    good += c.good;
    bad += c.total - c.good;
    ok.push([t + STEP, good]);
    err.push([t + STEP, bad]);
  }
  return [
    { labels: { slo: String(i), code: 'ok' }, samples: ok },
    { labels: { slo: String(i), code: 'error' }, samples: err },
  ];
}

const quietLogger: LoggerService = {
  error: console.error,
  warn: console.warn,
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
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

async function main() {
  console.log(
    `SLO status benchmark: ${PERIOD_DAYS}-day rolling budget, 7 burn windows, page/ticket rules`,
  );

  // Our path, 10,000 SLOs: build each SLO's window sums from its rollups and evaluate.
  const distinct = 50; // distinct data shapes, reused so the data set fits in memory
  const shapes = Array.from({ length: distinct }, (_, i) => storedSeries(i));
  const defs = Array.from({ length: N }, (_, i) => definition(i, false));
  const cut = tierCut(NOW);
  const ours: number[] = [];
  let alerts = 0;
  for (let run = 0; run < 5; run++) {
    const [ms, alerting] = await time(() => {
      let count = 0;
      for (let i = 0; i < N; i++) {
        const data = new TieredSliData(shapes[i % distinct], cut);
        if (evaluateSlo(defs[i], data, NOW).alert !== 'none') count++;
      }
      return count;
    });
    alerts += alerting;
    ours.push(ms);
  }
  const oursMs = median(ours);
  console.log(
    `  built-in store, ${N} SLOs from stored rollups: ${oursMs.toFixed(
      0,
    )} ms (median of 5; ${alerts / 5} alerting)`,
  );

  // The same status computation, but reading the rollups from the database the
  // push API writes to; and one ingest tick (see databaseStore.ts).
  const db = await benchDatabaseStore({
    nowMs: NOW,
    periodDays: PERIOD_DAYS,
    stepCounts,
    definition: i => definition(i, false),
  });
  if (db.recomputeMs !== undefined) {
    console.log(
      `  full-fleet recompute: ${oursMs.toFixed(
        0,
      )} ms from in-memory rollups vs ${db.recomputeMs.toFixed(0)} ms reading ${
        db.recomputeSlos
      } SLOs from the database (target: well under 1000 ms)`,
    );
  }

  // The peer: Prometheus evaluating the same windows on the same data, K SLOs.
  const t0 = Date.now();
  const prometheus = await startPrometheus({
    openMetrics: toOpenMetrics([
      {
        name: 'bench_requests',
        help: 'Requests per SLO',
        series: Array.from({ length: K }, (_, i) => counters(i)).flat(),
      },
    ]),
  });
  console.log(
    `  (backfilled ${K} SLOs of ${PERIOD_DAYS + 1} days into Prometheus in ${(
      (Date.now() - t0) /
      1000
    ).toFixed(1)} s)`,
  );
  try {
    const source = PrometheusSliSource.fromConfig(
      new ConfigReader({
        sre: {
          sources: [
            { name: 'bench', type: 'prometheus', baseUrl: prometheus.baseUrl },
          ],
        },
      }),
      { logger: quietLogger },
    );
    const promDefs = Array.from({ length: K }, (_, i) => definition(i, true));
    const peer: number[] = [];
    const same: number[] = [];
    for (let run = 0; run < 5; run++) {
      const [ms, statuses] = await time(async () => {
        const fetched = await source.fetchWindows(promDefs, NOW);
        return promDefs.map(d => {
          const r = fetched.slos.get(d.ref);
          if (!r?.ok) throw new Error(`${d.ref}: ${r?.error}`);
          return evaluateSlo(d, r.data, NOW);
        });
      });
      peer.push(ms);
      const [oursK, mine] = await time(() =>
        promDefs.map((_d, i) =>
          evaluateSlo(
            definition(i, false),
            new TieredSliData(shapes[i % distinct], cut),
            NOW,
          ),
        ),
      );
      same.push(oursK);
      // Both paths must agree before their speed is compared.
      statuses.forEach((s, i) => {
        const delta = Math.abs(
          (s.errorBudgetRemaining ?? 0) - (mine[i].errorBudgetRemaining ?? 0),
        );
        if (delta > 1e-6) {
          throw new Error(
            `budget differs for ${s.sloRef}: ${s.errorBudgetRemaining} vs ${mine[i].errorBudgetRemaining}`,
          );
        }
      });
    }
    const peerMs = median(peer);
    const sameMs = median(same);
    console.log(
      `  Prometheus, ${K} SLOs (8 queries, one per window): ${peerMs.toFixed(
        1,
      )} ms = ${(peerMs / K).toFixed(3)} ms per SLO`,
    );
    console.log(
      `  built-in store, the same ${K} SLOs: ${sameMs.toFixed(2)} ms = ${(
        sameMs / K
      ).toFixed(4)} ms per SLO`,
    );
    console.log(
      `  built-in store per SLO at ${N}: ${(oursMs / N).toFixed(4)} ms`,
    );
    console.log(
      `ratio: built-in store is ${(peerMs / K / (oursMs / N)).toFixed(
        0,
      )}x faster per SLO than Prometheus on the same windows and data`,
    );
    console.log(
      `budget: ${N} SLOs in ${oursMs.toFixed(0)} ms from in-memory rollups${
        db.recomputeMs === undefined
          ? ''
          : `, ${db.recomputeMs.toFixed(0)} ms for ${
              db.recomputeSlos
            } SLOs read from the database`
      } (target: well under 1000 ms)`,
    );
    if (db.recomputeMs !== undefined) {
      console.log(
        `ratio with the database read: ${(
          peerMs /
          K /
          (db.recomputeMs / (db.recomputeSlos ?? N))
        ).toFixed(1)}x per SLO vs Prometheus`,
      );
    }
  } finally {
    await prometheus.stop();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
