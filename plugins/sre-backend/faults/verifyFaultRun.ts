/**
 * The checks after a fault run, from the database and both replicas' answers:
 * every 202'd bucket stored once with its last 202'd counts, nothing stored that
 * got no 202, hourly rollups equal to their minutes, the queue empty, identical
 * and correct statuses on every replica, and one evaluation per interval.
 * Each check is a file of its own; this module gathers them for the scenario.
 */
export type { CheckResult } from './checkResult';
export { hourSumsOf, readStoredMinutes } from './storedMinutes';
export { checkBuckets } from './checkBuckets';
export { checkHours } from './checkHours';
export { checkQueue } from './checkQueue';
export { checkStatuses } from './checkStatuses';
export type { EvaluationRun } from './evaluationRuns';
export { checkEvaluationRuns, waitForEvaluationAfter } from './evaluationRuns';
export { checkEvaluationGaps } from './checkEvaluationGaps';
