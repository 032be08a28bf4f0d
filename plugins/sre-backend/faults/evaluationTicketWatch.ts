/**
 * Watches the scheduler's row of the SLO evaluation task
 * (backstage_backend_tasks__tasks) during a run: which runs were claimed, and
 * which ticket was left behind by a run that died and only went when the
 * scheduler's janitor cleared it after the task timeout.
 */
import { FaultDatabase } from './faultDatabase';
import { sleep } from './seededRandom';

type SeenRun = {
  ticket: string;
  startedAtMs: number;
  endedAtMs?: number;
  timedOut?: boolean;
};

export class EvaluationTicketWatch {
  private readonly runs: SeenRun[] = [];
  private stopped = false;
  private loop?: Promise<void>;

  constructor(private readonly db: FaultDatabase) {}

  start() {
    this.loop = (async () => {
      let current: SeenRun | undefined;
      while (!this.stopped) {
        const row = await this.db.evaluationTask().catch(() => undefined);
        if (row && row.current_run_ticket !== (current?.ticket ?? null)) {
          if (current) {
            current.endedAtMs = Date.now();
            current.timedOut = /timed out/i.test(row.last_run_error_json ?? '');
          }
          current = row.current_run_ticket
            ? {
                ticket: row.current_run_ticket,
                startedAtMs: row.current_run_started_at
                  ? new Date(row.current_run_started_at).getTime()
                  : Date.now(),
              }
            : undefined;
          if (current) this.runs.push(current);
        }
        await sleep(200);
      }
    })();
  }

  async stop() {
    this.stopped = true;
    await this.loop;
  }

  /** When each run that a dead replica left behind was claimed. */
  deadRunClaims(): number[] {
    return this.runs.filter(r => r.timedOut).map(r => r.startedAtMs);
  }

  /** What the watch saw, against the scenario's start. */
  summary(t0Ms: number): { line: string; longestTimedOutMs: number } {
    const at = (ms: number) => `+${((ms - t0Ms) / 1000).toFixed(0)}s`;
    const timedOut = this.runs.filter(r => r.timedOut);
    const parts = timedOut.map(
      r =>
        `claimed ${at(r.startedAtMs)}, cleared by the janitor ${at(
          r.endedAtMs!,
        )}`,
    );
    return {
      line: `scheduler task row (polled every 200 ms): ${
        this.runs.length
      } claimed runs seen, ${timedOut.length} left behind by a dead run${
        parts.length ? ` (${parts.join('; ')})` : ''
      }`,
      longestTimedOutMs: Math.max(
        0,
        ...timedOut.map(r => r.endedAtMs! - r.startedAtMs),
      ),
    };
  }
}
