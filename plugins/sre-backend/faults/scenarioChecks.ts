/** The checks of a scenario after the drain, and the mismatches they found. */
import { EvaluationSchedule } from './evaluationSchedule';
import { EvaluationTicketWatch } from './evaluationTicketWatch';
import { KillRecord } from './faultContext';
import { FaultDatabase } from './faultDatabase';
import { FaultSlo } from './faultOrganisation';
import { PushLedger } from './pushLedger';
import { Replica } from './replicas';
import { STALL_SLACK_MS } from './scenarioSettings';
import {
  CheckResult,
  checkBuckets,
  checkEvaluationGaps,
  checkEvaluationRuns,
  checkHours,
  checkQueue,
  checkStatuses,
  hourSumsOf,
  readStoredMinutes,
} from './verifyFaultRun';

export type ScenarioChecks = Awaited<ReturnType<typeof runChecks>>;

/**
 * Every check of the database and the replicas; stops the ticket watch before
 * the evaluation gaps, which need its claims. A long evaluation stall is added
 * to `warnings`.
 */
export async function runChecks(options: {
  db: FaultDatabase;
  ledger: PushLedger;
  replicas: Replica[];
  /** A token the replicas serve statuses to. */
  guest: string;
  slos: FaultSlo[];
  drainedAt: number;
  schedule: EvaluationSchedule;
  /** Whether the evaluator's run records are logged (installWriteLogs). */
  evaluatorRuns: boolean;
  t0: number;
  loggedFrom: number;
  tickets: EvaluationTicketWatch;
  kills: KillRecord[];
  warnings: string[];
}) {
  const { db, ledger, replicas, guest, slos, drainedAt, evaluatorRuns } =
    options;
  const { t0, loggedFrom, tickets, kills, warnings } = options;
  const { intervalMs, timing } = options.schedule;
  if (process.env.SRE_FAULTS_SABOTAGE === '1') {
    // Self-test of the checks: lose one stored bucket and skew one rollup.
    await db.rows(
      `DELETE FROM sre.sre_sli_minutes WHERE ctid IN (SELECT ctid FROM sre.sre_sli_minutes LIMIT 1)`,
    );
    await db.rows(
      `UPDATE sre.sre_sli_hours SET good = good + 1 WHERE ctid IN (SELECT ctid FROM sre.sre_sli_hours LIMIT 1)`,
    );
  }
  const stored = await readStoredMinutes(db);
  const buckets = checkBuckets(ledger, stored);
  const hoursCheck = await checkHours(db, hourSumsOf(stored, slos));
  const queue = await checkQueue(db);
  const statuses = await checkStatuses(
    replicas,
    guest,
    slos,
    stored,
    drainedAt,
  );
  const runs = await checkEvaluationRuns(
    db,
    intervalMs,
    evaluatorRuns,
    t0,
    loggedFrom,
  );
  await tickets.stop();
  const watched = tickets.summary(t0);
  runs.notes.push(watched.line);
  const gaps = checkEvaluationGaps({
    runs: runs.runs,
    kills,
    deadRunClaims: tickets.deadRunClaims(),
    perDeadRunMs: timing.worstStallMs,
    slackMs: STALL_SLACK_MS,
    t0Ms: t0,
    loggedFromMs: loggedFrom,
  });
  const stalledMs = Math.max(runs.maxIdleMs, watched.longestTimedOutMs);
  if (stalledMs > 3 * intervalMs) {
    warnings.push(
      `evaluation stalled for up to ${(stalledMs / 1000).toFixed(
        0,
      )} s (interval ${intervalMs / 1000} s)`,
    );
  }
  return { stored, buckets, hoursCheck, queue, statuses, runs, gaps };
}

/** The mismatches of every check, and of 202s that named a wrong bucket count. */
export function mismatchesOf(
  checks: ScenarioChecks,
  ledger: PushLedger,
): string[] {
  const { buckets, hoursCheck, queue, statuses, runs, gaps } = checks;
  const mismatches: string[] = [];
  const all: CheckResult[] = [buckets, hoursCheck, queue, statuses, runs, gaps];
  for (const c of all) mismatches.push(...c.mismatches);
  const { wrongAcceptedCount } = ledger.counters;
  if (wrongAcceptedCount) {
    mismatches.push(
      `ACCEPTED COUNT ${wrongAcceptedCount} 202s named another number of buckets than sent`,
    );
  }
  return mismatches;
}
