import { Knex } from 'knex';
import { StatusWrites, StoredSloStatus } from './SloStatusStore';
import { statusContent, valueBytes } from './sloStatusChanges';
import {
  BATCH,
  HistoryRow,
  STATUSES_RUN,
  StatusRow,
  numberOrNull,
} from './statusTables';

/**
 * Saves an evaluation's statuses, writing a status row only when its content
 * changed and a history point only when the day's point did, and deletes the
 * statuses of SLOs that are gone. What changed is decided against what the
 * database holds, in one transaction.
 */
export async function saveStatuses(
  db: Knex,
  statuses: StoredSloStatus[],
): Promise<StatusWrites> {
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
  await db.transaction(async tx => {
    if (day !== undefined) {
      // Written first: its row lock makes concurrent saves (overlapping runs
      // on two replicas) take turns, each deciding against the other's rows.
      const run = {
        kind: STATUSES_RUN,
        started_at: evaluationMs,
        duration_ms: 0,
        error: null,
      };
      await tx('sre_slo_evaluator_runs').insert(run).onConflict('kind').merge();
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
