import { LoggerService } from '@backstage/backend-plugin-api';
import {
  POSTMORTEM_BUDGET_THRESHOLD,
  SliData,
  currentPeriod,
  detectBudgetIncidents,
} from '@sre-catalog/backstage-plugin-sre-common';
import { RegisteredSlo } from './CatalogSloRegistry';
import { SloIncident, SloIncidentStore } from './SloIncidentStore';

/**
 * Finds the incidents of the error budget policy in the built-in SLOs' data: fast
 * burns (see detectBudgetIncidents) in the SLO's current period that spent more
 * than the postmortem threshold of its budget. The evaluator runs it on the data it
 * already holds in memory; each run replaces the stored set.
 */
export class SloIncidentDetector {
  constructor(
    private readonly incidentStore: SloIncidentStore,
    private readonly logger: LoggerService,
  ) {}

  async detectAll(
    slos: RegisteredSlo[],
    data: { dataOf(slo: RegisteredSlo): SliData; fineFromMs: number },
    nowMs: number,
  ): Promise<SloIncident[]> {
    const found: SloIncident[] = [];
    for (const slo of slos) {
      const { definition, ownerRef } = slo;
      const incidents = detectBudgetIncidents(definition, data.dataOf(slo), {
        fromMs: currentPeriod(definition.timeWindow, nowMs).startMs,
        fineFromMs: data.fineFromMs,
        nowMs,
      });
      for (const incident of incidents) {
        if (incident.budgetConsumed <= POSTMORTEM_BUDGET_THRESHOLD) continue;
        found.push({
          sloRef: definition.ref,
          serviceRef: definition.service,
          ownerRef,
          startMs: incident.startMs,
          endMs: incident.endMs,
          budgetConsumed: incident.budgetConsumed,
        });
      }
    }
    await this.incidentStore.replaceIncidents(found);
    this.logger.debug(
      `Found ${found.length} SLO incidents over the postmortem threshold`,
    );
    return found;
  }
}
