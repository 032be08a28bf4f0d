import { Knex } from 'knex';
import { SloEvaluatorRun } from './SloStatusStore';

/** The last evaluator run, and the last successful one (sre_slo_evaluator_runs). */

type EvaluatorRunRow = {
  kind: 'last' | 'last_success';
  started_at: number | string;
  duration_ms: number;
  error: string | null;
};

/** The longest error text kept of a failed evaluator run. */
const MAX_RUN_ERROR_LENGTH = 2000;

export async function recordEvaluatorRun(
  db: Knex,
  run: SloEvaluatorRun,
): Promise<void> {
  const row = (kind: EvaluatorRunRow['kind']): EvaluatorRunRow => ({
    kind,
    started_at: run.startedAtMs,
    duration_ms: Math.max(0, Math.round(run.durationMs)),
    error:
      run.error === undefined ? null : run.error.slice(0, MAX_RUN_ERROR_LENGTH),
  });
  const rows =
    run.error === undefined
      ? [row('last'), row('last_success')]
      : [row('last')];
  // Runs may overlap (a run that outlives the scheduler's lock): the one that
  // started last wins, whichever ends last.
  await db('sre_slo_evaluator_runs')
    .insert(rows)
    .onConflict('kind')
    .merge()
    .where('sre_slo_evaluator_runs.started_at', '<=', run.startedAtMs);
}

export async function getEvaluatorRuns(db: Knex): Promise<{
  last?: SloEvaluatorRun;
  lastSuccess?: SloEvaluatorRun;
}> {
  const rows: EvaluatorRunRow[] = await db('sre_slo_evaluator_runs')
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
