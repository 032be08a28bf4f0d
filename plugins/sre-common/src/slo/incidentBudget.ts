import type { SloDefinition } from './definition';
import type { SliData } from './evaluateSlo';
import { sliceMsOf, sliceWindowCounts } from './kernel/timeSlices';
import { budgetRatio, burnRateThreshold } from './math';
import { SloPeriod, currentPeriod } from './period';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The period whose budget an incident spends: the SLO's period at `nowMs` when the
 * incident ended inside it (the budget the SLO tab shows), else the period at the
 * incident's end.
 */
function periodOf(
  slo: SloDefinition,
  endMs: number,
  nowMs: number,
): SloPeriod & { toMs: number } {
  const current = currentPeriod(slo.timeWindow, nowMs);
  if (endMs > current.startMs) return { ...current, toMs: nowMs };
  const then = currentPeriod(slo.timeWindow, endMs);
  return { ...then, toMs: Math.min(then.endMs, nowMs) };
}

/**
 * The fraction of an SLO's error budget that the window `[fromMs, toMs)` consumed
 * (SLO-MATH.md: `bad_w / (B × total_P)` for Occurrences; bad slices over the slices
 * the budget allows for time slices), or undefined when the data has no events in
 * the window or the period.
 *
 * @public
 */
export function budgetConsumedIn(
  slo: SloDefinition,
  data: SliData,
  window: { fromMs: number; toMs: number },
  nowMs: number,
): number | undefined {
  const { fromMs } = window;
  const toMs = Math.min(window.toMs, nowMs);
  if (toMs <= fromMs) return undefined;
  const B = budgetRatio(slo.target);
  const period = periodOf(slo, toMs, nowMs);
  if (slo.budgetingMethod === 'Occurrences') {
    const incident = data.events(fromMs, toMs);
    const inPeriod = data.events(period.startMs, period.toMs);
    if (incident.total === 0 || inPeriod.total === 0) return undefined;
    return (incident.total - incident.good) / (B * inPeriod.total);
  }
  const incident = sliceWindowCounts(slo, data.slices(fromMs, toMs));
  if (incident.total === 0) return undefined;
  const slicesInPeriod = period.lengthMs / sliceMsOf(slo);
  return (incident.total - incident.good) / (B * slicesInPeriod);
}

/** @public A window in which an SLO burned its budget fast, and how much it spent. */
export type BudgetIncident = {
  sloRef: string;
  startMs: number;
  endMs: number;
  /** Fraction of the period's error budget spent in the window. */
  budgetConsumed: number;
};

/**
 * Finds incidents in an SLO's data: runs of steps whose burn rate exceeds the page
 * rule of the 6-hour window (6 at 30 days, scaled to the period), joined when at most
 * `gapMs` apart. Steps are `fineStepMs` long from `fineFromMs` on, an hour before it
 * (to match the stored rollups). Returns each with the budget it consumed, in time
 * order; callers keep those above the policy's threshold.
 *
 * @public
 */
export function detectBudgetIncidents(
  slo: SloDefinition,
  data: SliData,
  options: {
    fromMs: number;
    fineFromMs: number;
    nowMs: number;
    fineStepMs?: number;
    gapMs?: number;
  },
): BudgetIncident[] {
  const { nowMs, fineStepMs = 5 * MINUTE, gapMs = 30 * MINUTE } = options;
  const B = budgetRatio(slo.target);
  const periodMs = currentPeriod(slo.timeWindow, nowMs).lengthMs;
  const fastBurn = burnRateThreshold(0.05, periodMs, 6 * HOUR);
  const bySlices = slo.budgetingMethod !== 'Occurrences';

  const burning = (from: number, to: number): boolean => {
    const counts = bySlices
      ? sliceWindowCounts(slo, data.slices(from, to))
      : data.events(from, to);
    if (counts.total === 0) return false;
    return (counts.total - counts.good) / counts.total / B > fastBurn;
  };

  const runs: { startMs: number; endMs: number }[] = [];
  const fineFrom = Math.max(options.fineFromMs, options.fromMs);
  let t = Math.floor(options.fromMs / HOUR) * HOUR;
  while (t < nowMs) {
    const step = t < fineFrom ? HOUR : fineStepMs;
    const end = Math.min(t + step, t < fineFrom ? fineFrom : nowMs);
    if (burning(t, end)) {
      const last = runs[runs.length - 1];
      if (last && t - last.endMs <= gapMs) last.endMs = end;
      else runs.push({ startMs: t, endMs: end });
    }
    t = end;
  }

  const incidents: BudgetIncident[] = [];
  for (const run of runs) {
    const consumed = budgetConsumedIn(
      slo,
      data,
      { fromMs: run.startMs, toMs: run.endMs },
      nowMs,
    );
    if (consumed !== undefined) {
      incidents.push({ sloRef: slo.ref, ...run, budgetConsumed: consumed });
    }
  }
  return incidents;
}
