import type {
  SloProblemRecord,
  SloStatus,
} from '@sre-catalog/backstage-plugin-sre-common';

/** A status row with what the list views filter and sort by. */
export type StoredSloStatus = {
  status: SloStatus;
  ownerRef?: string;
  systemRef?: string;
  /**
   * The SLO's period is rolling: its start trails evaluatedAt by the period's
   * length, so a later evaluation moving both is no change of the status.
   */
  rollingPeriod?: boolean;
};

/** What {@link SloStatusStore.saveStatuses} wrote, as counted by the store. */
export type StatusWrites = {
  /** Status rows inserted or updated: those that changed. */
  statusRows: number;
  /** Daily history rows inserted or updated: those that changed. */
  historyRows: number;
  /** Status rows deleted: SLOs that are not in the evaluation any more. */
  deletedRows: number;
  /**
   * The size of the values of the rows inserted or updated, and of the run
   * record naming the evaluation (one row, always written): UTF-8 bytes of text,
   * 8 per number, 1 per boolean (not the database's own overhead).
   */
  bytes: number;
};

/** Query of {@link SloStatusStore.list}. */
export type ListSloStatusQuery = {
  /** SLOs of services owned by these Groups, or of these services (either). */
  scope?: { ownerRefs?: string[]; serviceRefs?: string[] };
  systemRef?: string;
  alert?: SloStatus['alert'];
  /** `budget`: least budget first; `alert`: page, ticket, none, then budget. */
  orderBy: 'budget' | 'alert';
  limit: number;
  offset: number;
  /** Leaves out SLOs with one of these refs, or of one of these services. */
  hidden?: { sloRefs: string[]; serviceRefs: string[] };
};

/** The filters of {@link ListSloStatusQuery}, for {@link SloStatusStore.listRefs}. */
export type SloStatusFilter = Pick<
  ListSloStatusQuery,
  'scope' | 'systemRef' | 'alert'
>;

/** One day of an SLO's history. */
export type SloHistoryPoint = {
  day: string;
  errorBudgetRemaining: number | null;
  sli: number | null;
};

/** One run of the SLO evaluator: when it started, how long it took, why it failed. */
export type SloEvaluatorRun = {
  startedAtMs: number;
  durationMs: number;
  /** Absent when the run succeeded. */
  error?: string;
};

/**
 * Latest status per SLO, daily history, the health of each SLI source and of the
 * evaluator.
 */
export interface SloStatusStore {
  /**
   * Saves the statuses of one evaluation, of every SLO it evaluated: the
   * evaluation's time is the latest evaluatedAt among them. Writes only the rows
   * and today's history points that changed, and drops the statuses of SLOs not
   * among them (gone from the catalog, or left out). Unchanged statuses are read
   * from then on as evaluated at the evaluation's time; a status evaluated
   * earlier (numbers kept while a source fails) keeps its own evaluatedAt.
   */
  saveStatuses(statuses: StoredSloStatus[]): Promise<StatusWrites>;
  getStatus(sloRef: string): Promise<SloStatus | undefined>;
  /** The stored statuses of these SLOs, by ref; SLOs without one are left out. */
  getStatuses(sloRefs: string[]): Promise<Map<string, SloStatus>>;
  list(
    query: ListSloStatusQuery,
  ): Promise<{ items: SloStatus[]; totalCount: number }>;
  /**
   * The distinct SLO and service refs of the statuses a filter selects: what a
   * visibility check of a list has to ask the catalog about.
   */
  listRefs(
    filter: SloStatusFilter,
  ): Promise<{ sloRefs: string[]; serviceRefs: string[] }>;
  getHistory(sloRef: string, sinceDay: string): Promise<SloHistoryPoint[]>;

  /** Records the problems of SLO documents (seen now). */
  setProblems(records: SloProblemRecord[]): Promise<void>;
  /** Forgets the problems of SLOs that are valid now. */
  clearProblems(sloRefs: string[]): Promise<void>;
  /** Problems seen since `sinceMs` (older ones belong to documents that are gone). */
  listProblems(query: {
    serviceRef?: string;
    sinceMs: number;
  }): Promise<SloProblemRecord[]>;

  /** Records a failed or successful read of a source; returns since when it fails. */
  recordSourceResult(
    source: string,
    result:
      | { ok: true; atMs: number }
      | { ok: false; atMs: number; error: string },
  ): Promise<{ unavailableSinceMs?: number; lastError?: string }>;

  /** Records a run of the evaluator: it becomes the last run, and if it succeeded the last success. */
  recordEvaluatorRun(run: SloEvaluatorRun): Promise<void>;

  /** The evaluator's last run and last successful run, when there were any. */
  getEvaluatorRuns(): Promise<{
    last?: SloEvaluatorRun;
    lastSuccess?: SloEvaluatorRun;
  }>;
}
