import {
  SliData,
  SliceCounts,
  WindowCounts,
} from '@sre-catalog/backstage-plugin-sre-common';

/**
 * The SLI data of one SLO as Prometheus summed it: good and total events of a few
 * windows that all end at `nowMs`, keyed by their length in whole seconds. Answers
 * `events(nowMs - W, nowMs)` for exactly those windows, which is all that
 * `evaluateSlo` asks of an Occurrences SLO (the burn-rate windows and the period).
 */
export class PrometheusWindowSliData implements SliData {
  constructor(
    readonly nowMs: number,
    private readonly windows: ReadonlyMap<number, WindowCounts>,
    /**
     * The windows whose counts stand for an error ratio (Sloth's recording rules
     * give no event counts): one event, part of it good.
     */
    private readonly ratioWindows: ReadonlySet<number> = new Set(),
  ) {}

  /** The window lengths it can answer, in seconds. */
  windowSeconds(): number[] {
    return [...this.windows.keys()].sort((a, b) => a - b);
  }

  /** Whether the counts of a window are events, not an error ratio. */
  countsEvents(fromMs: number, toMs: number): boolean {
    return !this.ratioWindows.has(Math.round((toMs - fromMs) / 1000));
  }

  events(fromMs: number, toMs: number): WindowCounts {
    const seconds = Math.round((toMs - fromMs) / 1000);
    const counts = this.windows.get(seconds);
    if (toMs !== this.nowMs || !counts) {
      throw new Error(
        `Prometheus was asked for windows of ${this.windowSeconds().join(
          ', ',
        )} seconds ending at ${new Date(
          this.nowMs,
        ).toISOString()}, not for ${new Date(
          fromMs,
        ).toISOString()} to ${new Date(toMs).toISOString()}`,
      );
    }
    return counts;
  }

  slices(): SliceCounts {
    throw new Error(
      'The Prometheus source does not evaluate time slices; only Occurrences SLOs',
    );
  }
}
