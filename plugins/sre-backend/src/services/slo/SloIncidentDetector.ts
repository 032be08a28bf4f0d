import { LoggerService } from '@backstage/backend-plugin-api';
import {
  POSTMORTEM_BUDGET_THRESHOLD,
  detectBudgetIncidents,
} from '@sre-catalog/backstage-plugin-sre-common';
import { CatalogSloRegistry, RegisteredSlo } from './CatalogSloRegistry';
import { SliStore } from './SliStore';
import { sliceSpecOf, tierCut } from './SloEvaluator';
import { SloIncident, SloIncidentStore } from './SloIncidentStore';
import { TieredSliData } from './TieredSliData';

const DAY = 86_400_000;
/** How far back incidents are looked for: a 30-day period and a few days more. */
export const INCIDENT_LOOKBACK_MS = 35 * DAY;
/** SLOs read from the store at once, to bound memory. */
const BATCH = 500;

/**
 * Finds the incidents of the error budget policy in the built-in store's data: fast
 * burns (see detectBudgetIncidents) that spent more than the postmortem threshold of
 * an SLO's budget. Runs as a scheduled task; replaces the stored set each run.
 */
export class SloIncidentDetector {
  constructor(
    private readonly registry: CatalogSloRegistry,
    private readonly sliStore: SliStore,
    private readonly incidentStore: SloIncidentStore,
    private readonly logger: LoggerService,
  ) {}

  async detectAll(nowMs: number = Date.now()): Promise<SloIncident[]> {
    const { slos } = await this.registry.load();
    const builtin = slos.filter(
      s => s.definition.indicator.source.type === 'builtin',
    );
    const incidents: SloIncident[] = [];
    for (let i = 0; i < builtin.length; i += BATCH) {
      incidents.push(
        ...(await this.detect(builtin.slice(i, i + BATCH), nowMs)),
      );
    }
    await this.incidentStore.replaceIncidents(incidents);
    this.logger.debug(
      `Found ${incidents.length} SLO incidents over the postmortem threshold`,
    );
    return incidents;
  }

  private async detect(
    slos: RegisteredSlo[],
    nowMs: number,
  ): Promise<SloIncident[]> {
    const cutMs = tierCut(nowMs);
    const fromMs = nowMs - INCIDENT_LOOKBACK_MS;
    const series = await this.sliStore.readSeries(
      slos.map(s => s.definition.ref),
      { minutesFromMs: cutMs, hoursFromMs: fromMs },
    );
    const found: SloIncident[] = [];
    for (const { definition, ownerRef } of slos) {
      const stored = series.get(definition.ref);
      if (!stored || (!stored.minutes.length && !stored.hours.length)) continue;
      const data = new TieredSliData(stored, cutMs, sliceSpecOf(definition));
      for (const incident of detectBudgetIncidents(definition, data, {
        fromMs,
        fineFromMs: cutMs,
        nowMs,
      })) {
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
    return found;
  }
}
