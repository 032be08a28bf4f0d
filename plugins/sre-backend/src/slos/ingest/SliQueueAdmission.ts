import { SliQueueFullError } from '../store/SliStore';
import { SliQueueLimits } from './queueLimits';

/** What the queue held at one look. */
export type SliQueueSize = {
  rows: number;
  bytes: number;
  oldestReceivedAtMs: number | null;
};

/** How long a look at the queue's size is reused. */
const REFRESH_MS = 1000;
/** What a refused push is told: about one evaluation interval. */
export const QUEUE_FULL_RETRY_AFTER_SECONDS = 30;

type Counts = { rows: number; bytes: number };

/**
 * Whether the queue of accepted pushes can take one more, decided without a
 * query per push: the size read at most once a second (shared by concurrent
 * pushes), plus what this process has added since the look began, plus what it
 * is adding now. Conservative within one process; other replicas' pushes of the
 * last second are seen at the next look, so several replicas may overshoot a
 * bound by about a second of pushes.
 */
export class SliQueueAdmission {
  private look?: { size: SliQueueSize; atMs: number };
  private looking?: Promise<SliQueueSize>;
  /** Completed since the current look began. */
  private added: Counts = { rows: 0, bytes: 0 };
  /** Completed since the look in progress began. */
  private addedDuringLook?: Counts;
  /** Reserved and not yet completed. */
  private inFlight: Counts = { rows: 0, bytes: 0 };

  constructor(
    private readonly limits: SliQueueLimits,
    private readonly readSize: () => Promise<SliQueueSize>,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Reserves room for one push of `bytes`, or throws SliQueueFullError naming the
   * bound it would pass. Call the returned function once the push is stored
   * (true) or not (false).
   */
  async reserve(bytes: number): Promise<(stored: boolean) => void> {
    const size = await this.size();
    const { maxRows, maxBytes, maxAgeSeconds } = this.limits;
    const rows = size.rows + this.added.rows + this.inFlight.rows;
    const queued = size.bytes + this.added.bytes + this.inFlight.bytes;
    if (rows + 1 > maxRows) {
      throw this.full(
        `The SLI push queue holds ${rows} pushes, its bound sre.ingest.queue.maxRows is ${maxRows}`,
      );
    }
    if (queued + bytes > maxBytes) {
      throw this.full(
        `The SLI push queue holds ${queued} bytes and this push has ${bytes}, over its bound sre.ingest.queue.maxBytes of ${maxBytes}`,
      );
    }
    const ageMs =
      size.oldestReceivedAtMs === null
        ? 0
        : this.clock() - size.oldestReceivedAtMs;
    if (ageMs > maxAgeSeconds * 1000) {
      throw this.full(
        `The oldest SLI push has waited ${Math.floor(
          ageMs / 1000,
        )} s to be applied, over the bound sre.ingest.queue.maxAgeSeconds of ${maxAgeSeconds}: the SLO evaluation is behind`,
      );
    }
    this.inFlight.rows += 1;
    this.inFlight.bytes += bytes;
    let done = false;
    return stored => {
      if (done) return;
      done = true;
      this.inFlight.rows -= 1;
      this.inFlight.bytes -= bytes;
      if (!stored) return;
      for (const counts of [this.added, this.addedDuringLook]) {
        if (!counts) continue;
        counts.rows += 1;
        counts.bytes += bytes;
      }
    };
  }

  /** The queue shrank (pushes applied here): look again before the next push. */
  invalidate() {
    this.look = undefined;
  }

  private full(message: string) {
    return new SliQueueFullError(
      `${message}; try again in ${QUEUE_FULL_RETRY_AFTER_SECONDS} seconds`,
      QUEUE_FULL_RETRY_AFTER_SECONDS,
    );
  }

  private async size(): Promise<SliQueueSize> {
    const now = this.clock();
    if (this.look && now - this.look.atMs < REFRESH_MS) return this.look.size;
    if (!this.looking) {
      const during: Counts = { rows: 0, bytes: 0 };
      this.addedDuringLook = during;
      this.looking = this.readSize()
        .then(size => {
          this.look = { size, atMs: this.clock() };
          // What completed while the database answered may be in the look or
          // not: counted again, to err on the side of the bound.
          this.added = during;
          return size;
        })
        .finally(() => {
          if (this.addedDuringLook === during) this.addedDuringLook = undefined;
          this.looking = undefined;
        });
    }
    return this.looking;
  }
}
