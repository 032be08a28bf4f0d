import {
  PrefixColumns,
  SliData,
  TieredSliData,
  lowerBound,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SliCacheSnapshotStore, SliStore, SliceSpec } from '../store/SliStore';
import { decodeCacheEntry, encodeCacheEntry } from './sliCacheSnapshotCodec';
import {
  CacheEntry,
  CacheRange,
  CachedSlo,
  addFiveMinuteSums,
  fiveMinuteSums,
  inTimeOrder,
  upsertHours,
} from './sliCacheTiers';

export type { CacheEntry, CacheRange, CachedSlo } from './sliCacheTiers';

/**
 * Rows re-read on each refresh from before the last one: covers transactions that
 * committed up to this long after they started (writers stamp rows when they
 * start) and clocks of other replicas that are a little behind.
 */
export const REFRESH_OVERLAP_MS = 60_000;
/** After this long without a refresh, reading everything again is simpler. */
const STALE_AFTER_MS = 60 * 60_000;
/**
 * Everything is read again this often anyway, so that a row missed by the
 * incremental reads (a transaction slower than the overlap) is not missed for long.
 */
const FULL_EVERY_MS = 6 * 60 * 60_000;
/** Snapshot entries decoded at a time when restoring. */
const RESTORE_BATCH = 500;
const EMPTY = new Float64Array(0);
/** SLOs per read when reading SLOs whole. */
const WHOLE_BATCH = 500;

/**
 * SLI rollups of the built-in SLOs in memory, as prefix sums, for the evaluator:
 * the database stays the only state (this is rebuilt from it at any time). Each SLO
 * holds hours only as far back as its own period needs and minutes only where the
 * short windows need them (see {@link CacheRange}). The first refresh reads
 * everything in one pass; later ones read only rows written since the last (with
 * {@link REFRESH_OVERLAP_MS} of overlap), so a replica sees what any other stored.
 */
export class SliCache {
  private readonly entries = new Map<string, CacheEntry>();
  private range: CacheRange = {
    minutesFromMs: Infinity,
    recentFromMs: Infinity,
  };
  /** The range as SLOs that budget by slices read it: fine buckets from the tier cut. */
  private sliceRange: CacheRange = this.range;
  private lastReadMs?: number;
  private lastFullMs = -Infinity;
  /** The full read whose tiers were last stored as a snapshot. */
  private savedSnapshotOfMs?: number;

  constructor(
    private readonly store: SliStore,
    private readonly clock: () => number = Date.now,
    /** Where snapshots of the tiers are kept; none: every start reads everything. */
    private readonly snapshots?: SliCacheSnapshotStore,
  ) {}

  /** SLOs held. */
  get size(): number {
    return this.entries.size;
  }

  /** Brings the cache up to date for these SLOs. Returns what it read. */
  async refresh(
    slos: CachedSlo[],
    range: CacheRange,
  ): Promise<'full' | 'incremental' | 'restored'> {
    const wanted = new Map(slos.map(s => [s.ref, s]));
    for (const ref of this.entries.keys()) {
      if (!wanted.has(ref)) this.entries.delete(ref);
    }
    const readAt = this.clock();
    const restored =
      this.lastReadMs === undefined &&
      (await this.restore(wanted, range, readAt));
    const full =
      this.lastReadMs === undefined ||
      (!restored && readAt - this.lastReadMs > STALE_AFTER_MS) ||
      readAt - this.lastFullMs > FULL_EVERY_MS ||
      range.minutesFromMs < this.range.minutesFromMs ||
      range.recentFromMs < this.range.recentFromMs;
    if (full) {
      this.lastFullMs = readAt;
      this.entries.clear();
      this.setRange(range);
      await this.readWhole(slos);
    } else {
      const whole = await this.applyChanges(slos, wanted);
      const cutBefore = this.range.minutesFromMs;
      this.advance(range);
      await this.readCrossedHours(
        slos.filter(s => !whole.has(s.ref) && this.entries.has(s.ref)),
        cutBefore,
      );
      // New SLOs, SLOs that lost stored buckets or got late fine ones, and SLOs
      // that need more hours than they hold, are read whole.
      for (const s of slos) {
        const entry = this.entries.get(s.ref);
        if (
          !entry ||
          entry.slices !== s.slices ||
          s.hoursFromMs < entry.hoursFromMs
        ) {
          whole.add(s.ref);
        }
      }
      await this.readWhole(slos.filter(s => whole.has(s.ref)));
    }
    for (const s of slos) {
      const entry = this.entries.get(s.ref)!;
      if (s.hoursFromMs > entry.hoursFromMs) {
        entry.hours.dropBefore(s.hoursFromMs);
        entry.hoursFromMs = s.hoursFromMs;
      }
    }
    this.lastReadMs = readAt;
    if (full) return 'full';
    return restored ? 'restored' : 'incremental';
  }

  /**
   * Stores the tiers as of the last refresh, when it read everything: a restarted
   * replica then reads them back and only the rows written since (see
   * {@link SliCache.refresh}). Returns the bytes written, or undefined when the
   * last refresh was not a full one or nothing was configured to store it in.
   */
  async saveSnapshot(): Promise<number | undefined> {
    if (
      !this.snapshots ||
      this.lastReadMs === undefined ||
      this.lastReadMs !== this.lastFullMs ||
      this.savedSnapshotOfMs === this.lastFullMs
    ) {
      return undefined;
    }
    const takenAtMs = this.lastReadMs;
    let bytes = 0;
    const entries = this.entries;
    function* encoded(): Iterable<[string, Buffer]> {
      for (const [ref, entry] of entries) {
        const data = encodeCacheEntry(entry);
        bytes += data.length;
        yield [ref, data];
      }
    }
    await this.snapshots.save({ takenAtMs, ...this.range }, encoded());
    this.savedSnapshotOfMs = takenAtMs;
    return bytes;
  }

  /**
   * Takes the tiers from the stored snapshot when it is recent enough (younger
   * than a full read's period) and behind the range asked for (the tiers only
   * move forward). The refresh then applies the rows written since it was taken,
   * as after any refresh: SLOs without an entry, or whose entry does not fit, are
   * read whole. A snapshot that cannot be decoded is ignored.
   */
  private async restore(
    wanted: Map<string, CachedSlo>,
    range: CacheRange,
    readAt: number,
  ): Promise<boolean> {
    if (!this.snapshots) return false;
    const header = await this.snapshots.header();
    if (
      !header ||
      header.takenAtMs > readAt ||
      readAt - header.takenAtMs > FULL_EVERY_MS ||
      header.minutesFromMs > range.minutesFromMs ||
      header.recentFromMs > range.recentFromMs
    ) {
      return false;
    }
    try {
      for await (const batch of this.snapshots.entries(RESTORE_BATCH)) {
        for (const [ref, data] of batch) {
          if (wanted.has(ref)) this.entries.set(ref, decodeCacheEntry(data));
        }
      }
    } catch {
      this.entries.clear();
      return false;
    }
    this.setRange({
      minutesFromMs: header.minutesFromMs,
      recentFromMs: header.recentFromMs,
    });
    this.lastReadMs = header.takenAtMs;
    this.lastFullMs = header.takenAtMs;
    this.savedSnapshotOfMs = header.takenAtMs;
    return true;
  }

  /** Buckets held per tier for an SLO (for tests and the benchmark's figures). */
  held(
    sloRef: string,
  ): { hours: number; fiveMinutes: number; minutes: number } | undefined {
    const entry = this.entries.get(sloRef);
    if (!entry) return undefined;
    const { hours, fiveMinutes, minutes } = entry;
    return { hours: hours.n, fiveMinutes: fiveMinutes.n, minutes: minutes.n };
  }

  /**
   * The SLI data of an SLO, with the cache's tiers: hourly rollups before the tier
   * cut, 5-minute sums to the recent cut, fine buckets from it (from the tier cut
   * for SLOs that budget by slices), read without building anything but, for
   * slices, the fine tier's slice columns.
   */
  dataOf(sloRef: string, slice?: SliceSpec): SliData {
    const entry = this.entryOf(sloRef);
    return new TieredSliData(
      entry,
      entry.slices ? this.sliceRange : this.range,
      slice,
    );
  }

  private setRange(range: CacheRange) {
    this.range = range;
    this.sliceRange = {
      minutesFromMs: range.minutesFromMs,
      recentFromMs: range.minutesFromMs,
    };
  }

  /**
   * Applies the rows written since the last read to the SLOs held, within their
   * tiers. Returns the SLOs to read whole instead: those with deleted buckets, and
   * those with fine buckets written into their 5-minute sums (which cannot be
   * corrected without the buckets they replaced).
   */
  private async applyChanges(
    slos: CachedSlo[],
    wanted: Map<string, CachedSlo>,
  ): Promise<Set<string>> {
    let hoursFromMs = Infinity;
    for (const s of slos) hoursFromMs = Math.min(hoursFromMs, s.hoursFromMs);
    const changed = await this.store.readFlat({
      minutesFromMs: this.range.minutesFromMs,
      hoursFromMs,
      // The hours after the cut change with every push and are not used until
      // the cut passes them (then they are read once: readCrossedHours).
      hoursBeforeMs: this.range.minutesFromMs,
      writtenAfterMs: this.lastReadMs! - REFRESH_OVERLAP_MS,
    });
    const whole = new Set(changed.reset);
    for (const [ref, flat] of changed.minutes) {
      const entry = this.entries.get(ref);
      if (!entry || whole.has(ref)) continue;
      const from = entry.slices
        ? this.range.minutesFromMs
        : this.range.recentFromMs;
      for (let i = 0; i < flat.length; i += 3) {
        if (flat[i] >= from) entry.minutes.upsert(flat, i);
        else whole.add(ref);
      }
    }
    for (const [ref, flat] of changed.hours) {
      const entry = this.entries.get(ref);
      if (!entry || whole.has(ref) || !wanted.has(ref)) continue;
      upsertHours(entry, flat, changed.hourStride);
    }
    return whole;
  }

  /**
   * Moves the tiers to a later range: fine buckets that left the recent range
   * become 5-minute sums, and what is older than the tier cut is forgotten.
   */
  private advance(range: CacheRange) {
    for (const entry of this.entries.values()) {
      if (!entry.slices && range.recentFromMs > this.range.recentFromMs) {
        const { minutes, fiveMinutes } = entry;
        const leaving = minutes.lowerBound(range.recentFromMs);
        // Both cuts are hour boundaries: no 5-minute sum straddles them.
        addFiveMinuteSums(
          fiveMinutes,
          leaving,
          i => minutes.startOf(i),
          (c, i) => minutes.valueOf(c, i),
        );
        minutes.dropBefore(range.recentFromMs);
      }
      entry.fiveMinutes.dropBefore(range.minutesFromMs);
      entry.minutes.dropBefore(range.minutesFromMs);
    }
    this.setRange(range);
  }

  /**
   * Reads the hourly rollups that the tier cut passed since `cutBefore` (the
   * refreshes read none after the cut), once per hour for every SLO held.
   */
  private async readCrossedHours(slos: CachedSlo[], cutBefore: number) {
    const cut = this.range.minutesFromMs;
    if (cut <= cutBefore || slos.length === 0) return;
    for (let i = 0; i < slos.length; i += WHOLE_BATCH) {
      const rows = await this.store.readFlat({
        sloRefs: slos.slice(i, i + WHOLE_BATCH).map(s => s.ref),
        hoursFromMs: cutBefore,
        hoursBeforeMs: cut,
      });
      for (const [ref, flat] of rows.hours) {
        upsertHours(this.entries.get(ref)!, flat, rows.hourStride);
      }
    }
  }

  /**
   * Reads these SLOs whole, a batch of those with the same needs at a time, so
   * that only one batch of flat rows is held besides the prefix sums built from them.
   */
  private async readWhole(slos: CachedSlo[]) {
    const groups = new Map<string, CachedSlo[]>();
    for (const s of slos) {
      const key = `${s.hoursFromMs}:${s.slices}`;
      const group = groups.get(key);
      if (group) group.push(s);
      else groups.set(key, [s]);
    }
    for (const group of groups.values()) {
      const { hoursFromMs, slices } = group[0];
      for (let i = 0; i < group.length; i += WHOLE_BATCH) {
        const batch = group.slice(i, i + WHOLE_BATCH).map(s => s.ref);
        const rows = await this.store.readFlat({
          sloRefs: batch,
          minutesFromMs: this.range.minutesFromMs,
          hoursFromMs,
          hoursBeforeMs: this.range.minutesFromMs,
          eventsOnly: !slices,
        });
        for (const ref of batch) {
          const fine = inTimeOrder(rows.minutes.get(ref) ?? EMPTY);
          // Summing here costs less than in SQL, which would sort to group.
          const split = slices
            ? 0
            : 3 *
              lowerBound(fine, this.range.recentFromMs, 0, fine.length / 3, 3);
          this.entries.set(ref, {
            hoursFromMs,
            slices,
            minutes: PrefixColumns.of(2, fine.subarray(split)),
            fiveMinutes: fiveMinuteSums(fine.subarray(0, split)),
            hours: PrefixColumns.of(
              slices ? 5 : 2,
              rows.hours.get(ref) ?? EMPTY,
              rows.hourStride,
            ),
          });
        }
      }
    }
  }

  private entryOf(sloRef: string): CacheEntry {
    let entry = this.entries.get(sloRef);
    if (!entry) {
      entry = {
        hoursFromMs: Infinity,
        slices: false,
        minutes: new PrefixColumns(2),
        fiveMinutes: new PrefixColumns(2),
        hours: new PrefixColumns(2),
      };
    }
    return entry;
  }
}
