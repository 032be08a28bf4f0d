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
 *      PostgreSQL (databaseStore.ts);
 * and `yarn bench:read` runs (c), the read path under concurrent clients.
 *
 * SRE_BENCH_PROMETHEUS=0 skips Prometheus; SRE_BENCH_STEADY_RUNS (5) and
 * SRE_BENCH_PROMETHEUS_RUNS (3) set the repetitions; SRE_BENCH_DATABASE=postgres
 * runs (a) on PostgreSQL instead of SQLite.
 */
import {
  SloDefinition,
  SloStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import { tierCut } from '../src/slos/sliTiers';
import { StatusWrites } from '../src/slos/status/SloStatusStore';
import { SliBucketInput } from '../src/slos/store/SliStore';
import {
  Db,
  OursResult,
  benchFloor,
  benchOurs,
  benchPushPath,
  benchTick,
  median,
  postgresDb,
  postgresUrl,
  sqliteDb,
  sqliteMemoryDb,
} from './databaseStore';
import { CounterSamples, PeerResult, benchPrometheus } from './prometheusPeer';

const MIN = 60_000;
const STEP = 5 * MIN;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const PERIOD_DAYS = 30;
const NOW = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
const FROM = NOW - (PERIOD_DAYS + 1) * DAY;
const CUT = tierCut(NOW);
/** The oldest minute the push API accepts (FINE_RETENTION_MS - 1 h before now). */
const FINE_FROM = NOW - 4 * DAY + HOUR;

const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);

function definition(i: number): SloDefinition {
  return {
    ref: `slo:default/bench-${i}`,
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
    indicator: { source: { type: 'builtin' } },
    alertPolicies: [],
    runbookUrls: [],
  };
}

/** Counts of SLO i in the 5-minute step at t: steady traffic, bursts of errors. */
function stepCounts(i: number, t: number) {
  const total = 3000 + ((i * 7919 + t / STEP) % 500);
  const incident = (t / STEP + i * 13) % 2000 < 12;
  const bad = incident ? 40 + (i % 30) : (t / STEP + i) % 5;
  return { good: total - bad, total };
}

/** Counts of SLO i in the minute at t. */
function minuteCounts(i: number, t: number) {
  const m = t / MIN;
  const total = 600 + ((i * 7919 + m) % 100);
  const incident = (m + i * 61) % 10_000 < 40;
  let bad = (m + i) % 7 === 0 ? 1 : 0;
  if (incident) bad = 10 + (i % 20);
  return { good: total - bad, total };
}

type DataSet = {
  name: string;
  n: number;
  /** The buckets of SLO i as pushed to the built-in store. */
  bucketsOf(i: number): SliBucketInput[];
  /** The same counts as counter samples for Prometheus. */
  samples: CounterSamples;
  samplesPerSlo: number;
};

function sum(
  counts: (i: number, t: number) => { good: number; total: number },
  i: number,
  from: number,
  to: number,
  step: number,
) {
  let good = 0;
  let total = 0;
  for (let t = from; t < to; t += step) {
    const c = counts(i, t);
    good += c.good;
    total += c.total;
  }
  return { good, total };
}

/**
 * Buckets of `fine` ms from `fineFrom`, hourly sums before, for the built-in
 * store; for Prometheus the same counts as counter samples every `fine` ms from
 * `promFineFrom` (and at hour ends before it).
 */
function dataSet(
  name: string,
  n: number,
  counts: (i: number, t: number) => { good: number; total: number },
  fine: number,
  fineFrom: number,
  promFineFrom: number,
): DataSet {
  const bucketsFrom = (i: number, from: number) => {
    const buckets: SliBucketInput[] = [];
    for (let h = FROM; h < from; h += HOUR) {
      buckets.push({
        startMs: h,
        seconds: 3600,
        ...sum(counts, i, h, h + HOUR, fine),
      });
    }
    for (let t = from; t < NOW; t += fine) {
      buckets.push({ startMs: t, seconds: fine / 1000, ...counts(i, t) });
    }
    return buckets;
  };
  return {
    name,
    n,
    bucketsOf: i => bucketsFrom(i, fineFrom),
    samplesPerSlo: bucketsFrom(0, promFineFrom).length + 1,
    *samples(i) {
      let good = 0;
      let bad = 0;
      yield [FROM, 0, 0];
      for (const b of bucketsFrom(i, promFineFrom)) {
        good += b.good;
        bad += b.total - b.good;
        yield [b.startMs + b.seconds * 1000, good, bad];
      }
    },
  };
}

function same(peer: PeerResult | undefined, problems: string[]) {
  if (!peer) return '-';
  return problems.length ? 'NO' : 'yes';
}

/** Rows and bytes the status store wrote: steady runs, the next intervals, the first save. */
function writesText({ writes }: OursResult) {
  const rows = (x: StatusWrites) =>
    `${x.statusRows} status + ${x.historyRows} history rows, ${(
      x.bytes / 1024
    ).toFixed(1)} kB`;
  const most = writes.steady.reduce(
    (a, b) =>
      b.statusRows + b.historyRows > a.statusRows + a.historyRows ? b : a,
    writes.steady[0],
  );
  const later = writes.later
    .map(x => `${x.afterMs / 1000} s later ${rows(x)} in ${fmt(x.ms)}`)
    .join(', ');
  return `steady runs at most ${
    most ? rows(most) : 'none'
  }; on the same data ${later}; first save (all rows new) ${rows(
    writes.first,
  )} in ${fmt(writes.first.ms)}`;
}

function fmt(ms: number) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

/** Both paths must give the same numbers before their speed is compared. */
function compare(
  ours: Map<string, SloStatus>,
  peer: Map<string, SloStatus>,
): string[] {
  const problems: string[] = [];
  const close = (a: number | null, b: number | null) =>
    a === b ||
    (a !== null &&
      b !== null &&
      Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
  for (const [ref, p] of peer) {
    const o = ours.get(ref);
    if (!o) {
      problems.push(`${ref}: missing from ours`);
      continue;
    }
    const fields: Array<[string, number | null, number | null]> = [
      ['sli', o.sli, p.sli],
      ['errorBudgetRemaining', o.errorBudgetRemaining, p.errorBudgetRemaining],
      ...Object.entries(o.burnRates).map(
        ([w, v]) =>
          [`burnRates.${w}`, v, p.burnRates[w as keyof typeof p.burnRates]] as [
            string,
            number | null,
            number | null,
          ],
      ),
    ];
    for (const [field, a, b] of fields) {
      if (!close(a, b))
        problems.push(`${ref} ${field}: ours ${a}, Prometheus ${b}`);
    }
    if (o.alert !== p.alert) {
      problems.push(`${ref} alert: ours ${o.alert}, Prometheus ${p.alert}`);
    }
  }
  return problems;
}

async function openDb(): Promise<Db> {
  if (process.env.SRE_BENCH_DATABASE === 'postgres') {
    const url = postgresUrl();
    const db = url ? await postgresDb(url) : undefined;
    if (!db) throw new Error('SRE_BENCH_DATABASE=postgres needs a PostgreSQL');
    return db;
  }
  return sqliteDb();
}

type Row = {
  set: DataSet;
  ours: OursResult;
  floorMs: number;
  peer?: PeerResult;
  problems: string[];
};

async function benchDataSet(set: DataSet): Promise<Row> {
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

async function main() {
  console.log(
    `SLO benchmark: ${PERIOD_DAYS}-day rolling budget, 7 burn windows, page/ticket rules; evaluated at ${new Date(
      NOW,
    ).toISOString()}`,
  );

  // (b) first: it needs little memory.
  const tickSlos = env('SRE_BENCH_TICK_SLOS', 10_000);
  type TickFigures = Awaited<ReturnType<typeof benchTick>> & {
    name: string;
    api: Awaited<ReturnType<typeof benchPushPath>>;
  };
  const ticks: TickFigures[] = [];
  const pg = postgresUrl();
  const tickDbs: Array<() => Promise<Db | undefined>> =
    tickSlos > 0
      ? [sqliteMemoryDb, sqliteDb, ...(pg ? [() => postgresDb(pg)] : [])]
      : [];
  for (const open of tickDbs) {
    const db = await open();
    if (!db) continue;
    try {
      const tick = await benchTick(db, tickSlos, NOW);
      const api = await benchPushPath(db, tickSlos, NOW);
      ticks.push({ name: db.name, ...tick, api });
    } finally {
      await db.cleanup();
    }
  }

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

  console.log('\n=== Summary ===');
  console.log(
    '(a) full-fleet status recompute; ratio = Prometheus time / ours (higher is better for ours)',
  );
  console.log(
    `    ${'data set'.padEnd(26)} ${'SLOs'.padStart(6)} ${'Prometheus'.padStart(
      11,
    )} ${'ours steady'.padStart(12)} ${'ratio'.padStart(
      8,
    )} ${'ours cold'.padStart(10)} ${'ratio'.padStart(8)}  same numbers`,
  );
  for (const { set, ours, peer, problems } of rows) {
    const steady = median(ours.steadyMs);
    const peerMs = peer ? median(peer.runsMs) : NaN;
    const name = set.name.startsWith('hourly')
      ? 'hourly rollups'
      : 'raw per-minute';
    console.log(
      `    ${name.padEnd(26)} ${String(set.n).padStart(6)} ${(peer
        ? fmt(peerMs)
        : '-'
      ).padStart(11)} ${fmt(steady).padStart(12)} ${(peer
        ? `${(peerMs / steady).toFixed(1)}x`
        : '-'
      ).padStart(8)} ${fmt(ours.coldMs).padStart(10)} ${(peer
        ? `${(peerMs / ours.coldMs).toFixed(2)}x`
        : '-'
      ).padStart(8)}  ${same(peer, problems)}`,
    );
  }
  console.log(
    '    targets: steady >= 100x and cold >= 3x Prometheus on hourly rollups, >= 10x on raw per-minute counters (steady: the evaluator every 30 s; cold: its first run after a start)',
  );
  console.log(
    `    ${'data set'.padEnd(26)} ${'floor'.padStart(
      8,
    )} ${'ours/floor'.padStart(11)} ${'heap +MB'.padStart(
      9,
    )} ${'RSS +MB'.padStart(
      8,
    )}  (targets: ours within 3x of the floor; <= 400 MB at 10,000 SLOs)`,
  );
  for (const { set, ours, floorMs } of rows) {
    const name = set.name.startsWith('hourly')
      ? 'hourly rollups'
      : 'raw per-minute';
    console.log(
      `    ${name.padEnd(26)} ${fmt(floorMs).padStart(8)} ${`${(
        median(ours.steadyMs) / floorMs
      ).toFixed(1)}x`.padStart(11)} ${ours.memory.heapMb
        .toFixed(0)
        .padStart(9)} ${ours.memory.rssMb.toFixed(0).padStart(8)}`,
    );
  }
  if (ticks.length) {
    console.log(
      `(b) one ingest tick of ${tickSlos} SLOs x 1 minute: accepting it is the push's write (target: well under 100 ms); applying it runs before the next evaluation`,
    );
  }
  const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(9);
  for (const t of ticks) {
    console.log(
      `    ${t.name.padEnd(18)} accept median ${ms(t.appendMs)}, max ${ms(
        t.appendMaxMs,
      )}   whole push API call median ${ms(t.api.medianMs)}, max ${ms(
        t.api.maxMs,
      )}   apply median ${ms(t.applyMs)}, max ${ms(t.applyMaxMs)}`,
    );
  }
  console.log('(c) run `yarn bench:read` (the read path under 16 clients)');
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
