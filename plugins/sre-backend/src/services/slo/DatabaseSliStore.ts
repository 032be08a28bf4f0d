import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { applyMigrations } from '../../database/applyMigrations';
import {
  HourRollup,
  SliBucketInput,
  SliSeries,
  SliStore,
  SliTickEntry,
  SliceSpec,
} from './SliStore';

const HOUR = 3_600_000;
// SQLite limits bound parameters per statement; keep batches well under it.
const BATCH = 100;
/**
 * Bound parameters per statement of a tick: under SQLite's 32,766 and PostgreSQL's
 * 65,535, and large enough that a tick of 10,000 SLOs takes a few statements.
 */
const TICK_PARAMS = 30_000;

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

const MINUTE_COLUMNS = [
  'slo_ref',
  'bucket_start',
  'bucket_seconds',
  'good',
  'total',
] as const;
const HOUR_COLUMNS = [
  'slo_ref',
  'bucket_start',
  'good',
  'total',
  'good_slices',
  'bad_slices',
  'ratio_sum',
] as const;

/** Multi-row upserts keyed by (slo_ref, bucket_start), in chunks of TICK_PARAMS. */
async function upsertRows<R extends Record<string, unknown>>(
  tx: Knex.Transaction,
  table: string,
  columns: ReadonlyArray<keyof R & string>,
  rows: R[],
) {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const updates = columns
    .filter(c => c !== 'slo_ref' && c !== 'bucket_start')
    .map(c => `${c} = excluded.${c}`)
    .join(', ');
  for (const batch of chunks(rows, Math.floor(TICK_PARAMS / columns.length))) {
    const bindings: Knex.RawBinding[] = [];
    for (const row of batch) {
      for (const c of columns) bindings.push(row[c] as Knex.RawBinding);
    }
    await tx.raw(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${batch
        .map(() => tuple)
        .join(', ')}
      ON CONFLICT (slo_ref, bucket_start) DO UPDATE SET ${updates}`,
      bindings,
    );
  }
}

/** An hourly bucket is its own rollup; its slices all share its ratio. */
function hourRowsOf(
  sloRef: string,
  hourly: SliBucketInput[],
  slice: SliceSpec | undefined,
): HourRow[] {
  return hourly.map(b => {
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
}

/** The buckets of one request in time order; throws if two of them overlap. */
function sortedWithoutOverlaps(buckets: SliBucketInput[]): SliBucketInput[] {
  const incoming = [...buckets].sort((a, b) => a.startMs - b.startMs);
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
  return incoming;
}

function overlapError(
  b: { startMs: number; seconds: number },
  clash: { startMs: number; endMs: number },
  sloRef?: string,
) {
  return new ConflictError(
    `${sloRef ? `${sloRef}: ` : ''}Bucket ${new Date(
      b.startMs,
    ).toISOString()} of ${b.seconds}s overlaps a stored bucket of ${
      (clash.endMs - clash.startMs) / 1000
    }s at ${new Date(
      clash.startMs,
    ).toISOString()}; send the same bucket size for the same time`,
  );
}

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
      const hourRows = hourRowsOf(sloRef, hourly, slice);
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

  async writeTick(entries: SliTickEntry[]): Promise<void> {
    const minuteRows: MinuteRow[] = [];
    const hourRows: HourRow[] = [];
    const incoming: Array<[string, number, number]> = [];
    const affected: Array<[string, number]> = [];
    const sliced: Array<{ sloRef: string; hours: number[]; slice: SliceSpec }> =
      [];
    const seen = new Set<string>();
    for (const { sloRef, buckets, slice } of entries) {
      if (seen.has(sloRef)) {
        throw new InputError(`SLO ${sloRef} appears more than once in a tick`);
      }
      seen.add(sloRef);
      const hours = new Set<number>();
      for (const b of sortedWithoutOverlaps(buckets)) {
        incoming.push([sloRef, b.startMs, b.startMs + b.seconds * 1000]);
        if (b.seconds >= 3600) continue;
        minuteRows.push({
          slo_ref: sloRef,
          bucket_start: b.startMs,
          bucket_seconds: b.seconds,
          good: b.good,
          total: b.total,
        });
        hours.add(Math.floor(b.startMs / HOUR) * HOUR);
      }
      hourRows.push(
        ...hourRowsOf(
          sloRef,
          buckets.filter(b => b.seconds >= 3600),
          slice,
        ),
      );
      for (const hour of hours) affected.push([sloRef, hour]);
      if (slice && hours.size)
        sliced.push({ sloRef, hours: [...hours], slice });
    }
    if (!incoming.length) return;
    await this.db.transaction(async tx => {
      await this.checkTickOverlaps(tx, incoming);
      // Knex writes multi-row inserts on SQLite as a compound SELECT, limited to
      // 500 terms; a plain VALUES list has no such limit on either client.
      await upsertRows(tx, 'sre_sli_minutes', MINUTE_COLUMNS, minuteRows);
      await upsertRows(tx, 'sre_sli_hours', HOUR_COLUMNS, hourRows);
      // Event sums of every touched hour in one statement per chunk; slice counts
      // are zero here, as writeBuckets stores them for SLOs without slices.
      for (const rows of chunks(affected, TICK_PARAMS / 2)) {
        await tx.raw(
          `WITH affected(slo_ref, hour) AS (VALUES ${rows
            .map(() => '(?, CAST(? AS BIGINT))')
            .join(', ')})
          INSERT INTO sre_sli_hours
            (slo_ref, bucket_start, good, total, good_slices, bad_slices, ratio_sum)
          SELECT a.slo_ref, a.hour, SUM(m.good), SUM(m.total), 0, 0, 0
          FROM affected a
          JOIN sre_sli_minutes m
            ON m.slo_ref = a.slo_ref
            AND m.bucket_start >= a.hour
            AND m.bucket_start < a.hour + ${HOUR}
          WHERE 1 = 1
          GROUP BY a.slo_ref, a.hour
          ON CONFLICT (slo_ref, bucket_start) DO UPDATE SET
            good = excluded.good,
            total = excluded.total,
            good_slices = excluded.good_slices,
            bad_slices = excluded.bad_slices,
            ratio_sum = excluded.ratio_sum`,
          rows.flat(),
        );
      }
      // Time-slice counts need each slice's ratio: per SLO, as writeBuckets does.
      for (const { sloRef, hours, slice } of sliced) {
        const rows = await this.rollUp(tx, sloRef, hours, slice);
        for (const batch of chunks(rows, BATCH)) {
          await tx<HourRow>('sre_sli_hours')
            .insert(batch)
            .onConflict(['slo_ref', 'bucket_start'])
            .merge();
        }
      }
    });
  }

  /** Set-based form of checkOverlaps for a tick: one query per chunk. */
  private async checkTickOverlaps(
    tx: Knex.Transaction,
    incoming: Array<[string, number, number]>,
  ) {
    for (const rows of chunks(incoming, TICK_PARAMS / 3)) {
      const [clash] = (await this.selectRaw(
        tx,
        `WITH incoming(slo_ref, bucket_start, bucket_end) AS (VALUES ${rows
          .map(() => '(?, CAST(? AS BIGINT), CAST(? AS BIGINT))')
          .join(', ')})
        SELECT i.slo_ref, i.bucket_start AS in_start, i.bucket_end AS in_end,
          m.bucket_start, m.bucket_seconds
        FROM incoming i
        JOIN sre_sli_minutes m
          ON m.slo_ref = i.slo_ref
          AND m.bucket_start >= i.bucket_start - ${HOUR}
          AND m.bucket_start < i.bucket_end
        WHERE m.bucket_start + m.bucket_seconds * 1000 > i.bucket_start
          AND NOT (m.bucket_start = i.bucket_start
            AND m.bucket_start + m.bucket_seconds * 1000 = i.bucket_end)
        LIMIT 1`,
        rows.flat(),
      )) as Array<{
        slo_ref: string;
        in_start: number | string;
        in_end: number | string;
        bucket_start: number | string;
        bucket_seconds: number;
      }>;
      if (clash) {
        const startMs = Number(clash.in_start);
        const storedMs = Number(clash.bucket_start);
        throw overlapError(
          { startMs, seconds: (Number(clash.in_end) - startMs) / 1000 },
          {
            startMs: storedMs,
            endMs: storedMs + clash.bucket_seconds * 1000,
          },
          clash.slo_ref,
        );
      }
    }
  }

  /** Rows of a raw SELECT on either client (pg wraps them, SQLite does not). */
  private async selectRaw(
    tx: Knex.Transaction,
    sql: string,
    bindings: Array<string | number>,
  ): Promise<unknown[]> {
    const result = await tx.raw(sql, bindings);
    return Array.isArray(result) ? result : result.rows;
  }

  /** Buckets of different sizes must not cover the same time. */
  private async checkOverlaps(
    tx: Knex.Transaction,
    sloRef: string,
    fine: SliBucketInput[],
    hourly: SliBucketInput[],
  ) {
    const incoming = sortedWithoutOverlaps([...fine, ...hourly]);
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
      if (clash) throw overlapError(b, clash);
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
