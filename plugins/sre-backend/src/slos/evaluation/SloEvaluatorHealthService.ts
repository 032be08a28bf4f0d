import type { SloEvaluatorHealth } from '@sre-catalog/backstage-plugin-sre-common';
import { SliQueueLimits } from '../ingest/queueLimits';
import { STALE_AFTER_INTERVALS } from '../evaluationInterval';
import { SliStore } from '../store/SliStore';
import { SloStatusStore } from '../status/SloStatusStore';

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/**
 * Whether the SLO evaluation keeps up, from what any replica can read: the runs
 * recorded in the database, the queue of accepted pushes and the dead letters.
 * It names no entity, so it needs no visibility filter.
 */
export class SloEvaluatorHealthService {
  constructor(
    private readonly deps: {
      statusStore: SloStatusStore;
      sliStore: SliStore;
      evaluationIntervalMs: number;
      queueLimits: SliQueueLimits;
      now?: () => number;
    },
  ) {}

  async getHealth(): Promise<SloEvaluatorHealth> {
    const { statusStore, sliStore, evaluationIntervalMs, queueLimits } =
      this.deps;
    const nowMs = (this.deps.now ?? Date.now)();
    const [runs, queue] = await Promise.all([
      statusStore.getEvaluatorRuns(),
      sliStore.queueStats(),
    ]);
    const lastSuccessMs = runs.lastSuccess?.startedAtMs;
    const health: SloEvaluatorHealth = {
      intervalSeconds: evaluationIntervalMs / 1000,
      lastSuccessfulRunAt: iso(lastSuccessMs),
      // Never run successfully is as bad as stopped: nothing is evaluated.
      stale:
        lastSuccessMs === undefined ||
        nowMs - lastSuccessMs > STALE_AFTER_INTERVALS * evaluationIntervalMs,
      queue: {
        rows: queue.rows,
        bytes: queue.bytes,
        oldestReceivedAt: iso(queue.oldestReceivedAtMs),
        limits: {
          rows: queueLimits.maxRows,
          bytes: queueLimits.maxBytes,
          ageSeconds: queueLimits.maxAgeSeconds,
        },
      },
      deadLetters: {
        count: queue.deadLetters,
        oldestFailedAt: iso(queue.oldestDeadLetterMs),
      },
    };
    if (runs.last) {
      health.lastRun = {
        at: new Date(runs.last.startedAtMs).toISOString(),
        durationMs: runs.last.durationMs,
        ...(runs.last.error !== undefined ? { error: runs.last.error } : {}),
      };
    }
    return health;
  }
}
