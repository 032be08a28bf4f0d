/** A scenario's clock: its log lines, stamped with the time since its start, and its phases. */
export class ScenarioTimeline {
  readonly t0 = Date.now();
  /** Each finished phase with the seconds it took. */
  readonly phases: string[] = [];
  private phaseStart = this.t0;

  constructor(private readonly name: string) {}

  /** When the phase under way started (the end of the last one). */
  get phaseStartMs(): number {
    return this.phaseStart;
  }

  /** Ends the phase under way as `label`. */
  phase(label: string) {
    this.phases.push(
      `${label} ${((Date.now() - this.phaseStart) / 1000).toFixed(0)} s`,
    );
    this.phaseStart = Date.now();
  }

  readonly log = (line: string) =>
    console.log(
      `  [${this.name} +${((Date.now() - this.t0) / 1000).toFixed(
        0,
      )}s] ${line}`,
    );
}
