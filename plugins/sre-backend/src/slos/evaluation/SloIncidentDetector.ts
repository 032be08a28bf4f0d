import { LoggerService } from '@backstage/backend-plugin-api';
import {
  POSTMORTEM_BUDGET_THRESHOLD,
  SliData,
  currentPeriod,
  detectBudgetIncidents,
} from '@sre-catalog/backstage-plugin-sre-common';
import { RegisteredSlo } from '../CatalogSloRegistry';
import { SloIncident, SloIncidentStore } from './SloIncidentStore';
import type { PrometheusSloFailure } from '../prometheus';
import { PrometheusRangeSliSource } from '../prometheus/PrometheusRangeSliSource';

const HOUR = 3_600_000;

/**
 * Failures that may pass (the source is down or slow, Prometheus could not run
 * the query): the SLO's stored incidents stay. An SLO that cannot be read at all
 * (refused query, unknown source, time slices) has none.
 */
const KEEP_ON: ReadonlySet<PrometheusSloFailure> = new Set([
  'source-unavailable',
  'query-failed',
]);

/** What {@link SloIncidentDetector.detectPrometheus} found. */
export type PrometheusIncidents = {
  found: SloIncident[];
  /**
   * The Prometheus SLOs whose data could not be read this time (source down or
   * too slow, Prometheus failed their query): their stored incidents stay as
   * they are.
   */
  unread: Set<string>;
};

/**
 * Finds the incidents of the error budget policy in the SLOs' data: fast burns
 * (see detectBudgetIncidents) in the SLO's current period that spent more than the
 * postmortem threshold of its budget. Built-in SLOs are read from the data the
 * evaluator holds in memory, Prometheus SLOs with range queries (hourly and
 * 5-minute buckets, as the built-in rollups); each run replaces the stored set,
 * except the incidents of Prometheus SLOs that could not be read.
 */
export class SloIncidentDetector {
  constructor(
    private readonly incidentStore: SloIncidentStore,
    private readonly logger: LoggerService,
    private readonly prometheus?: PrometheusRangeSliSource,
  ) {}

  /**
   * The incidents of Prometheus SLOs, with the same tier cut (`fineFromMs`) as the
   * built-in ones; undefined when there are none or no range source. Never
   * rejects: an unexpected failure leaves every one of them unread.
   */
  async detectPrometheus(
    slos: RegisteredSlo[],
    fineFromMs: number,
    nowMs: number,
  ): Promise<PrometheusIncidents | undefined> {
    if (!this.prometheus || !slos.length) return undefined;
    const byRef = new Map(slos.map(slo => [slo.definition.ref, slo]));
    const foundByRef = new Map<string, SloIncident[]>();
    try {
      const result = await this.prometheus.fetchRanges(
        slos.map(({ definition }) => ({
          definition,
          // Where detectBudgetIncidents starts: the hour of the period's start.
          fromMs:
            Math.floor(
              currentPeriod(definition.timeWindow, nowMs).startMs / HOUR,
            ) * HOUR,
        })),
        { cutMs: fineFromMs, nowMs },
        (definition, data) => {
          foundByRef.set(
            definition.ref,
            this.incidentsOf(
              byRef.get(definition.ref)!,
              data,
              fineFromMs,
              nowMs,
            ),
          );
        },
      );
      for (const [name, source] of result.sources) {
        if (!source.ok) {
          this.logger.warn(
            `Incidents of the SLOs of Prometheus source ${name} were not updated: ${source.error}`,
          );
        }
      }
      const found: SloIncident[] = [];
      const unread = new Set<string>();
      for (const slo of slos) {
        const ref = slo.definition.ref;
        const outcome = result.slos.get(ref);
        if (outcome?.ok) found.push(...(foundByRef.get(ref) ?? []));
        else if (!outcome || KEEP_ON.has(outcome.reason)) unread.add(ref);
      }
      return { found, unread };
    } catch (error) {
      this.logger.warn(
        'Incidents of Prometheus SLOs were not updated',
        error as Error,
      );
      return { found: [], unread: new Set(byRef.keys()) };
    }
  }

  /**
   * Stores the incidents of `slos` (from `data`) and those `prometheus` found, in
   * place of every stored incident but those of its unread SLOs.
   */
  async detectAll(
    slos: RegisteredSlo[],
    data: { dataOf(slo: RegisteredSlo): SliData; fineFromMs: number },
    nowMs: number,
    prometheus?: PrometheusIncidents,
  ): Promise<SloIncident[]> {
    const found: SloIncident[] = [];
    for (const slo of slos) {
      found.push(
        ...this.incidentsOf(slo, data.dataOf(slo), data.fineFromMs, nowMs),
      );
    }
    if (prometheus) {
      found.push(...prometheus.found);
      if (prometheus.unread.size) {
        const stored = await this.incidentStore.listIncidents({
          fromMs: 0,
          toMs: Number.MAX_SAFE_INTEGER,
        });
        found.push(...stored.filter(i => prometheus.unread.has(i.sloRef)));
      }
    }
    await this.incidentStore.replaceIncidents(found);
    this.logger.debug(
      `Found ${found.length} SLO incidents over the postmortem threshold`,
    );
    return found;
  }

  private incidentsOf(
    slo: RegisteredSlo,
    data: SliData,
    fineFromMs: number,
    nowMs: number,
  ): SloIncident[] {
    const { definition, ownerRef } = slo;
    return detectBudgetIncidents(definition, data, {
      fromMs: currentPeriod(definition.timeWindow, nowMs).startMs,
      fineFromMs,
      nowMs,
    })
      .filter(incident => incident.budgetConsumed > POSTMORTEM_BUDGET_THRESHOLD)
      .map(incident => ({
        sloRef: definition.ref,
        serviceRef: definition.service,
        ownerRef,
        startMs: incident.startMs,
        endMs: incident.endMs,
        budgetConsumed: incident.budgetConsumed,
      }));
  }
}
