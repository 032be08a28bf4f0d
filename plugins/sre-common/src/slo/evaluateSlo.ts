import {
  BURN_RATE_WINDOWS,
  BURN_RATE_WINDOW_MS,
  BurnRateWindow,
  evaluateBurnRateRules,
} from './alerting';
import type { SloDefinition } from './definition';
import {
  WindowCounts,
  budgetRatio,
  burnRate,
  errorBudgetRemaining,
  timeToExhaustionMs,
} from './math';
import { currentPeriod } from './period';
import type { SloStatus } from './status';
import {
  SliceCounts,
  sliceMsOf,
  sliceWindowCounts,
  timeSliceWindowOf,
} from './kernel/timeSlices';

/** @public What the evaluator reads: sums over any `[from, to)`. */
export interface SliData {
  events(fromMs: number, toMs: number): WindowCounts;
  slices(fromMs: number, toMs: number): SliceCounts;
}

const MINUTE = 60_000;

/** The status's `timeSliceWindow`, only for SLOs that budget by slices. */
function timeSliceWindowField(
  slo: SloDefinition,
): Pick<SloStatus, 'timeSliceWindow'> {
  const timeSliceWindow = timeSliceWindowOf(slo);
  return timeSliceWindow ? { timeSliceWindow } : {};
}

/** @public How a status names the SLO's data source. */
export function sourceOf(slo: SloDefinition): SloStatus['source'] {
  const source = slo.indicator.source;
  return source.type === 'builtin'
    ? { type: 'builtin' }
    : { type: 'prometheus', name: source.sourceName };
}

/**
 * Computes the status of one SLO at `nowMs` from its data: SLI and budget over the
 * current period, burn rates over the seven windows, the page/ticket state of the
 * burn-rate rules scaled to the period, and time to exhaustion.
 *
 * @public
 */
export function evaluateSlo(
  slo: SloDefinition,
  data: SliData,
  nowMs: number,
): Omit<SloStatus, 'dataState' | 'unavailableSince' | 'lastError'> & {
  hasData: boolean;
} {
  const period = currentPeriod(slo.timeWindow, nowMs);
  const B = budgetRatio(slo.target);
  const bySlices = slo.budgetingMethod !== 'Occurrences';

  const windowCounts = (fromMs: number): WindowCounts =>
    bySlices
      ? sliceWindowCounts(slo, data.slices(fromMs, nowMs))
      : data.events(fromMs, nowMs);

  const periodCounts = windowCounts(period.startMs);
  const hasData = periodCounts.total > 0;

  let sli: number | undefined;
  let remaining: number | undefined;
  let budget: SloStatus['budget'];
  if (!bySlices) {
    sli = hasData ? periodCounts.good / periodCounts.total : undefined;
    remaining = errorBudgetRemaining(periodCounts, slo.target);
    budget = {
      unit: 'events',
      allowed: hasData ? B * periodCounts.total : null,
      consumed: hasData ? periodCounts.total - periodCounts.good : null,
    };
  } else {
    // The budget of time slices is fixed up front: B × the slices of the whole period.
    const sliceMs = sliceMsOf(slo);
    const slicesInPeriod = period.lengthMs / sliceMs;
    const badSlices = periodCounts.total - periodCounts.good;
    sli = hasData ? periodCounts.good / periodCounts.total : undefined;
    remaining = hasData ? 1 - badSlices / (B * slicesInPeriod) : undefined;
    budget = {
      unit: 'minutes',
      allowed: (B * period.lengthMs) / MINUTE,
      consumed: hasData ? (badSlices * sliceMs) / MINUTE : null,
    };
  }

  const burnRates = {} as Record<BurnRateWindow, number | undefined>;
  for (const w of BURN_RATE_WINDOWS) {
    burnRates[w] = burnRate(
      windowCounts(nowMs - BURN_RATE_WINDOW_MS[w]),
      slo.target,
    );
  }
  const { alert, rules } = evaluateBurnRateRules(burnRates, period.lengthMs);
  const tte = timeToExhaustionMs(remaining, burnRates['1h'], period.lengthMs);

  return {
    sloRef: slo.ref,
    service: slo.service,
    displayName: slo.displayName,
    description: slo.description,
    source: sourceOf(slo),
    target: slo.target,
    period: slo.timeWindow.text,
    periodStart: new Date(period.startMs).toISOString(),
    budgetingMethod: slo.budgetingMethod,
    ...timeSliceWindowField(slo),
    sli: sli ?? null,
    errorBudgetRemaining: remaining ?? null,
    budget,
    burnRates: Object.fromEntries(
      BURN_RATE_WINDOWS.map(w => [w, burnRates[w] ?? null]),
    ) as SloStatus['burnRates'],
    alert,
    rules,
    timeToExhaustion: tte === undefined ? null : Math.round(tte / 1000),
    evaluatedAt: new Date(nowMs).toISOString(),
    hasData,
  };
}
