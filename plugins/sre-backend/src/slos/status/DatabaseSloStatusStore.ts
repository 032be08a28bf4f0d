import type {
  SloProblemRecord,
  SloStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import { Knex } from 'knex';
import {
  ListSloStatusQuery,
  SloEvaluatorRun,
  SloHistoryPoint,
  SloStatusFilter,
  SloStatusStore,
  StatusWrites,
  StoredSloStatus,
} from './SloStatusStore';
import { getEvaluatorRuns, recordEvaluatorRun } from './evaluatorRuns';
import { saveStatuses } from './saveStatuses';
import { clearProblems, listProblems, setProblems } from './sloProblems';
import { STATUSES_RUN, StatusRow, statusOf } from './statusTables';
import { SqlDialect } from '../../database/sqlDialect';

/** SLO status snapshots in the plugin's database. */
export class DatabaseSloStatusStore implements SloStatusStore {
  private readonly sql: SqlDialect;

  private constructor(private readonly db: Knex) {
    this.sql = new SqlDialect(db);
  }

  /** On a migrated client: SreDatabase hands this store out. */
  static create(options: { client: Knex }): DatabaseSloStatusStore {
    return new DatabaseSloStatusStore(options.client);
  }

  saveStatuses(statuses: StoredSloStatus[]): Promise<StatusWrites> {
    return saveStatuses(this.db, statuses);
  }

  async getStatus(sloRef: string): Promise<SloStatus | undefined> {
    const row = await this.db<StatusRow>('sre_slo_status')
      .where('slo_ref', sloRef)
      .first(...this.readColumns());
    return row ? statusOf(row) : undefined;
  }

  async getStatuses(sloRefs: string[]): Promise<Map<string, SloStatus>> {
    const result = new Map<string, SloStatus>();
    // Bounded batches: SQLite limits the bound parameters of a statement.
    for (let i = 0; i < sloRefs.length; i += 500) {
      const rows = await this.db<StatusRow>('sre_slo_status')
        .whereIn('slo_ref', sloRefs.slice(i, i + 500))
        .select('slo_ref', ...this.readColumns());
      for (const row of rows) result.set(row.slo_ref, statusOf(row));
    }
    return result;
  }

  async list(
    query: ListSloStatusQuery,
  ): Promise<{ items: SloStatus[]; totalCount: number }> {
    const base = this.filtered(query).where(builder => {
      // Hidden refs as one JSON parameter: any number of them in one statement.
      const { sloRefs = [], serviceRefs = [] } = query.hidden ?? {};
      const refs = this.sql.jsonRows([['ref', 'text']]);
      if (sloRefs.length) {
        builder.whereRaw(`slo_ref NOT IN (SELECT h.ref FROM ${refs} AS h)`, [
          JSON.stringify(sloRefs.map(r => [r])),
        ]);
      }
      if (serviceRefs.length) {
        builder.whereRaw(
          `service_ref NOT IN (SELECT h.ref FROM ${refs} AS h)`,
          [JSON.stringify(serviceRefs.map(r => [r]))],
        );
      }
    });
    const [{ count }] = await base.clone().count({ count: '*' });
    let ordered = base.clone();
    if (query.orderBy === 'alert') {
      ordered = ordered.orderByRaw(
        "CASE alert WHEN 'page' THEN 0 WHEN 'ticket' THEN 1 ELSE 2 END",
      );
    }
    // No data sorts last; the least budget left comes first.
    ordered = ordered
      .orderByRaw('CASE WHEN budget_remaining IS NULL THEN 1 ELSE 0 END')
      .orderBy('budget_remaining', 'asc')
      .orderBy('slo_ref', 'asc');
    const rows = await ordered
      .limit(query.limit)
      .offset(query.offset)
      .select(...this.readColumns());
    return {
      items: rows.map(statusOf),
      totalCount: Number(count),
    };
  }

  /**
   * The columns a status is read from, with the time of the last evaluation
   * whose statuses were saved (one statement: the row and that time agree).
   */
  private readColumns() {
    return [
      'status',
      'follows_evaluation',
      'rolling_period',
      this.db.raw(
        '(SELECT r.started_at FROM sre_slo_evaluator_runs AS r WHERE r.kind = ?) AS confirmed_at',
        [STATUSES_RUN],
      ),
    ] as const;
  }

  async listRefs(
    filter: SloStatusFilter,
  ): Promise<{ sloRefs: string[]; serviceRefs: string[] }> {
    const rows = await this.filtered(filter).select('slo_ref', 'service_ref');
    return {
      sloRefs: rows.map(r => r.slo_ref),
      serviceRefs: [...new Set(rows.map(r => r.service_ref))],
    };
  }

  /** The status rows a filter selects. */
  private filtered(filter: SloStatusFilter) {
    return this.db<StatusRow>('sre_slo_status').where(builder => {
      const { ownerRefs, serviceRefs } = filter.scope ?? {};
      if (ownerRefs || serviceRefs) {
        builder.where(either => {
          either.whereIn('owner_ref', ownerRefs ?? []);
          either.orWhereIn('service_ref', serviceRefs ?? []);
        });
      }
      if (filter.systemRef) builder.where('system_ref', filter.systemRef);
      if (filter.alert) builder.where('alert', filter.alert);
    });
  }

  async getHistory(
    sloRef: string,
    sinceDay: string,
  ): Promise<SloHistoryPoint[]> {
    const rows = await this.db('sre_slo_history')
      .where('slo_ref', sloRef)
      .andWhere('day', '>=', sinceDay)
      .orderBy('day', 'asc')
      .select('day', 'budget_remaining', 'sli');
    return rows.map(r => ({
      day: r.day,
      errorBudgetRemaining:
        r.budget_remaining === null ? null : Number(r.budget_remaining),
      sli: r.sli === null ? null : Number(r.sli),
    }));
  }

  setProblems(records: SloProblemRecord[]): Promise<void> {
    return setProblems(this.db, records);
  }

  clearProblems(sloRefs: string[]): Promise<void> {
    return clearProblems(this.db, sloRefs);
  }

  listProblems(query: {
    serviceRef?: string;
    sinceMs: number;
  }): Promise<SloProblemRecord[]> {
    return listProblems(this.db, query);
  }

  async recordSourceResult(
    source: string,
    result:
      | { ok: true; atMs: number }
      | { ok: false; atMs: number; error: string },
  ): Promise<{ unavailableSinceMs?: number; lastError?: string }> {
    return this.db.transaction(async tx => {
      const row = await tx('sre_source_state').where('source', source).first();
      const next = result.ok
        ? {
            source,
            unavailable_since: null,
            last_error: null,
            last_success_at: result.atMs,
          }
        : {
            source,
            unavailable_since: row?.unavailable_since ?? result.atMs,
            last_error: result.error.slice(0, 2000),
            last_success_at: row?.last_success_at ?? null,
          };
      await tx('sre_source_state').insert(next).onConflict('source').merge();
      return next.unavailable_since === null
        ? {}
        : {
            unavailableSinceMs: Number(next.unavailable_since),
            lastError: next.last_error ?? undefined,
          };
    });
  }

  recordEvaluatorRun(run: SloEvaluatorRun): Promise<void> {
    return recordEvaluatorRun(this.db, run);
  }

  getEvaluatorRuns(): Promise<{
    last?: SloEvaluatorRun;
    lastSuccess?: SloEvaluatorRun;
  }> {
    return getEvaluatorRuns(this.db);
  }
}
