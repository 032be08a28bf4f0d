import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { SliStore } from '../store/SliStore';
import { redactRunError } from './redactRunError';
import { SloEvaluator } from './SloEvaluator';
import { SloStatusStore } from '../status/SloStatusStore';

/*
 * How the Backstage scheduler (@backstage/backend-defaults 0.18, TaskWorker and
 * PluginTaskSchedulerJanitor) treats a global task, which the timings below
 * rely on:
 * - A run holds the task's row (a ticket) until it returns; the row expires
 *   `timeout` after the claim. A replica that dies mid-run never releases it.
 * - Every replica's janitor clears expired rows once a minute (fixed in
 *   DefaultSchedulerService, not configurable); then any replica's worker,
 *   which looks every 5 s (or every `frequency` when shorter), claims the next
 *   run at once.
 * - The janitor leaves the task's next start where it was (long past), so the
 *   run after a dead one is due at once, and so is the one after it: the
 *   scheduler catches up with a second run seconds after the first.
 * - At `timeout` the run's AbortSignal fires, and it fires again within 5 s of
 *   the janitor clearing the row, but the run is never stopped: one that
 *   ignores the signal keeps going while another replica runs the next one.
 */

/** The scheduler's janitor frees an expired run's lock this often. */
export const SCHEDULER_JANITOR_PERIOD_MS = 60_000;
/** The scheduler's workers look for a due run this often at most. */
export const SCHEDULER_WORK_CHECK_MS = 5_000;
/** A run's lock lasts this many evaluation intervals... */
export const TIMEOUT_INTERVALS = 3;
/**
 * ...and at least this long: a cold first run at 10,000 SLOs (12-15 s on a
 * loaded 2-core machine) must end well before its save deadline, or every run
 * would stop there and none would ever save.
 */
export const MIN_TIMEOUT_MS = 60_000;
/**
 * A run saves nothing once this share of its timeout has passed. The rest is
 * for the saves themselves (about 0.3 s at 10,000 SLOs), which must be done
 * before the lock can expire and another replica start the next run.
 */
export const SAVE_DEADLINE_SHARE = 2 / 3;
/** Every replica applies accepted pushes at least this often. */
export const MAX_APPLY_INTERVAL_MS = 5_000;

/** The evaluation task's timings, from `sre.evaluation.frequency`. */
export type EvaluationTaskTiming = {
  intervalMs: number;
  /** The scheduler's timeout of a run: its lock expires this long after the claim. */
  timeoutMs: number;
  /** A run that has not begun its saves this long after it started stops without saving. */
  saveDeadlineMs: number;
  /** How often every replica applies the queue of accepted pushes. */
  applyIntervalMs: number;
  /**
   * The longest evaluation stops when a replica dies mid-run: from the end of
   * the last run before to the start of the first one after.
   */
  worstStallMs: number;
};

export function evaluationTaskTiming(intervalMs: number): EvaluationTaskTiming {
  const timeoutMs = Math.max(TIMEOUT_INTERVALS * intervalMs, MIN_TIMEOUT_MS);
  const workCheckMs = Math.min(intervalMs, SCHEDULER_WORK_CHECK_MS);
  return {
    intervalMs,
    timeoutMs,
    saveDeadlineMs: Math.floor(timeoutMs * SAVE_DEADLINE_SHARE),
    applyIntervalMs: Math.min(intervalMs, MAX_APPLY_INTERVAL_MS),
    // The dead run was claimed up to an interval and a work check after the
    // last run ended; its lock expires a timeout later, a janitor clears it
    // within its period, and a worker claims the next run within a work check.
    worstStallMs:
      intervalMs +
      workCheckMs +
      timeoutMs +
      SCHEDULER_JANITOR_PERIOD_MS +
      workCheckMs,
  };
}

/**
 * The signal one evaluation run honours: aborted by the scheduler (the run's
 * lock timed out or was cleared, or the backend is stopping) or at the run's
 * save deadline, whichever comes first, with a reason that says which.
 */
export function evaluationRunSignal(
  scheduler: AbortSignal,
  saveDeadlineMs: number,
): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onScheduler = () =>
    controller.abort(
      new Error(
        'SLO evaluation stopped before saving: the scheduler took the run back (its lock timed out or was cleared, or the backend is stopping)',
      ),
    );
  const timer = setTimeout(
    () =>
      controller.abort(
        new Error(
          `SLO evaluation stopped before saving: it had not finished computing ${
            saveDeadlineMs / 1000
          } s after it started, and saving later could overlap the next run on another replica`,
        ),
      ),
    saveDeadlineMs,
  );
  if (scheduler.aborted) onScheduler();
  else scheduler.addEventListener('abort', onScheduler, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      scheduler.removeEventListener('abort', onScheduler);
    },
  };
}

/**
 * Whether a run due now comes less than half an interval after the last run
 * started (on any replica): the scheduler catching up after a dead run.
 */
export function isCatchUpRun(
  lastStartedAtMs: number | undefined,
  nowMs: number,
  intervalMs: number,
): boolean {
  return (
    lastStartedAtMs !== undefined && nowMs - lastStartedAtMs < intervalMs / 2
  );
}

/** Applies the queue; says once when it starts failing and once when it works again. */
function queueApplier(
  sliStore: Pick<SliStore, 'applyPending'>,
  logger: LoggerService,
  intervalMs: number,
) {
  let failing = false;
  return async () => {
    try {
      await sliStore.applyPending();
      if (failing) logger.info('Applying accepted SLI pushes works again');
      failing = false;
    } catch (error) {
      if (!failing) {
        logger.warn(
          `Applying accepted SLI pushes failed; they stay queued and are tried again every ${
            intervalMs / 1000
          } s: ${redactRunError(error)}`,
        );
      }
      failing = true;
    }
  };
}

/**
 * Schedules the SLO evaluation (global: one replica runs each interval) and
 * the applying of accepted pushes (local: every replica, every few seconds).
 *
 * Applying needs no scheduler lock: it is serialized by the store (a database
 * lock on PostgreSQL, held by a transaction that a dead replica's connection
 * takes with it) and applies and dequeues each push in one transaction. So a
 * replica that dies, or an evaluation that is slow, never holds up ingest; and
 * the evaluation, which reads what is applied, never spends its deadline on a
 * backlog.
 */
export async function scheduleSloEvaluation(options: {
  scheduler: SchedulerService;
  evaluator: Pick<SloEvaluator, 'evaluateAndRecord'>;
  sliStore: Pick<SliStore, 'applyPending'>;
  /** Where runs are recorded: a catch-up run right after another is skipped. */
  statusStore: Pick<SloStatusStore, 'getEvaluatorRuns'>;
  intervalMs: number;
  logger: LoggerService;
}): Promise<EvaluationTaskTiming> {
  const { scheduler, evaluator, sliStore, statusStore, logger } = options;
  const timing = evaluationTaskTiming(options.intervalMs);
  await scheduler.scheduleTask({
    id: 'sre-slo-evaluation',
    frequency: { milliseconds: timing.intervalMs },
    timeout: { milliseconds: timing.timeoutMs },
    initialDelay: { seconds: 5 },
    scope: 'global',
    fn: async schedulerSignal => {
      // One evaluation per interval, even when the scheduler catches up.
      const last = await statusStore.getEvaluatorRuns().then(
        runs => runs.last?.startedAtMs,
        () => undefined, // the run will say what is wrong with the database
      );
      if (isCatchUpRun(last, Date.now(), timing.intervalMs)) {
        logger.debug('Skipped an SLO evaluation right after the last one');
        return;
      }
      const run = evaluationRunSignal(schedulerSignal, timing.saveDeadlineMs);
      try {
        await evaluator.evaluateAndRecord(Date.now, {
          signal: run.signal,
          applyPending: false,
        });
      } finally {
        run.dispose();
      }
    },
  });
  await scheduler.scheduleTask({
    id: 'sre-sli-apply',
    frequency: { milliseconds: timing.applyIntervalMs },
    timeout: { milliseconds: timing.timeoutMs },
    initialDelay: { milliseconds: timing.applyIntervalMs },
    scope: 'local',
    fn: queueApplier(sliStore, logger, timing.applyIntervalMs),
  });
  return timing;
}
