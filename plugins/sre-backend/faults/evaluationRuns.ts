/**
 * The evaluation runs of a fault run, from the test triggers' logs: no two in
 * one interval, and the wait for a run after the drain.
 */
import { CheckResult, capped } from './checkResult';
import { FaultDatabase } from './faultDatabase';
import { FaultSlo } from './faultOrganisation';
import { sleep } from './seededRandom';

/**
 * Evaluation runs from the test triggers' logs: each run writes its record (start
 * and duration; when the table exists) and stamps every status it writes with its
 * start. Two runs that overlap, or start closer than half the interval, ran twice
 * in one interval. Long runs and idle stretches are listed against `t0Ms`.
 */
export async function checkEvaluationRuns(
  db: FaultDatabase,
  intervalMs: number,
  hasRunLog: boolean,
  t0Ms: number,
  /** When the logs started: a first run long after it is idle time too. */
  loggedFromMs: number,
): Promise<CheckResult & { runs: EvaluationRun[]; maxIdleMs: number }> {
  const mismatches: string[] = [];
  const notes: string[] = [];
  const at = (ms: number) => `+${((ms - t0Ms) / 1000).toFixed(0)}s`;
  const byStatus = await db.rows<{
    evaluated_at: string;
    writes: string;
    slos: string;
  }>(
    `SELECT evaluated_at, COUNT(*) AS writes, COUNT(DISTINCT slo_ref) AS slos
     FROM public.faults_status_writes GROUP BY evaluated_at ORDER BY evaluated_at`,
  );
  const statusStarts = byStatus.map(r => Number(r.evaluated_at));
  const rewrites = byStatus.filter(
    r => Number(r.writes) > Number(r.slos),
  ).length;
  let runs: EvaluationRun[] = statusStarts.map(start => ({ start }));
  if (hasRunLog) {
    const rows = await db.rows<{
      started_at: string;
      duration_ms: string;
      failed: boolean;
    }>(
      `SELECT started_at, MAX(duration_ms) AS duration_ms, bool_or(failed) AS failed
       FROM public.faults_run_writes WHERE kind = 'last'
       GROUP BY started_at ORDER BY started_at`,
    );
    runs = rows.map(r => ({
      start: Number(r.started_at),
      duration: Number(r.duration_ms),
      failed: r.failed,
    }));
    const recorded = new Set(runs.map(r => r.start));
    const unrecorded = statusStarts.filter(s => !recorded.has(s)).length;
    if (unrecorded) {
      notes.push(`${unrecorded} runs wrote statuses but no run record`);
    }
  }
  let maxIdleMs = 0;
  const idle: string[] = [];
  const long: string[] = [];
  runs.forEach((run, i) => {
    if (run.duration !== undefined && run.duration > 3 * intervalMs) {
      long.push(`${at(run.start)} took ${(run.duration / 1000).toFixed(0)} s`);
    }
    const prev = i > 0 ? runs[i - 1] : { start: loggedFromMs, duration: 0 };
    const prevEnd = prev.start + (prev.duration ?? 0);
    if (
      i > 0 &&
      (run.start - prev.start < intervalMs / 2 ||
        (prev.duration !== undefined && run.start < prevEnd))
    ) {
      mismatches.push(
        `EVALUATION twice in one interval: runs started ${at(prev.start)} (${
          prev.duration ?? '?'
        } ms) and ${at(run.start)}, ${
          run.start - prev.start
        } ms apart (interval ${intervalMs} ms)`,
      );
    }
    const idleMs = run.start - prevEnd;
    maxIdleMs = Math.max(maxIdleMs, idleMs);
    if (idleMs > 3 * intervalMs) {
      idle.push(
        `none from ${at(prevEnd)} to ${at(run.start)} (${(
          idleMs / 1000
        ).toFixed(0)} s)`,
      );
    }
  });
  const failed = runs.filter(r => r.failed).length;
  notes.unshift(
    `${runs.length} runs (${statusStarts.length} wrote statuses${
      failed ? `, ${failed} failed` : ''
    }${
      rewrites ? `, ${rewrites} wrote an SLO's status twice` : ''
    }), none overlapping or closer than half the interval`,
  );
  if (long.length) notes.push(`long runs: ${long.join(', ')}`);
  if (idle.length) notes.push(`idle: ${idle.join(', ')}`);
  if (mismatches.length)
    notes[0] = notes[0].replace(
      ', none overlapping or closer than half the interval',
      '',
    );
  return {
    mismatches: capped(mismatches),
    notes,
    runs,
    maxIdleMs,
  };
}

/** One evaluation run as logged: its start, and its duration when recorded. */
export type EvaluationRun = {
  start: number;
  duration?: number;
  failed?: boolean;
};

/** Resolves once every SLO has a status from a run that started at or after `sinceMs`. */
export async function waitForEvaluationAfter(
  db: FaultDatabase,
  slos: FaultSlo[],
  sinceMs: number,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Unchanged statuses are not rewritten: a save of all statuses (its run
    // record, kind 'statuses') that started after sinceMs counts as well.
    const [row] = await db.rows<{ n: string; saved: string }>(
      `SELECT (SELECT COUNT(DISTINCT slo_ref) FROM public.faults_status_writes WHERE evaluated_at >= ?) AS n,
        (SELECT COUNT(*) FROM sre.sre_slo_evaluator_runs WHERE kind = 'statuses' AND started_at >= ?) AS saved`,
      [sinceMs, sinceMs],
    );
    if (Number(row.n) >= slos.length || Number(row.saved) > 0) return true;
    await sleep(500);
  }
  return false;
}
