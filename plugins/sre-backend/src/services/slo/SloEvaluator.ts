import { LoggerService } from '@backstage/backend-plugin-api';
import {
  SloDefinition,
  SloStatus,
  currentPeriod,
  evaluateSlo,
  sourceOf,
} from '@sre-catalog/backstage-plugin-sre-common';
import { CatalogSloRegistry, RegisteredSlo } from './CatalogSloRegistry';
import { SliStore, SliceSpec } from './SliStore';
import { SloStatusStore, StoredSloStatus } from './SloStatusStore';
import { SliCache } from './SliCache';
import { SloIncidentDetector } from './SloIncidentDetector';
import { PrometheusSliSource } from './prometheus';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Fine buckets cover the longest burn window (3 days) plus an hour of slack. */
export const FINE_RETENTION_MS = 4 * DAY;
/** Hourly rollups cover quarterly periods and reports. */
export const HOURLY_RETENTION_MS = 400 * DAY;

/** How often the evaluator looks for incidents of the error budget policy. */
export const INCIDENT_DETECTION_MS = 2 * 60_000;

/** The hour boundary before which windows read hourly rollups. */
export function tierCut(nowMs: number): number {
  return Math.ceil((nowMs - 3 * DAY - HOUR) / HOUR) * HOUR;
}

/** How an SLO cuts its time into slices, when its budgeting method does. */
export function sliceSpecOf(slo: SloDefinition): SliceSpec | undefined {
  if (slo.budgetingMethod === 'Occurrences') return undefined;
  return {
    sliceMs: slo.timeSliceWindowMs ?? 60_000,
    sliceTarget:
      slo.budgetingMethod === 'Timeslices' ? slo.timeSliceTarget ?? 1 : 0,
  };
}

/**
 * Evaluates every SLO of the catalog from the stored SLI data and saves the statuses
 * (and today's history point). Runs as a scheduled task shared by all replicas.
 */
export class SloEvaluator {
  /** The built-in SLOs' rollups in memory, rebuilt from the database as needed. */
  private readonly cache: SliCache;

  /** When incidents were last looked for (they are, every INCIDENT_DETECTION_MS). */
  private lastDetectionMs = -Infinity;

  constructor(
    private readonly registry: CatalogSloRegistry,
    private readonly sliStore: SliStore,
    private readonly statusStore: SloStatusStore,
    private readonly prometheus: PrometheusSliSource,
    private readonly logger: LoggerService,
    private readonly incidentDetector?: SloIncidentDetector,
  ) {
    this.cache = new SliCache(sliStore);
  }

  async evaluateAll(nowMs: number = Date.now()): Promise<number> {
    const applied = await this.sliStore.applyPending();
    if (applied.pushes) {
      this.logger.debug(
        `Applied ${applied.pushes} SLI pushes (${applied.buckets} buckets)`,
      );
    }
    const { slos, invalid } = await this.registry.load();
    const builtin = slos.filter(
      s => s.definition.indicator.source.type === 'builtin',
    );
    const statuses: StoredSloStatus[] = [
      ...(await this.evaluateBuiltin(builtin, nowMs)),
      ...(await this.evaluatePrometheus(
        slos.filter(s => s.definition.indicator.source.type === 'prometheus'),
        nowMs,
      )),
    ];
    await this.statusStore.saveStatuses(statuses);
    await this.detectIncidents(builtin, nowMs);
    await this.statusStore.removeStatusesExcept(
      slos.map(s => s.definition.ref),
    );
    await this.statusStore.clearProblems(slos.map(s => s.definition.ref));
    await this.statusStore.setProblems(
      invalid.map(i => ({ ...i, seenAt: new Date(nowMs).toISOString() })),
    );
    await this.sliStore.prune({
      minutesBeforeMs: nowMs - FINE_RETENTION_MS,
      hoursBeforeMs: nowMs - HOURLY_RETENTION_MS,
    });
    this.logger.debug(
      `Evaluated ${statuses.length} SLOs; ${invalid.length} invalid`,
    );
    return statuses.length;
  }

  /** Fast burns of the built-in SLOs, from the rollups just brought up to date. */
  private async detectIncidents(slos: RegisteredSlo[], nowMs: number) {
    if (!this.incidentDetector) return;
    if (nowMs - this.lastDetectionMs < INCIDENT_DETECTION_MS) return;
    const cut = tierCut(nowMs);
    await this.incidentDetector.detectAll(
      slos,
      {
        fineFromMs: cut,
        dataOf: slo =>
          this.cache.dataOf(
            slo.definition.ref,
            cut,
            sliceSpecOf(slo.definition),
          ),
      },
      nowMs,
    );
    this.lastDetectionMs = nowMs;
  }

  /** One query per window and source for all Prometheus SLOs. */
  private async evaluatePrometheus(
    slos: RegisteredSlo[],
    nowMs: number,
  ): Promise<StoredSloStatus[]> {
    if (!slos.length) return [];
    const fetched = await this.prometheus.fetchWindows(
      slos.map(s => s.definition),
      nowMs,
    );
    const health = new Map<string, { unavailableSinceMs?: number }>();
    for (const [name, result] of fetched.sources) {
      health.set(
        name,
        await this.statusStore.recordSourceResult(
          `prometheus:${name}`,
          result.ok
            ? { ok: true, atMs: nowMs }
            : { ok: false, atMs: nowMs, error: result.error },
        ),
      );
    }
    const statuses: StoredSloStatus[] = [];
    for (const slo of slos) {
      const result = fetched.slos.get(slo.definition.ref);
      if (result?.ok) {
        const { hasData, ...status } = evaluateSlo(
          slo.definition,
          result.data,
          nowMs,
        );
        statuses.push({
          status: { ...status, dataState: hasData ? 'ok' : 'no-data' },
          ownerRef: slo.ownerRef,
          systemRef: slo.systemRef,
        });
      } else if (result?.reason === 'source-unavailable') {
        const since =
          health.get(result.sourceName ?? '')?.unavailableSinceMs ?? nowMs;
        statuses.push(
          unavailableKeepingLast(
            slo,
            await this.statusStore.getStatus(slo.definition.ref),
            nowMs,
            result.error,
            since,
          ),
        );
      } else {
        statuses.push(
          unavailable(slo, nowMs, result?.error ?? 'No answer from Prometheus'),
        );
      }
    }
    return statuses;
  }

  /**
   * Statuses of the built-in SLOs from the in-memory rollups, brought up to date
   * from the database first (everything on the first run, then only the rows
   * written since the last run).
   */
  async evaluateBuiltin(
    slos: RegisteredSlo[],
    nowMs: number,
  ): Promise<StoredSloStatus[]> {
    if (!slos.length) return [];
    const cut = tierCut(nowMs);
    let earliestPeriod = Infinity;
    for (const s of slos) {
      earliestPeriod = Math.min(
        earliestPeriod,
        currentPeriod(s.definition.timeWindow, nowMs).startMs,
      );
    }
    await this.cache.refresh(
      slos.map(s => s.definition.ref),
      // A day of slack on hours, so the range moves (and the cache trims) daily.
      {
        minutesFromMs: cut,
        hoursFromMs: Math.floor((earliestPeriod - HOUR) / DAY) * DAY,
      },
    );
    return slos.map(slo => {
      const data = this.cache.dataOf(
        slo.definition.ref,
        cut,
        sliceSpecOf(slo.definition),
      );
      const { hasData, ...status } = evaluateSlo(slo.definition, data, nowMs);
      return {
        status: { ...status, dataState: hasData ? 'ok' : 'no-data' },
        ownerRef: slo.ownerRef,
        systemRef: slo.systemRef,
      };
    });
  }
}

/**
 * The status of an SLO whose source could not be read: the last known numbers, if
 * any, marked unavailable since the source started failing.
 */
function unavailableKeepingLast(
  slo: RegisteredSlo,
  last: SloStatus | undefined,
  nowMs: number,
  error: string,
  sinceMs: number,
): StoredSloStatus {
  const fresh = unavailable(slo, nowMs, error, sinceMs);
  if (!last || (last.dataState === 'unavailable' && last.sli === null)) {
    return fresh;
  }
  return {
    ...fresh,
    status: {
      ...last,
      dataState: 'unavailable',
      unavailableSince: fresh.status.unavailableSince,
      lastError: error,
    },
  };
}

/** The status of an SLO whose source could not be read. */
function unavailable(
  slo: RegisteredSlo,
  nowMs: number,
  error: string,
  sinceMs: number = nowMs,
): StoredSloStatus {
  const d = slo.definition;
  const status: SloStatus = {
    sloRef: d.ref,
    service: d.service,
    displayName: d.displayName,
    description: d.description,
    source: sourceOf(d),
    target: d.target,
    period: d.timeWindow.text,
    periodStart: new Date(
      currentPeriod(d.timeWindow, nowMs).startMs,
    ).toISOString(),
    budgetingMethod: d.budgetingMethod,
    sli: null,
    errorBudgetRemaining: null,
    budget: {
      unit: d.budgetingMethod === 'Occurrences' ? 'events' : 'minutes',
      allowed: null,
      consumed: null,
    },
    burnRates: {
      '5m': null,
      '30m': null,
      '1h': null,
      '2h': null,
      '6h': null,
      '1d': null,
      '3d': null,
    },
    alert: 'none',
    rules: [],
    timeToExhaustion: null,
    dataState: 'unavailable',
    unavailableSince: new Date(sinceMs).toISOString(),
    lastError: error,
    evaluatedAt: new Date(nowMs).toISOString(),
  };
  return { status, ownerRef: slo.ownerRef, systemRef: slo.systemRef };
}
