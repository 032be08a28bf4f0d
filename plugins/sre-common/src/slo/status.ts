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
