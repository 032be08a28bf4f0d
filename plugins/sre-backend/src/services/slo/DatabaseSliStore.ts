import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { applyMigrations } from '../../database/applyMigrations';
import {
  FlatSliQuery,
  FlatSliRows,
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
function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/**
 * Comma-separated numbers as a Float64Array: plain integers digit by digit, other
 * forms (decimals, exponents, signs) through Number.
 */
export function parseNumbers(text: string): Float64Array {
  let count = text.length ? 1 : 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const out = new Float64Array(count);
  let k = 0;
  let value = 0;
  let start = 0;
  let plain = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c === 44) {
      out[k++] = plain ? value : Number(text.slice(start, i));
      value = 0;
      start = i + 1;
      plain = true;
    } else if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
    } else {
      plain = false;
    }
  }
  return out;
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
  written_at?: number;
};

type HourRow = {
  slo_ref: string;
  bucket_start: number | string;
  good: number | string;
  total: number | string;
  good_slices: number;
  bad_slices: number;
  ratio_sum: number;
  backfilled?: boolean;
  written_at?: number;
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
    const writtenAt = Date.now();
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
              written_at: writtenAt,
            })),
          )
          .onConflict(['slo_ref', 'bucket_start'])
          .merge();
      }
      const hourRows: HourRow[] = hourRowsOf(sloRef, hourly, slice).map(r => ({
        ...r,
        backfilled: true,
        written_at: writtenAt,
      }));
      const hours = new Set(fine.map(b => Math.floor(b.startMs / HOUR) * HOUR));
      hourRows.push(
        ...(await this.rollUp(tx, sloRef, [...hours], slice, writtenAt)),
      );
      for (let i = 0; i < hourRows.length; i += BATCH) {
        await tx<HourRow>('sre_sli_hours')
          .insert(hourRows.slice(i, i + BATCH))
          .onConflict(['slo_ref', 'bucket_start'])
          .merge();
      }
    });
  }

  async writeTick(entries: SliTickEntry[]): Promise<void> {
    const writtenAt = Date.now();
    // Flat rows, bound as one JSON parameter per statement.
    const minuteRows: Array<[string, number, number, number, number]> = [];
    const backfill: Array<
      [string, number, number, number, number, number, number]
    > = [];
    const incoming: Array<[string, number, number]> = [];
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
        minuteRows.push([sloRef, b.startMs, b.seconds, b.good, b.total]);
        hours.add(Math.floor(b.startMs / HOUR) * HOUR);
      }
      for (const r of hourRowsOf(
        sloRef,
        buckets.filter(b => b.seconds >= 3600),
        slice,
      )) {
        backfill.push([
          sloRef,
          Number(r.bucket_start),
          Number(r.good),
          Number(r.total),
          r.good_slices,
          r.bad_slices,
          r.ratio_sum,
        ]);
      }
      if (slice && hours.size) {
        sliced.push({ sloRef, hours: [...hours], slice });
      }
    }
    if (!incoming.length) return;
    const slicedRefs = new Set(sliced.map(s => s.sloRef));
    await this.db.transaction(async tx => {
      // The stored buckets the incoming ones overlap: the same bucket (to be
      // replaced; its old counts give the hourly delta) or a clash.
      const old = await this.storedOverlaps(tx, incoming);
      // Each touched hour changes by the new minus the replaced counts.
      const deltas = new Map<
        string,
        [string, number, number, number, number]
      >();
      for (const [sloRef, startMs, , good, total] of minuteRows) {
        if (slicedRefs.has(sloRef)) continue;
        const hour = Math.floor(startMs / HOUR) * HOUR;
        const key = `${sloRef}\u0000${hour}`;
        const prev = old.get(`${sloRef}\u0000${startMs}`);
        let d = deltas.get(key);
        if (!d) {
          d = [sloRef, hour, 0, 0, writtenAt];
          deltas.set(key, d);
        }
        d[2] += good - (prev?.good ?? 0);
        d[3] += total - (prev?.total ?? 0);
      }
      // An hour that sums stored minutes adds the delta; a new hour, or an hourly
      // backfill that the minutes now replace, becomes the incoming minutes' sum.
      if (deltas.size) {
        await tx.raw(
          `INSERT INTO sre_sli_hours
            (slo_ref, bucket_start, good, total, good_slices, bad_slices, ratio_sum,
              backfilled, written_at)
          SELECT d.slo_ref, d.bucket_start, d.good, d.total, 0, 0, 0, ${this.sqlBool(
            false,
          )}, d.written_at
          FROM ${this.jsonRows([
            ['slo_ref', 'text'],
            ['bucket_start', 'bigint'],
            ['good', 'bigint'],
            ['total', 'bigint'],
            ['written_at', 'bigint'],
          ])} AS d
          WHERE 1 = 1
          ON CONFLICT (slo_ref, bucket_start) DO UPDATE SET
            good = CASE WHEN sre_sli_hours.backfilled THEN excluded.good
              ELSE sre_sli_hours.good + excluded.good END,
            total = CASE WHEN sre_sli_hours.backfilled THEN excluded.total
              ELSE sre_sli_hours.total + excluded.total END,
            good_slices = 0,
            bad_slices = 0,
            ratio_sum = 0,
            backfilled = excluded.backfilled,
            written_at = excluded.written_at`,
          [JSON.stringify([...deltas.values()])],
        );
      }
      if (minuteRows.length) {
        await tx.raw(
          `INSERT INTO sre_sli_minutes
            (slo_ref, bucket_start, bucket_seconds, good, total, written_at)
          SELECT d.slo_ref, d.bucket_start, d.bucket_seconds, d.good, d.total,
            ${writtenAt}
          FROM ${this.jsonRows([
            ['slo_ref', 'text'],
            ['bucket_start', 'bigint'],
            ['bucket_seconds', 'int'],
            ['good', 'bigint'],
            ['total', 'bigint'],
          ])} AS d
          WHERE 1 = 1
          ON CONFLICT (slo_ref, bucket_start) DO UPDATE SET
            bucket_seconds = excluded.bucket_seconds,
            good = excluded.good,
            total = excluded.total,
            written_at = excluded.written_at`,
          [JSON.stringify(minuteRows)],
        );
      }
      if (backfill.length) {
        await tx.raw(
          `INSERT INTO sre_sli_hours
            (slo_ref, bucket_start, good, total, good_slices, bad_slices, ratio_sum,
              backfilled, written_at)
          SELECT d.slo_ref, d.bucket_start, d.good, d.total,
            d.good_slices, d.bad_slices, d.ratio_sum, ${this.sqlBool(
              true,
            )}, ${writtenAt}
          FROM ${this.jsonRows([
            ['slo_ref', 'text'],
            ['bucket_start', 'bigint'],
            ['good', 'bigint'],
            ['total', 'bigint'],
            ['good_slices', 'int'],
            ['bad_slices', 'int'],
            ['ratio_sum', 'double'],
          ])} AS d
          WHERE 1 = 1
          ON CONFLICT (slo_ref, bucket_start) DO UPDATE SET
            good = excluded.good,
            total = excluded.total,
            good_slices = excluded.good_slices,
            bad_slices = excluded.bad_slices,
            ratio_sum = excluded.ratio_sum,
            backfilled = excluded.backfilled,
            written_at = excluded.written_at`,
          [JSON.stringify(backfill)],
        );
      }
      // Time-slice counts need each slice's ratio: per SLO, from its minutes.
      for (const { sloRef, hours, slice } of sliced) {
        const rows = await this.rollUp(tx, sloRef, hours, slice, writtenAt);
        for (let i = 0; i < rows.length; i += BATCH) {
          await tx<HourRow>('sre_sli_hours')
            .insert(rows.slice(i, i + BATCH))
            .onConflict(['slo_ref', 'bucket_start'])
            .merge();
        }
      }
    });
  }

  private sqlBool(value: boolean): string {
    if (this.isPostgres) return value ? 'TRUE' : 'FALSE';
    return value ? '1' : '0';
  }

  private get isPostgres(): boolean {
    const client = String(this.db.client.config.client);
    return client === 'pg' || client.startsWith('postgres');
  }

  /**
   * A derived table of the rows of one JSON parameter (an array of arrays, the
   * columns in the given order), with one `?` binding: json_each on SQLite,
   * jsonb_array_elements on PostgreSQL.
   */
  private jsonRows(
    columns: Array<[string, 'text' | 'bigint' | 'int' | 'double']>,
  ): string {
    const pg = this.isPostgres;
    const select = columns
      .map(([name, type], i) => {
        const value = pg ? `e.value->>${i}` : `value->>${i}`;
        if (type === 'text') return `${value} AS ${name}`;
        const sqlType = {
          bigint: 'BIGINT',
          int: 'INTEGER',
          double: pg ? 'DOUBLE PRECISION' : 'REAL',
        }[type];
        return `CAST(${value} AS ${sqlType}) AS ${name}`;
      })
      .join(', ');
    return pg
      ? `(SELECT ${select} FROM jsonb_array_elements(CAST(? AS jsonb)) AS e(value))`
      : `(SELECT ${select} FROM json_each(?))`;
  }

  /**
   * Stored minute buckets that the incoming ones overlap, in one query: a stored
   * bucket of the same start and size is returned by `ref\0start` (its counts are
   * replaced); any other overlap is a ConflictError. Buckets are at most an hour
   * long, so an overlapping one starts less than an hour before.
   */
  private async storedOverlaps(
    tx: Knex.Transaction,
    incoming: Array<[string, number, number]>,
  ): Promise<Map<string, { good: number; total: number }>> {
    // Stored buckets never overlap each other, so the last one that starts before
    // an incoming bucket ends is the one to look at: it starts inside the incoming
    // bucket (the same bucket, or a clash) or before it (a clash if it reaches in).
    const rows = (await this.selectRaw(
      tx,
      `SELECT i.slo_ref, i.bucket_start AS in_start, i.bucket_end AS in_end,
        m.bucket_start, m.bucket_seconds, m.good, m.total
      FROM ${this.jsonRows([
        ['slo_ref', 'text'],
        ['bucket_start', 'bigint'],
        ['bucket_end', 'bigint'],
      ])} AS i
      JOIN sre_sli_minutes m
        ON m.slo_ref = i.slo_ref
        AND m.bucket_start = (
          SELECT MAX(p.bucket_start) FROM sre_sli_minutes p
          WHERE p.slo_ref = i.slo_ref
            AND p.bucket_start < i.bucket_end
            AND p.bucket_start >= i.bucket_start - ${HOUR})
      WHERE m.bucket_start + m.bucket_seconds * 1000 > i.bucket_start`,
      [JSON.stringify(incoming)],
    )) as Array<{
      slo_ref: string;
      in_start: number | string;
      in_end: number | string;
      bucket_start: number | string;
      bucket_seconds: number;
      good: number | string;
      total: number | string;
    }>;
    const old = new Map<string, { good: number; total: number }>();
    for (const r of rows) {
      const startMs = Number(r.in_start);
      const endMs = Number(r.in_end);
      const storedMs = Number(r.bucket_start);
      const storedEnd = storedMs + r.bucket_seconds * 1000;
      if (storedMs !== startMs || storedEnd !== endMs) {
        throw overlapError(
          { startMs, seconds: (endMs - startMs) / 1000 },
          { startMs: storedMs, endMs: storedEnd },
          r.slo_ref,
        );
      }
      old.set(`${r.slo_ref}\u0000${startMs}`, {
        good: Number(r.good),
        total: Number(r.total),
      });
    }
    return old;
  }

  /** Rows of a raw SELECT on either client (pg wraps them, SQLite does not). */
  private async selectRaw(
    tx: Knex,
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
    writtenAt: number,
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
        backfilled: false,
        written_at: writtenAt,
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

  async readFlat(query: FlatSliQuery): Promise<FlatSliRows> {
    const result: FlatSliRows = { minutes: new Map(), hours: new Map() };
    const pg = this.isPostgres;
    // One text per SLO and table (string_agg / group_concat), parsed without an
    // object per row: reading millions of rows as objects costs far more. The
    // rows come in key order in practice; the reader copes with any order.
    const agg = (row: string) =>
      pg ? `string_agg(${row}, ',')` : `group_concat(${row}, ',')`;
    const ratio = pg ? 'ratio_sum::text' : "printf('%.17g', ratio_sum)";
    const minuteRow = `concat_ws(',', bucket_start, good, total)`;
    // Most SLOs count events, not slices: their slice columns are zero.
    const hourRow = `concat_ws(',', bucket_start, good, total) || CASE
      WHEN good_slices = 0 AND bad_slices = 0 AND ratio_sum = 0 THEN ',0,0,0'
      ELSE ',' || concat_ws(',', good_slices, bad_slices, ${ratio}) END`;
    const read = async (
      table: string,
      fromMs: number,
      row: string,
      refs: string[] | undefined,
      into: Map<string, Float64Array>,
    ) => {
      const where = ['bucket_start >= ?'];
      // With written_at, its index is the one to use: SQLite without statistics
      // would rather scan the primary key in GROUP BY order (every row).
      const from =
        query.writtenAfterMs !== undefined && !pg
          ? `${table} INDEXED BY ${table}_written_at_idx`
          : table;
      const bindings: Array<string | number> = [fromMs];
      if (query.writtenAfterMs !== undefined) {
        where.push('written_at > ?');
        bindings.push(query.writtenAfterMs);
      }
      if (refs) {
        where.push(`slo_ref IN (${refs.map(() => '?').join(', ')})`);
        bindings.push(...refs);
      }
      const rows = (await this.selectRaw(
        this.db,
        `SELECT slo_ref, ${agg(row)} AS v FROM ${from}
        WHERE ${where.join(' AND ')} GROUP BY slo_ref`,
        bindings,
      )) as Array<{ slo_ref: string; v: string }>;
      for (const r of rows) into.set(r.slo_ref, parseNumbers(r.v));
    };
    const batches = query.sloRefs ? chunks(query.sloRefs, 500) : [undefined];
    for (const refs of batches) {
      await read(
        'sre_sli_minutes',
        query.minutesFromMs,
        minuteRow,
        refs,
        result.minutes,
      );
      await read(
        'sre_sli_hours',
        query.hoursFromMs,
        hourRow,
        refs,
        result.hours,
      );
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
