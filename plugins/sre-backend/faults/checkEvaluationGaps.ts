/** How long evaluation stopped after each kill, against its bound. */
import { CheckResult } from './checkResult';
import type { EvaluationRun } from './evaluationRuns';
import type { KillRecord } from './faultContext';

/**
 * How long evaluation stopped around the kills. A stall runs from the end of
 * the last successful run before a kill (or the start of the logs) to the end
 * of the first successful run after it, when fresh statuses are saved again;
 * kills in one stall are counted together. Each run a dead replica left
 * behind (its ticket cleared by the janitor) may stop evaluation for at most
 * `perDeadRunMs`, so a stall must end within that times its dead runs (at
 * least one), plus `slackMs`.
 */
export function checkEvaluationGaps(options: {
  runs: EvaluationRun[];
  kills: KillRecord[];
  /** When each run left behind by a dead replica was claimed (EvaluationTicketWatch). */
  deadRunClaims: number[];
  perDeadRunMs: number;
  slackMs: number;
  t0Ms: number;
  /** When the logs started: with no run before a kill, the stall starts here. */
  loggedFromMs: number;
}): CheckResult & { longestMs: number } {
  const { kills, deadRunClaims, perDeadRunMs, slackMs, t0Ms } = options;
  const at = (ms: number) => `+${((ms - t0Ms) / 1000).toFixed(0)}s`;
  const ok = options.runs.filter(r => !r.failed);
  const mismatches: string[] = [];
  const notes: string[] = [];
  const stalls = new Map<
    number,
    { kills: KillRecord[]; next?: EvaluationRun }
  >();
  for (const kill of kills) {
    const lastEnd = Math.max(
      options.loggedFromMs,
      ...ok
        .map(r => r.start + (r.duration ?? 0))
        .filter(end => end <= kill.atMs),
    );
    const stall = stalls.get(lastEnd) ?? {
      kills: [],
      next: ok
        .filter(r => r.start >= kill.atMs)
        .sort((a, b) => a.start - b.start)[0],
    };
    stall.kills.push(kill);
    stalls.set(lastEnd, stall);
  }
  let longestMs = 0;
  for (const [lastEnd, stall] of stalls) {
    const label = `kills ${stall.kills
      .map(k => `${k.round} (${k.victim}, ${k.moment}, ${at(k.atMs)})`)
      .join(', ')}`;
    if (!stall.next) {
      mismatches.push(
        `EVALUATION STALL ${label}: no successful run after them (the last ended ${at(
          lastEnd,
        )})`,
      );
      continue;
    }
    const nextStart = stall.next.start;
    const nextEnd = nextStart + (stall.next.duration ?? 0);
    const dead = deadRunClaims.filter(
      c => c >= lastEnd && c <= nextStart,
    ).length;
    const boundMs = Math.max(1, dead) * perDeadRunMs + slackMs;
    const gapMs = nextEnd - lastEnd;
    longestMs = Math.max(longestMs, gapMs);
    const line = `${label}: no fresh statuses from ${at(lastEnd)} to ${at(
      nextEnd,
    )} (${(gapMs / 1000).toFixed(
      1,
    )} s; ${dead} runs left by a dead replica; bound ${(boundMs / 1000).toFixed(
      0,
    )} s)`;
    notes.push(line);
    if (gapMs > boundMs) mismatches.push(`EVALUATION STALL ${line}`);
  }
  return { mismatches, notes, longestMs };
}
