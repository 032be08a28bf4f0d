/** The summary lines of a scenario: what was pushed, what was checked, how evaluation fared. */
import { SCHEDULER_JANITOR_PERIOD_MS } from '../src/slos/evaluation/evaluationTask';
import { EvaluationSchedule } from './evaluationSchedule';
import { KillRecord } from './faultContext';
import { PushLedger } from './pushLedger';
import { Replica } from './replicas';
import { ScenarioChecks } from './scenarioChecks';
import { STALL_SLACK_MS } from './scenarioSettings';

export function summaryLines(options: {
  ledger: PushLedger;
  checks: ScenarioChecks;
  replicas: Replica[];
  kills: KillRecord[];
  schedule: EvaluationSchedule;
}): string[] {
  const { ledger, replicas, kills } = options;
  const { stored, buckets, hoursCheck, queue, statuses, runs, gaps } =
    options.checks;
  const { intervalMs, timing } = options.schedule;
  const lines: string[] = [];
  const c = ledger.counters;
  const refusedLast = ledger.refusedLast();
  lines.push(
    `pushes: ${c.pushes} (${c.attempts} attempts): ${c.accepted} got 202 (${c.batchAccepted} batch, ${c.singleAccepted} single), ${c.refused} refused, ${c.unknown} without an answer; ${c.gaveUp} dropped by the exporter after a refusal`,
    `buckets accepted: ${c.bucketsAccepted} (${
      c.resentAccepted
    } re-sends of a 202'd bucket with new counts)${
      c.wrongAcceptedCount
        ? `; ${c.wrongAcceptedCount} 202s with a wrong accepted count`
        : ''
    }`,
    `not accepted, by answer: ${
      [...ledger.failures].map(([k, n]) => `${n}x ${k}`).join('; ') || 'none'
    }`,
    `checked from the database: ${buckets.checked} buckets (${
      stored.size
    } stored, ${buckets.uncertain} uncertain; ${
      refusedLast.buckets
    } whose last push was refused and dropped, ${
      refusedLast.withEarlier202
    } of them after an earlier 202), ${
      hoursCheck.checked
    } hourly rollups, ${queue.notes.join(', ')}`,
    `statuses: ${statuses.compared} SLOs read on ${replicas.length} replicas after the drain`,
    `evaluations: ${runs.notes.join('; ')}`,
  );
  if (kills.length) {
    lines.push(
      `evaluation stopped after a kill for at most ${(
        gaps.longestMs / 1000
      ).toFixed(1)} s (per run left by a dead replica at most ${(
        timing.worstStallMs / 1000
      ).toFixed(0)} s: interval ${intervalMs / 1000} s + work check + timeout ${
        timing.timeoutMs / 1000
      } s + janitor ${SCHEDULER_JANITOR_PERIOD_MS / 1000} s + work check; + ${
        STALL_SLACK_MS / 1000
      } s slack): ${gaps.notes.join('; ')}`,
    );
  }
  return lines;
}
