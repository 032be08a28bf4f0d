import { LoggerService } from '@backstage/backend-plugin-api';
import {
  SloStatus,
  currentPeriod,
  evaluateSlo,
  sliceSpecOf,
} from '@sre-catalog/backstage-plugin-sre-common';
import { CatalogSloRegistry, RegisteredSlo } from '../CatalogSloRegistry';
import {
  FINE_RETENTION_MS,
  HOURLY_RETENTION_MS,
  recentCut,
  tierCut,
} from '../sliTiers';
import { SliCacheSnapshotStore, SliStore } from '../store/SliStore';
import { SloStatusStore, StoredSloStatus } from '../status/SloStatusStore';
import { redactRunError } from './redactRunError';
import { SliCache } from './SliCache';
import {
  PrometheusIncidents,
  SloIncidentDetector,
} from './SloIncidentDetector';
import { PrometheusSliSource } from '../prometheus';
import { evaluatePrometheusStatuses } from './prometheusStatuses';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How often the evaluator looks for incidents of the error budget policy. */
export const INCIDENT_DETECTION_MS = 2 * 60_000;

/** How one evaluation runs (the scheduled task's settings; tests use the defaults). */
export type EvaluationRunOptions = {
  /**
   * Stops the run, with the signal's reason, before it computes and before it
   * saves: after that the saves run to the end.
   */
  signal?: AbortSignal;
  /** Applies the queue of accepted pushes first (default); the task applies it apart. */
  applyPending?: boolean;
};

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
    options: {
      /** Snapshots of the rollups, for a faster start (see SliCache.saveSnapshot). */
      cacheSnapshots?: SliCacheSnapshotStore;
    } = {},
  ) {
    this.cache = new SliCache(sliStore, Date.now, options.cacheSnapshots);
  }

  /**
   * Stores the rollups when this run read them all (the first run, then every few
   * hours), so that a restarted replica starts from them. A failure costs only a
   * slower next start.
   */
  async saveCacheSnapshot(): Promise<void> {
    const startedMs = Date.now();
    try {
      const bytes = await this.cache.saveSnapshot();
      if (bytes === undefined) return;
      this.logger.info(
        `Stored a snapshot of the SLI rollups of ${this.cache.size} SLOs (${(
          bytes / 1e6
        ).toFixed(1)} MB) in ${Date.now() - startedMs} ms`,
      );
    } catch (error) {
      this.logger.warn(
        `Could not store a snapshot of the SLI rollups: ${
          (error as Error).message
        }`,
      );
    }
  }

  /**
   * {@link SloEvaluator.evaluateAll}, recorded in the database (start, duration,
   * error) so that every replica can tell whether evaluation keeps up. A failed
   * run is recorded and rethrown, for the scheduler to log.
   */
  async evaluateAndRecord(
    clock: () => number = Date.now,
    options: EvaluationRunOptions = {},
  ): Promise<number> {
    const startedAtMs = clock();
    let outcome: { error?: string } = {};
    try {
      return await this.evaluateAll(startedAtMs, options);
    } catch (error) {
      outcome = { error: redactRunError(error) };
      throw error;
    } finally {
      const run = {
        startedAtMs,
        durationMs: clock() - startedAtMs,
        ...outcome,
      };
      try {
        await this.statusStore.recordEvaluatorRun(run);
      } catch (recordError) {
        // The database is likely down; the run's own error, if any, matters more.
        this.logger.warn(
          `Could not record the SLO evaluation run: ${
            (recordError as Error).message
          }`,
        );
      }
    }
  }

  async evaluateAll(
    nowMs: number = Date.now(),
    { signal, applyPending = true }: EvaluationRunOptions = {},
  ): Promise<number> {
    if (applyPending) {
      const applied = await this.sliStore.applyPending();
      if (applied.pushes) {
        this.logger.debug(
          `Applied ${applied.pushes} SLI pushes (${applied.buckets} buckets)`,
        );
      }
    }
    signal?.throwIfAborted();
    const { slos, invalid } = await this.registry.load();
    const builtin = slos.filter(
      s => s.definition.indicator.source.type === 'builtin',
    );
    const prometheus = slos.filter(
      s => s.definition.indicator.source.type === 'prometheus',
    );
    // Detection's range queries go out alongside the window queries, so that a
    // slow source holds the run for one deadline, not two.
    const prometheusIncidents = this.startPrometheusDetection(
      prometheus,
      nowMs,
    );
    const statuses: StoredSloStatus[] = [
      ...(await this.evaluateBuiltin(builtin, nowMs)),
      ...(await this.evaluatePrometheus(prometheus, nowMs)),
    ];
    // All of them: the store drops the statuses of SLOs not evaluated, and reads
    // the unchanged ones (not rewritten) as evaluated now.
    const rolling = new Set(
      slos
        .filter(s => s.definition.timeWindow.kind === 'rolling')
        .map(s => s.definition.ref),
    );
    if (signal?.aborted) {
      // Nothing is saved past the run's deadline: the next run may have begun.
      prometheusIncidents?.catch(() => undefined);
      signal.throwIfAborted();
    }
    const writes = await this.statusStore.saveStatuses(
      statuses.map(s => ({
        ...s,
        rollingPeriod: rolling.has(s.status.sloRef),
      })),
    );
    await this.detectIncidents(builtin, prometheusIncidents, nowMs);
    await this.statusStore.clearProblems(slos.map(s => s.definition.ref));
    await this.statusStore.setProblems(
      invalid.map(i => ({ ...i, seenAt: new Date(nowMs).toISOString() })),
    );
    await this.sliStore.prune({
      minutesBeforeMs: nowMs - FINE_RETENTION_MS,
      hoursBeforeMs: nowMs - HOURLY_RETENTION_MS,
    });
    if (!signal?.aborted) await this.saveCacheSnapshot();
    this.logger.debug(
      `Evaluated ${statuses.length} SLOs (${writes.statusRows} statuses and ${writes.historyRows} history points changed); ${invalid.length} invalid`,
    );
    return statuses.length;
  }

  /** Incidents of the Prometheus SLOs, when detection is due (see detectIncidents). */
  private startPrometheusDetection(
    slos: RegisteredSlo[],
    nowMs: number,
  ): Promise<PrometheusIncidents | undefined> | undefined {
    if (!this.incidentDetector) return undefined;
    if (nowMs - this.lastDetectionMs < INCIDENT_DETECTION_MS) return undefined;
    return this.incidentDetector.detectPrometheus(slos, tierCut(nowMs), nowMs);
  }

  /**
   * Fast burns of the built-in SLOs, from the rollups just brought up to date, with
   * those of the Prometheus SLOs; `prometheus` is set when detection is due.
   */
  private async detectIncidents(
    slos: RegisteredSlo[],
    prometheus: Promise<PrometheusIncidents | undefined> | undefined,
    nowMs: number,
  ) {
    if (!this.incidentDetector || !prometheus) return;
    await this.incidentDetector.detectAll(
      slos,
      {
        fineFromMs: tierCut(nowMs),
        dataOf: slo =>
          this.cache.dataOf(slo.definition.ref, sliceSpecOf(slo.definition)),
      },
      nowMs,
      await prometheus,
    );
    this.lastDetectionMs = nowMs;
  }

  /** One query per window and source for all Prometheus SLOs. */
  private evaluatePrometheus(
    slos: RegisteredSlo[],
    nowMs: number,
  ): Promise<StoredSloStatus[]> {
    return evaluatePrometheusStatuses(
      this.prometheus,
      this.statusStore,
      slos,
      nowMs,
    );
  }

  /** Buckets the evaluator holds in memory for a built-in SLO, per tier. */
  heldRollups(sloRef: string) {
    return this.cache.held(sloRef);
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
    await this.cache.refresh(
      slos.map(({ definition }) => ({
        ref: definition.ref,
        // A day of slack, so the range moves (and the cache trims) daily.
        hoursFromMs:
          Math.floor(
            (currentPeriod(definition.timeWindow, nowMs).startMs - HOUR) / DAY,
          ) * DAY,
        slices: definition.budgetingMethod !== 'Occurrences',
      })),
      { minutesFromMs: tierCut(nowMs), recentFromMs: recentCut(nowMs) },
    );
    return slos.map(slo => ({
      status: builtinStatus(
        evaluateSlo(
          slo.definition,
          this.cache.dataOf(slo.definition.ref, sliceSpecOf(slo.definition)),
          nowMs,
        ),
      ),
      ownerRef: slo.ownerRef,
      systemRef: slo.systemRef,
    }));
  }
}

/**
 * The status of a built-in SLO: evaluateSlo's result without `hasData`, with
 * `dataState` (keys in the order of `{ ...rest, dataState }`, which the stored
 * content hash depends on). One object literal of fixed fields: the statuses
 * outlive the run, so their shape and count matter to the garbage collector, and
 * a rest spread copies field by field through the runtime. (Deleting `hasData`
 * instead would turn the object into a slow dictionary-mode one.)
 */
function builtinStatus(e: ReturnType<typeof evaluateSlo>): SloStatus {
  return {
    sloRef: e.sloRef,
    service: e.service,
    displayName: e.displayName,
    description: e.description,
    source: e.source,
    target: e.target,
    period: e.period,
    periodStart: e.periodStart,
    budgetingMethod: e.budgetingMethod,
    timeSliceWindow: e.timeSliceWindow,
    sli: e.sli,
    errorBudgetRemaining: e.errorBudgetRemaining,
    budget: e.budget,
    burnRates: e.burnRates,
    alert: e.alert,
    rules: e.rules,
    timeToExhaustion: e.timeToExhaustion,
    evaluatedAt: e.evaluatedAt,
    dataState: e.hasData ? 'ok' : 'no-data',
  };
}
