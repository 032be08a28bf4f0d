import { ServiceUnavailableError } from '@backstage/errors';
import type {
  SliBucket,
  SliceSpec,
  SliceTally,
} from '@sre-catalog/backstage-plugin-sre-common';

export type { SliceSpec };

/** A validated bucket to store: `[startMs, startMs + seconds)`. */
export type SliBucketInput = {
  startMs: number;
  seconds: number;
  good: number;
  total: number;
};

/** An hourly rollup with the SLO's time-slice counts of that hour. */
export type HourRollup = SliBucket & SliceTally;

/** The stored data of one SLO: fine buckets of the last days, hourly rollups before. */
export type SliSeries = { minutes: SliBucket[]; hours: HourRollup[] };

/** One SLO's buckets of an ingest tick. */
export type SliTickEntry = {
  sloRef: string;
  buckets: SliBucketInput[];
  slice?: SliceSpec;
};

/**
 * Stored rows of many SLOs as flat numbers, without an object per row: per SLO,
 * minutes as `start, good, total` triples and hours as
 * `start, good, total, goodSlices, badSlices, ratioSum` sextuples (triples with
 * `eventsOnly`), each in time order.
 */
export type FlatSliRows = {
  minutes: Map<string, Float64Array>;
  hours: Map<string, Float64Array>;
  /** Numbers per hour row: 6, or 3 with `eventsOnly`. */
  hourStride: 3 | 6;
  /**
   * With `writtenAfterMs`: SLOs some of whose stored buckets were deleted since
   * (replaced by overlapping ones), which rows written since cannot show; read them
   * again whole.
   */
  reset: Set<string>;
};

/** What {@link SliStore.applyPending} applied. */
export type AppliedPending = {
  pushes: number;
  buckets: number;
  /** Stored buckets of another size that pushed buckets overlapped and replaced. */
  replaced: number;
  /** Pushes that could not be applied, even alone, and became dead letters. */
  deadLettered: number;
};

/** Which rows {@link SliStore.readFlat} reads. */
export type FlatSliQuery = {
  /** Only these SLOs; all SLOs when absent. */
  sloRefs?: string[];
  /** Fine buckets from here on; none when absent. */
  minutesFromMs?: number;
  hoursFromMs: number;
  /** Hours before this only (the cache keeps hours only before its tier cut). */
  hoursBeforeMs?: number;
  /** Only rows written after this time (epoch ms of the writer's clock). */
  writtenAfterMs?: number;
  /** Hours without their slice counts (for SLOs that count events). */
  eventsOnly?: boolean;
};

/** What waits to be applied, and what could not be. */
export type SliQueueStats = {
  /** Accepted pushes not yet applied, their size and the oldest one's arrival. */
  rows: number;
  bytes: number;
  oldestReceivedAtMs: number | null;
  deadLetters: number;
  oldestDeadLetterMs: number | null;
};

/** Per SLO, the pushes to it that became dead letters. */
export type RefusedPushes = {
  count: number;
  /** The latest one's error; other SLOs of that push it names are replaced. */
  lastError: string;
  lastAtMs: number;
};

/**
 * A push refused because the queue of accepted pushes is over one of its bounds
 * (`sre.ingest.queue`): a 503, which the push routes answer with `Retry-After`.
 */
export class SliQueueFullError extends ServiceUnavailableError {
  constructor(
    message: string,
    /** When to try again, in seconds. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A dead letter as stored, with all the SLOs it names. */
export type StoredSliDeadLetter = {
  id: string;
  receivedAtMs: number;
  failedAtMs: number;
  pushedBy: string | null;
  error: string;
  buckets: number;
  sloRefs: string[];
};

/** The dead letters of the queue, for the operators' API. */
export interface SliDeadLetterStore {
  /** Every SLO ref some dead letter names (for one visibility look-up). */
  deadLetterSloRefs(): Promise<string[]>;

  /**
   * A page of dead letters, newest failure first, left out those all of whose
   * SLOs are in `hiddenSloRefs` (a letter naming no SLO at all is kept), and how
   * many there are in all without those.
   */
  listDeadLetters(query: {
    hiddenSloRefs: string[];
    limit: number;
    offset: number;
  }): Promise<{ items: StoredSliDeadLetter[]; totalCount: number }>;

  /** The SLOs of one dead letter; undefined when there is no such letter. */
  sloRefsOfDeadLetter(id: string): Promise<string[] | undefined>;

  /**
   * Moves a dead letter back to the end of the queue, as a push received now;
   * false when there is no such letter. Throws SliQueueFullError over the bound.
   */
  retryDeadLetter(id: string): Promise<boolean>;

  /** Deletes a dead letter; false when there is no such letter. */
  discardDeadLetter(id: string): Promise<boolean>;
}

/** When a snapshot of the evaluator's rollups was taken, and their tier cuts. */
export type SliCacheSnapshotHeader = {
  /** The read of the SLI tables the rollups reflect (epoch ms). */
  takenAtMs: number;
  minutesFromMs: number;
  recentFromMs: number;
};

/**
 * Snapshots of the evaluator's in-memory rollups (see SliCache): a cache of the
 * SLI tables for a faster start, never the truth.
 */
export interface SliCacheSnapshotStore {
  /** Replaces the stored snapshot with these encoded entries, all or nothing. */
  save(
    header: SliCacheSnapshotHeader,
    entries: Iterable<[sloRef: string, data: Buffer]>,
  ): Promise<void>;
  /** The stored snapshot's header; undefined when there is none. */
  header(): Promise<SliCacheSnapshotHeader | undefined>;
  /** The stored entries, `batchSize` at a time, in SLO ref order. */
  entries(batchSize: number): AsyncIterable<Array<[string, Buffer]>>;
}

/** Storage of SLI data as rollups (see SLO-MATH.md, "Storage that scales"). */
export interface SliStore {
  /**
   * Accepts one push of one or many SLOs, all-or-nothing, as a single appended
   * row: the request path costs about one insert, whatever the number of SLOs.
   * Throws InputError when an SLO appears twice or two of its buckets overlap,
   * and SliQueueFullError when the queue is over a bound (nothing is stored).
   * `pushedBy` (a user entity ref or a service subject) is kept with the row.
   */
  writeTick(
    entries: SliTickEntry[],
    options?: { pushedBy?: string },
  ): Promise<void>;

  /**
   * Per SLO, how many applied buckets the given buckets would replace: the fine
   * buckets they overlap, and the hourly rollup of each hour an hourly bucket is
   * sent for. Pushes still pending are not counted (finding them would read every
   * pending payload on the request path). SLOs that replace nothing are left out.
   */
  countReplaced(entries: SliTickEntry[]): Promise<Map<string, number>>;

  /**
   * Applies accepted pushes in the order they arrived to the fine buckets and
   * hourly rollups. A bucket replaces every stored bucket it overlaps: the same
   * bucket re-sent, or buckets of another size. A push that cannot be applied,
   * even alone, becomes a dead letter and the others go on; when the database
   * itself fails, the run stops and the pushes stay pending. Only the evaluator's
   * scheduled run calls this: reads never do, so they see what is applied.
   */
  applyPending(): Promise<AppliedPending>;

  /** Fine buckets from `minutesFromMs`, hourly rollups from `hoursFromMs`. */
  readSeries(
    sloRefs: string[],
    options: { minutesFromMs: number; hoursFromMs: number },
  ): Promise<Map<string, SliSeries>>;

  /** Rows for in-memory rollups (see {@link FlatSliRows}). */
  readFlat(query: FlatSliQuery): Promise<FlatSliRows>;

  /** Drops fine buckets and rollups older than the given times. */
  prune(options: {
    minutesBeforeMs: number;
    hoursBeforeMs: number;
  }): Promise<void>;

  /** The size of the queue of accepted pushes and of the dead letters. */
  queueStats(): Promise<SliQueueStats>;

  /** The dead letters of each of these SLOs; SLOs without any are left out. */
  refusedPushes(sloRefs: string[]): Promise<Map<string, RefusedPushes>>;
}
