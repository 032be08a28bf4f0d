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
import { statusAsOf, statusContent, valueBytes } from './sloStatusChanges';
import { SqlDialect } from '../../database/sqlDialect';

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
  content_hash: string | null;
  follows_evaluation: boolean | number;
  rolling_period: boolean | number;
};

type HistoryRow = {
  slo_ref: string;
  day: string;
  /** Numbers; pg may read them back as text. */
  budget_remaining: number | string | null;
  sli: number | string | null;
};

/**
 * The run record (sre_slo_evaluator_runs) of the last evaluation whose statuses
 * were saved: every status row belongs to it, the unchanged ones too.
 */
const STATUSES_RUN = 'statuses';

/** A status as read: unchanged ones as of the last saved evaluation. */
function statusOf(row: {
  status: string;
  follows_evaluation: boolean | number;
  rolling_period: boolean | number;
  confirmed_at?: number | string | null;
}): SloStatus {
  return statusAsOf(
    JSON.parse(row.status),
    {
      followsEvaluation: Boolean(row.follows_evaluation),
      rollingPeriod: Boolean(row.rolling_period),
    },
    row.confirmed_at === null || row.confirmed_at === undefined
      ? undefined
      : Number(row.confirmed_at),
  );
}

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

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

  /** On a migrated client: SreDatabase hands this store out. */
  static create(options: { client: Knex }): DatabaseSloStatusStore {
    return new DatabaseSloStatusStore(options.client);
  }

  async saveStatuses(statuses: StoredSloStatus[]): Promise<StatusWrites> {
    const writes: StatusWrites = {
      statusRows: 0,
      historyRows: 0,
      deletedRows: 0,
      bytes: 0,
    };
    let evaluationMs = -Infinity;
    for (const { status } of statuses) {
      evaluationMs = Math.max(evaluationMs, Date.parse(status.evaluatedAt));
    }
    const candidates = statuses.map(stored => ({
      stored,
      content: statusContent(stored, evaluationMs),
    }));
    const day = Number.isFinite(evaluationMs)
      ? new Date(evaluationMs).toISOString().slice(0, 10)
      : undefined;
    await this.db.transaction(async tx => {
      if (day !== undefined) {
        // Written first: its row lock makes concurrent saves (overlapping runs
        // on two replicas) take turns, each deciding against the other's rows.
        const run = {
          kind: STATUSES_RUN,
          started_at: evaluationMs,
          duration_ms: 0,
          error: null,
        };
        await tx('sre_slo_evaluator_runs')
          .insert(run)
          .onConflict('kind')
          .merge();
        writes.bytes += valueBytes(run);
      }
      // What the database holds decides what changed (the last evaluation may
      // have run on another replica): the hashes, and today's history points.
      const stored: Array<{ slo_ref: string; content_hash: string | null }> =
        await tx('sre_slo_status').select('slo_ref', 'content_hash');
      const points: HistoryRow[] =
        day === undefined
          ? []
          : await tx('sre_slo_history')
              .where('day', day)
              .select('slo_ref', 'day', 'budget_remaining', 'sli');
      const pointOf = new Map(points.map(p => [p.slo_ref, p]));
      const hashOf = new Map(stored.map(r => [r.slo_ref, r.content_hash]));
      const statusRows: StatusRow[] = [];
      const historyRows: HistoryRow[] = [];
      for (const { stored: s, content } of candidates) {
        const { status } = s;
        const unchanged = hashOf.get(status.sloRef) === content.hash;
        if (!unchanged) {
          statusRows.push({
            slo_ref: status.sloRef,
            service_ref: status.service,
            owner_ref: s.ownerRef ?? null,
            system_ref: s.systemRef ?? null,
            alert: status.alert,
            budget_remaining: status.errorBudgetRemaining,
            data_state: status.dataState,
            status: JSON.stringify(status),
            evaluated_at: Date.parse(status.evaluatedAt),
            content_hash: content.hash,
            follows_evaluation: content.followsEvaluation,
            rolling_period: content.rollingPeriod,
          });
        }
        const point: HistoryRow = {
          slo_ref: status.sloRef,
          day: status.evaluatedAt.slice(0, 10),
          budget_remaining: status.errorBudgetRemaining,
          sli: status.sli,
        };
        // An unchanged status kept from an earlier evaluation wrote its day's
        // point when it changed; any other is compared with today's.
        const today = pointOf.get(status.sloRef);
        const same =
          unchanged && !content.followsEvaluation
            ? true
            : today?.day === point.day &&
              numberOrNull(today.budget_remaining) === point.budget_remaining &&
              numberOrNull(today.sli) === point.sli;
        if (!same) historyRows.push(point);
      }
      const keep = new Set(statuses.map(s => s.status.sloRef));
      const gone = stored.map(r => r.slo_ref).filter(ref => !keep.has(ref));
      for (let i = 0; i < statusRows.length; i += BATCH) {
        await tx('sre_slo_status')
          .insert(statusRows.slice(i, i + BATCH))
          .onConflict('slo_ref')
          .merge();
      }
      for (let i = 0; i < historyRows.length; i += BATCH) {
        await tx('sre_slo_history')
          .insert(historyRows.slice(i, i + BATCH))
          .onConflict(['slo_ref', 'day'])
          .merge();
      }
      for (let i = 0; i < gone.length; i += BATCH) {
        await tx('sre_slo_status')
          .whereIn('slo_ref', gone.slice(i, i + BATCH))
          .delete();
      }
      writes.statusRows = statusRows.length;
      writes.historyRows = historyRows.length;
      writes.deletedRows = gone.length;
      for (const row of [...statusRows, ...historyRows]) {
        writes.bytes += valueBytes(row);
      }
    });
    return writes;
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
