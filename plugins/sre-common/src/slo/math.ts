/**
 * The SLO arithmetic of the Google SRE Workbook (ch. 2 and 5), see SLO-MATH.md.
 * Counts stay integers and are divided last; a window with no events has no value
 * (`undefined`), never NaN.
 */

/** @public Good and total events (or slices) in a window. */
export type WindowCounts = { good: number; total: number };

/** @public The fraction of the period's budget: `B = 1 - target`. */
export function budgetRatio(target: number): number {
  return 1 - target;
}

/** @public `bad / total`, undefined when the window has no events. */
export function errorRatio(counts: WindowCounts): number | undefined {
  if (counts.total <= 0) return undefined;
  return (counts.total - counts.good) / counts.total;
}

/** @public `good / total`, undefined when the window has no events. */
export function sliValue(counts: WindowCounts): number | undefined {
  if (counts.total <= 0) return undefined;
  return counts.good / counts.total;
}

/** @public How many times faster than sustainable the budget burns in a window. */
export function burnRate(
  counts: WindowCounts,
  target: number,
): number | undefined {
  if (counts.total <= 0) return undefined;
  return (counts.total - counts.good) / (budgetRatio(target) * counts.total);
}

/**
 * Budget left over the period: `1 - bad / (B * total)`. Negative once overspent
 * (shown as such, never clamped).
 *
 * @public
 */
export function errorBudgetRemaining(
  counts: WindowCounts,
  target: number,
): number | undefined {
  if (counts.total <= 0) return undefined;
  return (
    1 - (counts.total - counts.good) / (budgetRatio(target) * counts.total)
  );
}

/** @public The burn rate that spends `fraction` of the budget in `windowMs`. */
export function burnRateThreshold(
  fraction: number,
  periodMs: number,
  windowMs: number,
): number {
  return (fraction * periodMs) / windowMs;
}

/**
 * Time until the budget is gone at the given burn rate, from what remains now:
 * `remaining * P / burnRate`. Zero when already exhausted; undefined when the budget
 * is not burning (or there is no data).
 *
 * @public
 */
export function timeToExhaustionMs(
  remaining: number | undefined,
  rate: number | undefined,
  periodMs: number,
): number | undefined {
  if (remaining === undefined || rate === undefined) return undefined;
  if (remaining <= 0) return 0;
  if (rate <= 0) return undefined;
  return (remaining * periodMs) / rate;
}
