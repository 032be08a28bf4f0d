import type { SliBucket } from '@sre-catalog/backstage-plugin-sre-common';

/** A validated bucket to store: `[startMs, startMs + seconds)`. */
export type SliBucketInput = {
  startMs: number;
  seconds: number;
  good: number;
  total: number;
};

/** How an SLO cuts its time into slices, for the hourly slice counts. */
export type SliceSpec = { sliceMs: number; sliceTarget: number };

/** An hourly rollup with the SLO's time-slice counts of that hour. */
export type HourRollup = SliBucket & {
  goodSlices: number;
  badSlices: number;
  ratioSum: number;
};

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
 * minutes as `start, good, total` triples and hours as `start, good, total,
 * goodSlices, badSlices, ratioSum` sextuples, each in time order.
 */
export type FlatSliRows = {
  minutes: Map<string, Float64Array>;
  hours: Map<string, Float64Array>;
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
};

/** Which rows {@link SliStore.readFlat} reads. */
export type FlatSliQuery = {
  /** Only these SLOs; all SLOs when absent. */
  sloRefs?: string[];
  minutesFromMs: number;
  hoursFromMs: number;
  /** Only rows written after this time (epoch ms of the writer's clock). */
  writtenAfterMs?: number;
};

/** Storage of SLI data as rollups (see SLO-MATH.md, "Storage that scales"). */
export interface SliStore {
  /**
   * Accepts one push of one or many SLOs, all-or-nothing, as a single appended
   * row: the request path costs about one insert, whatever the number of SLOs.
   * Throws InputError when an SLO appears twice or two of its buckets overlap.
   * `pushedBy` (a user entity ref or a service subject) is kept with the row.
   */
  writeTick(
    entries: SliTickEntry[],
    options?: { pushedBy?: string },
  ): Promise<void>;

  /**
   * Per SLO, how many stored buckets the given buckets would replace once applied
   * (pending pushes are applied first): the fine buckets they overlap, and the
   * hourly rollup of each hour an hourly bucket is sent for. SLOs that replace
   * nothing are left out.
   */
  countReplaced(entries: SliTickEntry[]): Promise<Map<string, number>>;

  /**
   * Applies accepted pushes in the order they arrived to the fine buckets and
   * hourly rollups. A bucket replaces every stored bucket it overlaps: the same
   * bucket re-sent, or buckets of another size. Reads apply pending pushes first.
   */
  applyPending(): Promise<AppliedPending>;

  /** Fine buckets from `minutesFromMs`, hourly rollups from `hoursFromMs`. */
  readSeries(
    sloRefs: string[],
    options: { minutesFromMs: number; hoursFromMs: number },
  ): Promise<Map<string, SliSeries>>;

  /** Rows for in-memory rollups (see {@link FlatSliRows}). */
  readFlat(query: FlatSliQuery): Promise<FlatSliRows>;

  /** Drops fine buckets and rollups older than the given times (after applying pending pushes). */
  prune(options: {
    minutesBeforeMs: number;
    hoursBeforeMs: number;
  }): Promise<void>;
}
