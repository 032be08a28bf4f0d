/* eslint-disable no-console */
/**
 * Benchmark (issue 10, item 10), run on demand: `yarn bench:sloth` from the
 * repository root. One real Prometheus (Debian's, backfilled with promtool) holds,
 * for SRE_BENCH_SLOTH_SLOS SLOs (default 10,000), both
 *  - the raw counters, `bench_requests_total{slo, code}`, 31 days of them: a
 *    sample a day before the last 3 days, hourly then, every 5 minutes in the last
 *    6 hours (every window edge is a sample; promtool writes one block per 2 hours
 *    with samples, so denser old data would take most of the run to import, and
 *    real scrapes are far denser still: the raw path is favoured), and
 *  - Sloth's SLI recording rules, `slo:sli_error:ratio_rate5m` … `_3d` and the
 *    period's (`_30d`, or `_4w` for the quarter of the SLOs with 28 days), with the
 *    error ratios computed here from the same counters (a backfill of what the
 *    rules would have recorded at the evaluation time).
 * It times PrometheusSliSource.fetchWindows plus the evaluation of every SLO in
 * both ways, alternately (SRE_BENCH_SLOTH_RAW_RUNS times from raw, default 1: a
 * run takes minutes at 10,000 SLOs; SRE_BENCH_SLOTH_RUNS times from the rules,
 * default 3):
 *  - raw counters: the SLOs without a Sloth declaration (today's path: one
 *    batched query per window per 100 SLOs);
 *  - recording rules: the same SLOs declaring their Sloth rules (one query per
 *    series name for all of them);
 * checks that both give the same numbers for every SLO (the rules carry no event
 * counts, so their budget's allowed/consumed are null) and prints both times and
 * the ratio.
 */
import {
  BURN_RATE_WINDOWS,
  BURN_RATE_WINDOW_MS,
  SloDefinition,
  SlothRecordingRules,
} from '@sre-catalog/backstage-plugin-sre-common';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { DAY, HOUR, MIN } from '../src/__testUtils__/durations';
import { startPrometheus } from '../src/__testUtils__/prometheus/startPrometheus';
import { PrometheusSliSource } from '../src/slos/prometheus/PrometheusSliSource';
import { evaluatePrometheusSlo } from '../src/slos/prometheus/evaluatePrometheusSlo';
import {
  slothFamilyHeader,
  slothSampleLine,
} from '../src/slos/prometheus/__testUtils__/slothOpenMetrics';
import { waitForCompaction, writeCounters } from './prometheusPeer';

const STEP = 5 * MIN;
const NOW = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
const FROM = NOW - 31 * DAY;
/** 5-minute samples from here on: the burn windows up to 6 h need them. */
const FINE_FROM = NOW - 6 * HOUR;
/** Hourly samples from here on, daily before. */
const HOURLY_FROM = NOW - 3 * DAY;

const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);

const periodDaysOf = (i: number) => (i % 4 === 3 ? 28 : 30);

function rulesOf(i: number): SlothRecordingRules {
  return {
    id: `svc-${i}-availability`,
    service: `svc-${i}`,
    slo: 'availability',
  };
}

function definition(i: number, sloth: boolean): SloDefinition {
  const days = periodDaysOf(i);
  return {
    ref: `slo:default/bench-${i}`,
    name: `bench-${i}`,
    namespace: 'default',
    service: `component:default/svc-${i}`,
    format: 'sloth',
    target: 0.999,
    budgetingMethod: 'Occurrences',
    timeWindow: { kind: 'rolling', durationMs: days * DAY, text: `${days}d` },
    indicator: {
      source: {
        type: 'prometheus',
        counter: true,
        bad: { query: `bench_requests_total{slo="${i}",code="error"}` },
        total: { query: `bench_requests_total{slo="${i}"}` },
        ...(sloth ? { sloth: rulesOf(i) } : {}),
      },
    },
    alertPolicies: [],
    runbookUrls: [],
  };
}

/** Requests of SLO i in the 5-minute step at t: steady traffic, bursts of errors. */
function stepCounts(i: number, t: number) {
  const s = t / STEP;
  const total = 3000 + ((i * 7919 + s) % 500);
  const incident = (s + i * 13) % 2000 < 12;
  const bad = incident ? 40 + (i % 30) : (s + i) % 5;
  return { good: total - bad, total };
}

/** Cumulative `[timeMs, good, bad]` of SLO i: daily, hourly, then every 5 minutes. */
function seriesOf(i: number): Array<[number, number, number]> {
  const points: Array<[number, number, number]> = [[FROM, 0, 0]];
  let good = 0;
  let bad = 0;
  for (let t = FROM; t < NOW; t += STEP) {
    const c = stepCounts(i, t);
    good += c.good;
    bad += c.total - c.good;
    const end = t + STEP;
    if (
      end >= FINE_FROM ||
      (end >= HOURLY_FROM && end % HOUR === 0) ||
      (NOW - end) % DAY === 0
    ) {
      points.push([end, good, bad]);
    }
  }
  return points;
}

/** The windows of SLO i in seconds: the burn windows and its period. */
function windowsOf(i: number): number[] {
  return [
    ...BURN_RATE_WINDOWS.map(w => BURN_RATE_WINDOW_MS[w] / 1000),
    periodDaysOf(i) * 86_400,
  ];
}

/**
 * The rule series at NOW, from the same cumulative counts the counters hold:
 * every window edge is a sample time, so this is what increase() gives. One
 * family (series name) after the other, as OpenMetrics wants.
 */
async function writeRules(dir: string, n: number): Promise<string> {
  const lines = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const at = new Map(seriesOf(i).map(([t, good, bad]) => [t, { good, bad }]));
    const end = at.get(NOW)!;
    for (const seconds of windowsOf(i)) {
      const start = at.get(NOW - seconds * 1000);
      if (!start) throw new Error(`no sample at the start of ${seconds} s`);
      const bad = end.bad - start.bad;
      const total = bad + end.good - start.good;
      const family = lines.get(seconds) ?? [];
      family.push(slothSampleLine(rulesOf(i), seconds, bad / total, NOW));
      lines.set(seconds, family);
    }
  }
  const file = path.join(dir, 'sloth-rules.om');
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  for (const [seconds, family] of lines) {
    if (!out.write(slothFamilyHeader(seconds) + family.join(''))) {
      await once(out, 'drain');
    }
  }
  out.end('# EOF\n');
  await once(out, 'finish');
  return file;
}

type Evaluated = ReturnType<typeof evaluatePrometheusSlo>;

/** One full evaluation: fetchWindows, then every SLO's status. */
async function evaluateAll(
  source: PrometheusSliSource,
  defs: SloDefinition[],
): Promise<{ ms: number; statuses: Map<string, Evaluated> }> {
  const t0 = process.hrtime.bigint();
  const fetched = await source.fetchWindows(defs, NOW);
  const statuses = new Map<string, Evaluated>();
  for (const d of defs) {
    const result = fetched.slos.get(d.ref);
    if (!result?.ok) {
      throw new Error(`${d.ref}: ${result?.error ?? 'no result'}`);
    }
    statuses.set(d.ref, evaluatePrometheusSlo(d, result.data, NOW));
  }
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, statuses };
}

/** Where the two ways disagree; the rules' budget must have no event counts. */
function compare(
  raw: Map<string, Evaluated>,
  rules: Map<string, Evaluated>,
): string[] {
  const problems: string[] = [];
  const close = (a: number | null, b: number | null, relative = 1e-9) =>
    a === b ||
    (a !== null &&
      b !== null &&
      Math.abs(a - b) <= relative * Math.max(1, Math.abs(a)));
  for (const [ref, r] of raw) {
    const s = rules.get(ref);
    if (!s) {
      problems.push(`${ref}: missing from the rules' statuses`);
      continue;
    }
    const fields: Array<[string, number | null, number | null]> = [
      ['sli', r.sli, s.sli],
      ['errorBudgetRemaining', r.errorBudgetRemaining, s.errorBudgetRemaining],
      ...BURN_RATE_WINDOWS.map(
        w =>
          [`burnRates.${w}`, r.burnRates[w], s.burnRates[w]] as [
            string,
            number | null,
            number | null,
          ],
      ),
    ];
    for (const [field, a, b] of fields) {
      if (!close(a, b)) problems.push(`${ref} ${field}: raw ${a}, rules ${b}`);
    }
    if (r.alert !== s.alert) {
      problems.push(`${ref} alert: raw ${r.alert}, rules ${s.alert}`);
    }
    // Whole seconds, rounded: float noise may tip it by one.
    if (
      (r.timeToExhaustion === null) !== (s.timeToExhaustion === null) ||
      Math.abs((r.timeToExhaustion ?? 0) - (s.timeToExhaustion ?? 0)) > 1
    ) {
      problems.push(
        `${ref} timeToExhaustion: raw ${r.timeToExhaustion}, rules ${s.timeToExhaustion}`,
      );
    }
    if (s.budget.allowed !== null || s.budget.consumed !== null) {
      problems.push(`${ref} budget: the rules cannot know event counts`);
    }
  }
  return problems;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const fmt = (ms: number) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;

async function main() {
  const n = env('SRE_BENCH_SLOTH_SLOS', 10_000);
  const runs = Math.max(1, env('SRE_BENCH_SLOTH_RUNS', 3));
  const rawRuns = Math.max(1, env('SRE_BENCH_SLOTH_RAW_RUNS', 1));
  console.log(
    `Sloth recording rules against raw counters, ${n} SLOs on one Prometheus (item 10)`,
  );
  const t0 = Date.now();
  const prometheus = await startPrometheus({
    writeOpenMetrics: async dir => [
      ...(await writeCounters(dir, n, i => seriesOf(i))),
      await writeRules(dir, n),
    ],
    args: ['--query.max-samples=500000000', '--query.timeout=10m'],
    readyTimeoutMs: 300_000,
  });
  const importMs = Date.now() - t0;
  try {
    const settled = await waitForCompaction(prometheus.baseUrl, 10 * 60_000);
    const samples = seriesOf(0).length * 2 * n;
    console.log(
      `    (Prometheus: ${(samples / 1e6).toFixed(1)} M counter samples and ${
        n * 8
      } rule series imported in ${(importMs / 1000).toFixed(0)} s; ${
        settled.blocks
      } blocks, waited ${(settled.waitedMs / 1000).toFixed(
        0,
      )} s for compaction)`,
    );

    let queries = 0;
    const source = PrometheusSliSource.create({
      sources: {
        sources: [
          {
            name: 'bench',
            baseUrl: prometheus.baseUrl,
            headers: {},
            timeoutMs: 10 * 60_000,
            deadlineMs: 30 * 60_000,
          },
        ],
        defaultName: 'bench',
      },
      fetch: (input, init) => {
        queries++;
        return fetch(input, init);
      },
    });
    const rawDefs = Array.from({ length: n }, (_, i) => definition(i, false));
    const ruleDefs = Array.from({ length: n }, (_, i) => definition(i, true));

    const rawMs: number[] = [];
    const ruleMs: number[] = [];
    let rawQueries = 0;
    let ruleQueries = 0;
    let raw = new Map<string, Evaluated>();
    let rules = new Map<string, Evaluated>();
    for (let run = 0; run < Math.max(runs, rawRuns); run++) {
      if (run < rawRuns) {
        queries = 0;
        const fromRaw = await evaluateAll(source, rawDefs);
        rawQueries = queries;
        rawMs.push(fromRaw.ms);
        raw = fromRaw.statuses;
      }
      if (run >= runs) continue;
      queries = 0;
      const fromRules = await evaluateAll(source, ruleDefs);
      ruleQueries = queries;
      ruleMs.push(fromRules.ms);
      rules = fromRules.statuses;
    }

    const problems = compare(raw, rules);
    const paging = [...rules.values()].filter(s => s.alert === 'page').length;
    const ticket = [...rules.values()].filter(s => s.alert === 'ticket').length;
    console.log(
      `    ${'path'.padEnd(34)} ${'median'.padStart(9)} ${'queries'.padStart(
        8,
      )}  runs`,
    );
    console.log(
      `    ${'raw counters (today)'.padEnd(34)} ${fmt(median(rawMs)).padStart(
        9,
      )} ${String(rawQueries).padStart(8)}  ${rawMs.map(fmt).join(', ')}`,
    );
    console.log(
      `    ${'Sloth recording rules'.padEnd(34)} ${fmt(median(ruleMs)).padStart(
        9,
      )} ${String(ruleQueries).padStart(8)}  ${ruleMs.map(fmt).join(', ')}`,
    );
    console.log(
      `    ratio raw / rules: ${(median(rawMs) / median(ruleMs)).toFixed(
        1,
      )}x; same numbers for every SLO: ${
        problems.length ? `NO (${problems.length} differences)` : 'yes'
      } (${paging} paging, ${ticket} ticket; the rules' budgets have no event counts)`,
    );
    for (const problem of problems.slice(0, 10))
      console.log(`      ${problem}`);
    if (problems.length) process.exitCode = 1;
  } finally {
    await prometheus.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
