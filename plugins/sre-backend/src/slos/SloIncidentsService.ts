import { BudgetUnavailable } from './evaluation/SloBudgetCalculator';
import { SloIncident } from './evaluation/SloIncidentStore';

export type { BudgetUnavailable, SloIncident };

/**
 * What the SLO domain tells other domains about incidents: the fast burns the
 * evaluator detected, and what a window cost each SLO's error budget. Read-only;
 * callers decide what their caller may see.
 */
export interface SloIncidentsService {
  /** Incidents that started in `[fromMs, toMs)`, newest first. */
  listIncidents(window: {
    fromMs: number;
    toMs: number;
  }): Promise<SloIncident[]>;

  /**
   * The fraction of each SLO's budget that `[fromMs, toMs)` consumed, for the SLOs
   * whose data covers the window; an SLO whose Prometheus source cannot be read
   * now maps to why; others are absent.
   */
  budgetConsumed(
    sloRefs: string[],
    window: { fromMs: number; toMs: number },
  ): Promise<Map<string, number | BudgetUnavailable>>;
}
