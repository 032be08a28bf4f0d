import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { applyMigrations } from '../../database/applyMigrations';
import {
  HourRollup,
  SliBucketInput,
  SliSeries,
  SliStore,
  SliceSpec,
} from './SliStore';

const HOUR = 3_600_000;
// SQLite limits bound parameters per statement; keep batches well under it.
const BATCH = 100;

type MinuteRow = {
  slo_ref: string;
  bucket_start: number | string;
  bucket_seconds: number;
  good: number | string;
  total: number | string;
};

type HourRow = {
  slo_ref: string;
  bucket_start: number | string;
  good: number | string;
  total: number | string;
  good_slices: number;
  bad_slices: number;
  ratio_sum: number;
};

/** Time-slice counts of one hour, from its fine buckets. */
export function sliceCounts(
  buckets: { startMs: number; good: number; total: number }[],
  slice: SliceSpec | undefined,
): Pick<HourRollup, 'goodSlices' | 'badSlices' | 'ratioSum'> {
  const result = { goodSlices: 0, badSlices: 0, ratioSum: 0 };
  if (!slice) return result;
  const bySlice = new Map<number, { good: number; total: number }>();
  for (const b of buckets) {
    const key = Math.floor(b.startMs / slice.sliceMs);
    const s = bySlice.get(key) ?? { good: 0, total: 0 };
    s.good += b.good;
    s.total += b.total;
    bySlice.set(key, s);
  }
  for (const s of bySlice.values()) {
    if (s.total <= 0) continue;
    const ratio = s.good / s.total;
    if (ratio >= slice.sliceTarget) result.goodSlices += 1;
    else result.badSlices += 1;
    result.ratioSum += ratio;
  }
  return result;
}

/** SLI rollups in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseSliStore implements SliStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSliStore> {
    return new DatabaseSliStore(await applyMigrations(options.database));
  }

  async writeBuckets(
    sloRef: string,
    buckets: SliBucketInput[],
    slice?: SliceSpec,
  ): Promise<void> {
    const fine = buckets.filter(b => b.seconds < 3600);
    const hourly = buckets.filter(b => b.seconds >= 3600);
    await this.db.transaction(async tx => {
      await this.checkOverlaps(tx, sloRef, fine, hourly);
      for (let i = 0; i < fine.length; i += BATCH) {
        await tx<MinuteRow>('sre_sli_minutes')
          .insert(
            fine.slice(i, i + BATCH).map(b => ({
              slo_ref: sloRef,
              bucket_start: b.startMs,
              bucket_seconds: b.seconds,
              good: b.good,
              total: b.total,
            })),
          )
          .onConflict(['slo_ref', 'bucket_start'])
          .merge();
      }
      // An hourly bucket is its own rollup; its slices all share its ratio.
      const hourRows: HourRow[] = hourly.map(b => {
        const sliceCount = slice ? HOUR / slice.sliceMs : 0;
        const ratio = b.total > 0 ? b.good / b.total : undefined;
        const good = slice && ratio !== undefined && ratio >= slice.sliceTarget;
        return {
          slo_ref: sloRef,
          bucket_start: b.startMs,
          good: b.good,
          total: b.total,
          good_slices: ratio !== undefined && good ? sliceCount : 0,
          bad_slices: ratio !== undefined && !good ? sliceCount : 0,
          ratio_sum: ratio !== undefined ? ratio * sliceCount : 0,
        };
      });
      const hours = new Set(fine.map(b => Math.floor(b.startMs / HOUR) * HOUR));
      hourRows.push(...(await this.rollUp(tx, sloRef, [...hours], slice)));
      for (let i = 0; i < hourRows.length; i += BATCH) {
        await tx<HourRow>('sre_sli_hours')
          .insert(hourRows.slice(i, i + BATCH))
          .onConflict(['slo_ref', 'bucket_start'])
          .merge();
      }
    });
  }

  /** Buckets of different sizes must not cover the same time. */
  private async checkOverlaps(
    tx: Knex.Transaction,
    sloRef: string,
    fine: SliBucketInput[],
    hourly: SliBucketInput[],
  ) {
    const incoming = [...fine, ...hourly].sort((a, b) => a.startMs - b.startMs);
    for (let i = 1; i < incoming.length; i++) {
      const prev = incoming[i - 1];
      if (prev.startMs + prev.seconds * 1000 > incoming[i].startMs) {
        throw new ConflictError(
          `Bucket ${new Date(
            incoming[i].startMs,
          ).toISOString()} overlaps bucket ${new Date(
            prev.startMs,
          ).toISOString()} of the same request`,
        );
      }
    }
    if (!incoming.length) return;
    const from = incoming[0].startMs - HOUR;
    const last = incoming[incoming.length - 1];
    const to = last.startMs + last.seconds * 1000;
    const stored = await tx<MinuteRow>('sre_sli_minutes')
      .where('slo_ref', sloRef)
      .andWhere('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', to)
      .select('bucket_start', 'bucket_seconds');
    const starts = stored.map(r => ({
      startMs: Number(r.bucket_start),
      endMs: Number(r.bucket_start) + r.bucket_seconds * 1000,
    }));
    for (const b of incoming) {
      const end = b.startMs + b.seconds * 1000;
      const clash = starts.find(
        s =>
          s.startMs < end &&
          b.startMs < s.endMs &&
          !(s.startMs === b.startMs && s.endMs === end),
      );
      if (clash) {
        throw new ConflictError(
          `Bucket ${new Date(b.startMs).toISOString()} of ${
            b.seconds
          }s overlaps a stored bucket of ${
            (clash.endMs - clash.startMs) / 1000
          }s at ${new Date(
            clash.startMs,
          ).toISOString()}; send the same bucket size for the same time`,
        );
      }
    }
  }

  /** Recomputes the hourly rollups of the given hours from their fine buckets. */
  private async rollUp(
    tx: Knex.Transaction,
    sloRef: string,
    hours: number[],
    slice: SliceSpec | undefined,
  ) {
    const rows: HourRow[] = [];
    for (const hour of hours) {
      const fine = (
        await tx<MinuteRow>('sre_sli_minutes')
          .where('slo_ref', sloRef)
          .andWhere('bucket_start', '>=', hour)
          .andWhere('bucket_start', '<', hour + HOUR)
          .select('bucket_start', 'good', 'total')
      ).map(r => ({
        startMs: Number(r.bucket_start),
        good: Number(r.good),
        total: Number(r.total),
      }));
      const counts = sliceCounts(fine, slice);
      rows.push({
        slo_ref: sloRef,
        bucket_start: hour,
        good: fine.reduce((s, b) => s + b.good, 0),
        total: fine.reduce((s, b) => s + b.total, 0),
        good_slices: counts.goodSlices,
        bad_slices: counts.badSlices,
        ratio_sum: counts.ratioSum,
      });
    }
    return rows;
  }

  async readSeries(
    sloRefs: string[],
    options: { minutesFromMs: number; hoursFromMs: number },
  ): Promise<Map<string, SliSeries>> {
    const result = new Map<string, SliSeries>(
      sloRefs.map(ref => [ref, { minutes: [], hours: [] }]),
    );
    for (let i = 0; i < sloRefs.length; i += BATCH) {
      const refs = sloRefs.slice(i, i + BATCH);
      const minutes = await this.db<MinuteRow>('sre_sli_minutes')
        .whereIn('slo_ref', refs)
        .andWhere('bucket_start', '>=', options.minutesFromMs)
        .orderBy(['slo_ref', 'bucket_start'])
        .select('slo_ref', 'bucket_start', 'good', 'total');
      for (const r of minutes) {
        result.get(r.slo_ref)!.minutes.push({
          startMs: Number(r.bucket_start),
          good: Number(r.good),
          total: Number(r.total),
        });
      }
      const hours = await this.db<HourRow>('sre_sli_hours')
        .whereIn('slo_ref', refs)
        .andWhere('bucket_start', '>=', options.hoursFromMs)
        .orderBy(['slo_ref', 'bucket_start'])
        .select();
      for (const r of hours) {
        result.get(r.slo_ref)!.hours.push({
          startMs: Number(r.bucket_start),
          good: Number(r.good),
          total: Number(r.total),
          goodSlices: Number(r.good_slices),
          badSlices: Number(r.bad_slices),
          ratioSum: Number(r.ratio_sum),
        });
      }
    }
    return result;
  }

  async prune(options: {
    minutesBeforeMs: number;
    hoursBeforeMs: number;
  }): Promise<void> {
    await this.db('sre_sli_minutes')
      .where('bucket_start', '<', options.minutesBeforeMs)
      .delete();
    await this.db('sre_sli_hours')
      .where('bucket_start', '<', options.hoursBeforeMs)
      .delete();
  }
}
