import type { AlertSeverity, BurnRateWindow, EvaluatedRule } from './alerting';
import type { BudgetingMethod } from './definition';

/** @public Whether the SLI source delivered data. */
export type SloDataState = 'ok' | 'no-data' | 'unavailable';

/**
 * Response of `GET /api/sre/slos/{namespace}/{name}/status`. Numbers are `null` when
 * there is no data, never NaN.
 *
 * @public
 */
export type SloStatus = {
  sloRef: string;
  service: string;
  displayName?: string;
  description?: string;
  /** Where the SLI comes from: the built-in store, or a configured Prometheus. */
  source: { type: 'builtin' | 'prometheus'; name?: string };
  target: number;
  /** The period as written, e.g. `28d` or `1M`. */
  period: string;
  periodStart: string;
  budgetingMethod: BudgetingMethod;
  /**
   * The length of a time slice as a duration (`1m`, `5m`): only for SLOs that
   * budget by time slices.
   */
  timeSliceWindow?: string;
  /** The SLI over the period so far. */
  sli: number | null;
  /** 1 = untouched, 0 = exhausted, negative = overspent. */
  errorBudgetRemaining: number | null;
  /** The budget in absolute terms: events (Occurrences) or minutes (time slices). */
  budget: {
    unit: 'events' | 'minutes';
    allowed: number | null;
    consumed: number | null;
  };
  burnRates: Record<BurnRateWindow, number | null>;
  alert: AlertSeverity | 'none';
  rules: EvaluatedRule[];
  /** Seconds until the budget is gone at the 1h burn rate; null when not burning. */
  timeToExhaustion: number | null;
  dataState: SloDataState;
  /** When the source became unavailable, with the last error. */
  unavailableSince?: string;
  lastError?: string;
  evaluatedAt: string;
  /**
   * Set when the evaluation is older than three evaluation intervals: the numbers
   * are the last ones computed and evaluation is behind.
   */
  stale?: { ageSeconds: number };
  /** Pushes to this SLO that could not be applied (dead letters), when any. */
  refused?: { count: number; lastError: string; lastAt: string };
};

/** @public An SLO document that cannot be evaluated, and why. */
export type SloProblemRecord = {
  sloRef: string;
  service?: string;
  /** The catalog location of the document, when known. */
  location?: string;
  problems: { path: string; message: string }[];
  seenAt: string;
};

/** @public Response of `GET /api/sre/slos`. */
export type ListSlosResponse = {
  items: SloStatus[];
  totalCount: number;
  /** With `entityRef`: the service's SLO documents that are invalid. */
  invalid: SloProblemRecord[];
};

/** @public Response of `GET /api/sre/slos/{namespace}/{name}/history`. */
export type SloHistoryResponse = {
  sloRef: string;
  points: {
    day: string;
    errorBudgetRemaining: number | null;
    sli: number | null;
  }[];
};

/**
 * A push that could not be applied, even alone: kept with its error, who pushed
 * it and its payload until an operator retries or discards it.
 *
 * @public
 */
export type SliDeadLetter = {
  id: string;
  receivedAt: string;
  failedAt: string;
  /** The user entity ref or service subject that pushed it. */
  pushedBy: string | null;
  error: string;
  /** The SLOs of the push the caller may see. */
  sloRefs: string[];
  /** SLOs of the push hidden from the caller, counted only. */
  hiddenSloCount: number;
  buckets: number;
};

/** @public Response of `GET /api/sre/slos/dead-letters`. */
export type ListSliDeadLettersResponse = {
  items: SliDeadLetter[];
  totalCount: number;
};

/**
 * Response of `GET /api/sre/slos/evaluator`: whether the SLO evaluation runs, and
 * what waits for it.
 *
 * @public
 */
export type SloEvaluatorHealth = {
  intervalSeconds: number;
  lastSuccessfulRunAt: string | null;
  lastRun?: { at: string; durationMs: number; error?: string };
  /** True when the last successful run is older than three intervals. */
  stale: boolean;
  queue: {
    /** Accepted pushes not yet applied. */
    rows: number;
    bytes: number;
    oldestReceivedAt: string | null;
    limits: { rows: number; bytes: number; ageSeconds: number };
  };
  deadLetters: { count: number; oldestFailedAt: string | null };
};
