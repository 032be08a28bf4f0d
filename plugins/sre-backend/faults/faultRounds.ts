/** The scenario's faults, one round after the other while the exporters push. */
import { FaultContext, FaultInjector } from './faultContext';
import { ScenarioTimeline } from './scenarioTimeline';

/** Runs every round of `injector`, adding each round's line to `lines` as it ends. */
export async function runFaultRounds(
  injector: FaultInjector,
  ctx: FaultContext,
  timeline: ScenarioTimeline,
  lines: string[],
) {
  for (let round = 1; round <= injector.rounds; round++) {
    const line = await injector.inject(ctx, round);
    lines.push(`[+${((Date.now() - timeline.t0) / 1000).toFixed(0)}s] ${line}`);
    timeline.log(line);
  }
}
