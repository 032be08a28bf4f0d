/** The exporters of a scenario: each pushes its share of the minutes until stopped. */
import { Exporter } from './exporter';
import { FaultSlo } from './faultOrganisation';
import { PushLedger } from './pushLedger';
import { Replica } from './replicas';
import { HOUR, MINUTE, PUSH_TOKEN } from './scenarioSettings';
import { SeededRandom } from './seededRandom';

/** The minutes the exporters push, oldest first. */
export function ingestMinutes(): number[] {
  // Whole hours of one-minute buckets, ending an hour before now: every bucket
  // is well inside the fine tier and the SLOs' 28-day windows.
  const hours = 6;
  const gridStart = Math.floor((Date.now() - (hours + 1) * HOUR) / HOUR) * HOUR;
  return Array.from({ length: hours * 60 }, (_, i) => gridStart + i * MINUTE);
}

export class ExporterFleet {
  private stopped = false;
  private readonly running: Promise<void>[] = [];

  /** Starts `count` exporters; exporter `w` pushes every minute `i` with `i % count === w`. */
  start(options: {
    count: number;
    rng: SeededRandom;
    slos: FaultSlo[];
    minutes: number[];
    replicas: Replica[];
    ledger: PushLedger;
    giveUpRefused: number;
    onAccepted: (replica: Replica, buckets: number) => void;
  }) {
    const isStopped = () => this.stopped;
    for (let w = 0; w < options.count; w++) {
      const owned = options.minutes.filter((_, i) => i % options.count === w);
      const exporter = new Exporter(
        options.rng.fork(w + 1),
        options.slos,
        owned,
        options.replicas,
        options.ledger,
        PUSH_TOKEN,
        {
          giveUpRefused: options.giveUpRefused,
          thinkMs: [50, 300],
          onAccepted: options.onAccepted,
        },
      );
      this.running.push(exporter.run(isStopped));
    }
  }

  /** Stops pushing once every exporter is done; rejects if one of them failed. */
  async stop() {
    this.stopped = true;
    await Promise.all(this.running);
  }

  /** Stops pushing, whatever became of the exporters (teardown). */
  async settle() {
    this.stopped = true;
    await Promise.allSettled(this.running);
  }
}
