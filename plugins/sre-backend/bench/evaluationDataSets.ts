/**
 * The SLO benchmark's generated data sets: the SLO definitions and their counts,
 * as buckets for the built-in store and as counter samples for Prometheus.
 */
import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import { SliBucketInput } from '../src/slos/store/SliStore';
import { CounterSamples } from './prometheusPeer';
import {
  DAY,
  FROM,
  HOUR,
  MIN,
  NOW,
  PERIOD_DAYS,
  STEP,
} from './evaluationSettings';

export function definition(i: number): SloDefinition {
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
export function stepCounts(i: number, t: number) {
  const total = 3000 + ((i * 7919 + t / STEP) % 500);
  const incident = (t / STEP + i * 13) % 2000 < 12;
  const bad = incident ? 40 + (i % 30) : (t / STEP + i) % 5;
  return { good: total - bad, total };
}

/** Counts of SLO i in the minute at t. */
export function minuteCounts(i: number, t: number) {
  const m = t / MIN;
  const total = 600 + ((i * 7919 + m) % 100);
  const incident = (m + i * 61) % 10_000 < 40;
  let bad = (m + i) % 7 === 0 ? 1 : 0;
  if (incident) bad = 10 + (i % 20);
  return { good: total - bad, total };
}

export type DataSet = {
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
export function dataSet(
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
