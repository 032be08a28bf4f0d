import { WindowCounts } from '@sre-catalog/backstage-plugin-sre-common';
import { SideValues } from './attributeSamples';
import { SliSide } from './buildWindowQuery';

/**
 * Good and total events of a window from the two sides Prometheus returned. A
 * missing total means no data; a missing good or bad side with a total means none
 * of those events (Prometheus has no series for an error that never happened). A
 * NaN or infinite value makes the window unknown (no data). Counts are kept within
 * `0 <= good <= total`: queries of two sides scraped at different moments can
 * disagree slightly.
 */
export function countsFromSides(
  sides: readonly SliSide[],
  values: SideValues,
): WindowCounts {
  const none = { good: 0, total: 0 };
  if (sides.some(s => values[s] !== undefined && !Number.isFinite(values[s]))) {
    return none;
  }
  let good: number;
  let total: number;
  if (sides.includes('total')) {
    if (values.total === undefined) return none;
    total = values.total;
    good = sides.includes('good')
      ? values.good ?? 0
      : total - (values.bad ?? 0);
  } else {
    if (values.good === undefined && values.bad === undefined) return none;
    good = values.good ?? 0;
    total = good + (values.bad ?? 0);
  }
  total = Math.max(0, total);
  return { good: Math.min(Math.max(0, good), total), total };
}
