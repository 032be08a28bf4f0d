/** How often the scenario's evaluation task runs, and how long it may stop after a kill. */
import { FaultDatabase } from './faultDatabase';
import {
  EvaluationTaskTiming,
  evaluationTaskTiming,
} from '../src/slos/evaluation/evaluationTask';

export type EvaluationSchedule = {
  /** The task's cadence as scheduled (ISO 8601), or 'none'. */
  cadence: string;
  intervalMs: number;
  timing: EvaluationTaskTiming;
};

/**
 * The evaluation task as the replicas scheduled it; a timeout or cadence other
 * than the plugin's timings and the configured frequency is added to `warnings`.
 */
export async function readEvaluationSchedule(
  db: FaultDatabase,
  evaluationSeconds: number,
  warnings: string[],
): Promise<EvaluationSchedule> {
  const task = await db.evaluationTask();
  const cadence = task
    ? (JSON.parse(task.settings_json).cadence as string)
    : 'none';
  const intervalMs = isoSeconds(cadence) * 1000;
  // The bound on how long evaluation may stop after a kill, from the plugin's
  // own timings, with slack for a loaded machine (late timers and queries).
  const timing = evaluationTaskTiming(intervalMs);
  const timeout = task
    ? isoSeconds(JSON.parse(task.settings_json).timeoutAfterDuration) * 1000
    : NaN;
  if (timeout !== timing.timeoutMs) {
    warnings.push(
      `the evaluation task times out after ${timeout / 1000} s, not the ${
        timing.timeoutMs / 1000
      } s of evaluationTaskTiming`,
    );
  }
  if (isoSeconds(cadence) !== evaluationSeconds) {
    warnings.push(
      `the evaluation task runs every ${cadence}, not the ${evaluationSeconds} s of sre.evaluation.frequency`,
    );
  }
  return { cadence, intervalMs, timing };
}

/** Seconds of an ISO 8601 duration such as PT5S or PT1M30S. */
function isoSeconds(duration: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration);
  if (!m) return NaN;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
