/** Why an SLO of the Prometheus source has no data this time. */
export type PrometheusSloFailure =
  /** Its source failed (unreachable, 5xx, timeout): the same error for all its SLOs. */
  | 'source-unavailable'
  /** It names a source that `sre.sources` does not configure. */
  | 'unknown-source'
  /** The source cannot evaluate it (time slices, a query shape it cannot sum). */
  | 'not-supported'
  /** Prometheus rejected its own query (400 bad_data, 422 execution). */
  | 'query-failed'
  /**
   * Its query is not sent or its answer not used, since it could pass for other
   * SLOs' series in the batch query: it is not one self-contained expression, or
   * the answer held series that no wrapper of the batch writes.
   */
  | 'query-refused';

/** The outcome for one SLO that has no data, with the source it reads if known. */
export type PrometheusSloFailed = {
  ok: false;
  sourceName?: string;
  reason: PrometheusSloFailure;
  error: string;
};

/** Why one SLO of a source failed while the source itself answered. */
export type PrometheusQueryFailure = {
  reason: Exclude<PrometheusSloFailure, 'source-unavailable'>;
  error: string;
};

/** Whether a source answered; for `SloStatusStore.recordSourceResult`. */
export type PrometheusSourceResult =
  | { ok: true }
  | { ok: false; error: string };
