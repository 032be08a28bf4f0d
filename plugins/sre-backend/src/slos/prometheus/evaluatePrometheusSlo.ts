import {
  SliData,
  SloDefinition,
  currentPeriod,
  evaluateSlo,
} from '@sre-catalog/backstage-plugin-sre-common';
import { PrometheusWindowSliData } from './PrometheusWindowSliData';

/**
 * `evaluateSlo` on the windows Prometheus gave. When the period's window came
 * from Sloth's recording rules it is an error ratio, not events: the SLI, budget
 * remaining, burn rates and alert are the ratio's, but how many events the budget
 * allows and has consumed is unknown, so both are null.
 */
export function evaluatePrometheusSlo(
  slo: SloDefinition,
  // Any SliData; only PrometheusWindowSliData can hold ratios.
  data: SliData & Partial<Pick<PrometheusWindowSliData, 'countsEvents'>>,
  nowMs: number,
): ReturnType<typeof evaluateSlo> {
  const evaluated = evaluateSlo(slo, data, nowMs);
  const period = currentPeriod(slo.timeWindow, nowMs);
  if (
    evaluated.budget.unit === 'events' &&
    data.countsEvents?.(period.startMs, nowMs) === false
  ) {
    return {
      ...evaluated,
      budget: { unit: 'events', allowed: null, consumed: null },
    };
  }
  return evaluated;
}
