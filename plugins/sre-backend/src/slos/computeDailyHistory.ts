import {
  SloDefinition,
  SloHistoryResponse,
  TieredSliData,
  evaluateSlo,
  sliceSpecOf,
} from '@sre-catalog/backstage-plugin-sre-common';
import { tierCut } from './sliTiers';
import { SliSeries } from './store/SliStore';

const DAY = 86_400_000;

/**
 * The budget burndown of a built-in SLO, recomputed from its stored rollups: budget
 * remaining and SLI as they stood at the end of each of the last `days` days (today:
 * now). Recomputing keeps the chart right after a backfill or a re-sent bucket.
 */
export function computeDailyHistory(
  slo: SloDefinition,
  series: SliSeries,
  nowMs: number,
  days: number,
): SloHistoryResponse['points'] {
  const data = TieredSliData.ofSeries(series, tierCut(nowMs), sliceSpecOf(slo));
  const today = Math.floor(nowMs / DAY) * DAY;
  const points: SloHistoryResponse['points'] = [];
  for (let i = days - 1; i >= 0; i--) {
    const dayStart = today - i * DAY;
    const at = Math.min(dayStart + DAY, nowMs);
    const status = evaluateSlo(slo, data, at);
    points.push({
      day: new Date(dayStart).toISOString().slice(0, 10),
      errorBudgetRemaining: status.errorBudgetRemaining,
      sli: status.sli,
    });
  }
  return points;
}
