import type {
  SloProblemRecord,
  SloStatus,
} from '@sre-catalog/backstage-plugin-sre-common';

/** A status row with what the list views filter and sort by. */
export type StoredSloStatus = {
  status: SloStatus;
  ownerRef?: string;
  systemRef?: string;
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
  saveStatuses(statuses: StoredSloStatus[]): Promise<void>;
  /** Drops the status of SLOs that are gone from the catalog. */
  removeStatusesExcept(sloRefs: string[]): Promise<void>;
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
