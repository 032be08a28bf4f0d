import { DatabaseService } from '@backstage/backend-plugin-api';
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
  StoredSloStatus,
} from './SloStatusStore';
import { applyMigrations } from '../../database/applyMigrations';
import { SqlDialect } from './sqlDialect';

const BATCH = 100;

type StatusRow = {
  slo_ref: string;
  service_ref: string;
  owner_ref: string | null;
  system_ref: string | null;
  alert: string;
  budget_remaining: number | null;
  data_state: string;
  status: string;
  evaluated_at: number | string;
};

type EvaluatorRunRow = {
  kind: 'last' | 'last_success';
  started_at: number | string;
  duration_ms: number;
  error: string | null;
};

/** The longest error text kept of a failed evaluator run. */
const MAX_RUN_ERROR_LENGTH = 2000;

type ProblemRow = {
  slo_ref: string;
  service_ref: string | null;
  location: string | null;
  problems: string;
  seen_at: number | string;
};

/** SLO status snapshots in the plugin's database. */
export class DatabaseSloStatusStore implements SloStatusStore {
  private readonly sql: SqlDialect;

  private constructor(private readonly db: Knex) {
    this.sql = new SqlDialect(db);
  }

  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSloStatusStore> {
    return new DatabaseSloStatusStore(await applyMigrations(options.database));
  }

  async saveStatuses(statuses: StoredSloStatus[]): Promise<void> {
    const rows: StatusRow[] = statuses.map(
      ({ status, ownerRef, systemRef }) => ({
        slo_ref: status.sloRef,
        service_ref: status.service,
        owner_ref: ownerRef ?? null,
        system_ref: systemRef ?? null,
        alert: status.alert,
        budget_remaining: status.errorBudgetRemaining,
        data_state: status.dataState,
        status: JSON.stringify(status),
        evaluated_at: Date.parse(status.evaluatedAt),
      }),
    );
    const history = statuses.map(({ status }) => ({
      slo_ref: status.sloRef,
      day: status.evaluatedAt.slice(0, 10),
      budget_remaining: status.errorBudgetRemaining,
      sli: status.sli,
    }));
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += BATCH) {
        await tx('sre_slo_status')
          .insert(rows.slice(i, i + BATCH))
          .onConflict('slo_ref')
          .merge();
        await tx('sre_slo_history')
          .insert(history.slice(i, i + BATCH))
          .onConflict(['slo_ref', 'day'])
          .merge();
      }
    });
  }

  async removeStatusesExcept(sloRefs: string[]): Promise<void> {
    const keep = new Set(sloRefs);
    const stored = await this.db<StatusRow>('sre_slo_status').select('slo_ref');
    const gone = stored.map(r => r.slo_ref).filter(ref => !keep.has(ref));
    for (let i = 0; i < gone.length; i += BATCH) {
      await this.db('sre_slo_status')
        .whereIn('slo_ref', gone.slice(i, i + BATCH))
        .delete();
    }
  }

  async getStatus(sloRef: string): Promise<SloStatus | undefined> {
    const row = await this.db<StatusRow>('sre_slo_status')
      .where('slo_ref', sloRef)
      .first();
    return row ? JSON.parse(row.status) : undefined;
  }

  async getStatuses(sloRefs: string[]): Promise<Map<string, SloStatus>> {
    const result = new Map<string, SloStatus>();
    // Bounded batches: SQLite limits the bound parameters of a statement.
    for (let i = 0; i < sloRefs.length; i += 500) {
      const rows = await this.db<StatusRow>('sre_slo_status')
        .whereIn('slo_ref', sloRefs.slice(i, i + 500))
        .select('slo_ref', 'status');
      for (const row of rows) result.set(row.slo_ref, JSON.parse(row.status));
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
      .select('status');
    return {
      items: rows.map(r => JSON.parse(r.status)),
      totalCount: Number(count),
    };
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

  async setProblems(records: SloProblemRecord[]): Promise<void> {
    const rows = records.map(r => ({
      slo_ref: r.sloRef,
      service_ref: r.service ?? null,
      location: r.location ?? null,
      problems: JSON.stringify(r.problems),
      seen_at: Date.parse(r.seenAt),
    }));
    for (let i = 0; i < rows.length; i += BATCH) {
      await this.db('sre_slo_problems')
        .insert(rows.slice(i, i + BATCH))
        .onConflict('slo_ref')
        .merge();
    }
  }

  async clearProblems(sloRefs: string[]): Promise<void> {
    for (let i = 0; i < sloRefs.length; i += BATCH) {
      await this.db('sre_slo_problems')
        .whereIn('slo_ref', sloRefs.slice(i, i + BATCH))
        .delete();
    }
  }

  async listProblems(query: {
    serviceRef?: string;
    sinceMs: number;
  }): Promise<SloProblemRecord[]> {
    const rows = await this.db('sre_slo_problems')
      .where('seen_at', '>=', query.sinceMs)
      .modify(b => {
        if (query.serviceRef) b.where('service_ref', query.serviceRef);
      })
      .orderBy('slo_ref')
      .select();
    return rows.map((r: ProblemRow) => ({
      sloRef: r.slo_ref,
      service: r.service_ref ?? undefined,
      location: r.location ?? undefined,
      problems: JSON.parse(r.problems),
      seenAt: new Date(Number(r.seen_at)).toISOString(),
    }));
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

  async recordEvaluatorRun(run: SloEvaluatorRun): Promise<void> {
    const row = (kind: EvaluatorRunRow['kind']): EvaluatorRunRow => ({
      kind,
      started_at: run.startedAtMs,
      duration_ms: Math.max(0, Math.round(run.durationMs)),
      error:
        run.error === undefined
          ? null
          : run.error.slice(0, MAX_RUN_ERROR_LENGTH),
    });
    const rows =
      run.error === undefined
        ? [row('last'), row('last_success')]
        : [row('last')];
    // Runs may overlap (a run that outlives the scheduler's lock): the one that
    // started last wins, whichever ends last.
    await this.db('sre_slo_evaluator_runs')
      .insert(rows)
      .onConflict('kind')
      .merge()
      .where('sre_slo_evaluator_runs.started_at', '<=', run.startedAtMs);
  }

  async getEvaluatorRuns(): Promise<{
    last?: SloEvaluatorRun;
    lastSuccess?: SloEvaluatorRun;
  }> {
    const rows: EvaluatorRunRow[] = await this.db('sre_slo_evaluator_runs')
      .whereIn('kind', ['last', 'last_success'])
      .select();
    const runOf = (kind: EvaluatorRunRow['kind']) => {
      const row = rows.find(r => r.kind === kind);
      if (!row) return undefined;
      const run: SloEvaluatorRun = {
        startedAtMs: Number(row.started_at),
        durationMs: Number(row.duration_ms),
      };
      if (row.error !== null) run.error = row.error;
      return run;
    };
    return { last: runOf('last'), lastSuccess: runOf('last_success') };
  }
}
