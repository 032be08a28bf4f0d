import { Knex } from 'knex';
import { SqlDialect } from '../../database/sqlDialect';
import { FlatSliQuery, FlatSliRows, SliSeries } from './SliStore';
import { HourRow, MinuteRow } from './sliTables';

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

/** See SliStore.readSeries: rows as objects, in batches of SLOs. */
export async function readSeries(
  db: Knex,
  sloRefs: string[],
  options: { minutesFromMs: number; hoursFromMs: number },
): Promise<Map<string, SliSeries>> {
  const result = new Map<string, SliSeries>(
    sloRefs.map(ref => [ref, { minutes: [], hours: [] }]),
  );
  for (let i = 0; i < sloRefs.length; i += BATCH) {
    const refs = sloRefs.slice(i, i + BATCH);
    const minutes = await db<MinuteRow>('sre_sli_minutes')
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
    const hours = await db<HourRow>('sre_sli_hours')
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

/**
 * See SliStore.readFlat: many SLOs' rows as flat numbers, for the evaluator's
 * rollups.
 */
export async function readFlat(
  db: Knex,
  sql: SqlDialect,
  query: FlatSliQuery,
): Promise<FlatSliRows> {
  const result: FlatSliRows = {
    minutes: new Map(),
    hours: new Map(),
    hourStride: query.eventsOnly ? 3 : 6,
    reset: new Set(),
  };
  const pg = sql.isPostgres;
  // One text per SLO and table (string_agg / group_concat), parsed without an
  // object per row: reading millions of rows as objects costs far more. The
  // rows come in key order in practice; the reader copes with any order.
  const agg = (row: string) =>
    pg ? `string_agg(${row}, ',')` : `group_concat(${row}, ',')`;
  const ratio = pg ? 'ratio_sum::text' : "printf('%.17g', ratio_sum)";
  const minuteRow = `concat_ws(',', bucket_start, good, total)`;
  // Most SLOs count events, not slices: their slice columns are zero.
  const hourRow = query.eventsOnly
    ? minuteRow
    : `concat_ws(',', bucket_start, good, total) || CASE
    WHEN good_slices = 0 AND bad_slices = 0 AND ratio_sum = 0 THEN ',0,0,0'
    ELSE ',' || concat_ws(',', good_slices, bad_slices, ${ratio}) END`;
  const read = async (
    table: string,
    [fromMs, beforeMs]: [number, number | undefined],
    row: string,
    refs: string[] | undefined,
    into: Map<string, Float64Array>,
  ) => {
    const where = ['bucket_start >= ?'];
    const bindings: Array<string | number> = [fromMs];
    if (beforeMs !== undefined) {
      where.push('bucket_start < ?');
      bindings.push(beforeMs);
    }
    // With written_at, its index (written_at, bucket_start) is the one to use: it
    // skips rows outside the bucket range without reading them, where SQLite
    // without statistics would rather scan the primary key (every row).
    const from =
      query.writtenAfterMs !== undefined && !pg
        ? `${table} INDEXED BY ${table}_written_bucket_idx`
        : table;
    if (query.writtenAfterMs !== undefined) {
      where.push('written_at > ?');
      bindings.push(query.writtenAfterMs);
    }
    if (refs) {
      where.push(`slo_ref IN (${refs.map(() => '?').join(', ')})`);
      bindings.push(...refs);
    }
    if (query.writtenAfterMs === undefined) {
      const rows = (await sql.selectRaw(
        db,
        `SELECT slo_ref, ${agg(row)} AS v FROM ${from}
        WHERE ${where.join(' AND ')} GROUP BY slo_ref`,
        bindings,
      )) as Array<{ slo_ref: string; v: string }>;
      for (const r of rows) into.set(r.slo_ref, parseNumbers(r.v));
      return;
    }
    // A refresh reads a row or two per SLO: grouping them in SQL (a sort of
    // every row) costs several times the read itself, so group them here.
    const rows = (await sql.selectRaw(
      db,
      `SELECT slo_ref, ${row} AS v FROM ${from} WHERE ${where.join(' AND ')}`,
      bindings,
    )) as Array<{ slo_ref: string; v: string }>;
    const texts = new Map<string, string[]>();
    for (const r of rows) {
      const list = texts.get(r.slo_ref);
      if (list) list.push(r.v);
      else texts.set(r.slo_ref, [r.v]);
    }
    for (const [ref, list] of texts)
      into.set(ref, parseNumbers(list.join(',')));
  };
  const batches = query.sloRefs ? chunks(query.sloRefs, 500) : [undefined];
  for (const refs of batches) {
    if (query.minutesFromMs !== undefined) {
      await read(
        'sre_sli_minutes',
        [query.minutesFromMs, undefined],
        minuteRow,
        refs,
        result.minutes,
      );
    }
    await read(
      'sre_sli_hours',
      [query.hoursFromMs, query.hoursBeforeMs],
      hourRow,
      refs,
      result.hours,
    );
  }
  if (query.writtenAfterMs !== undefined) {
    const resets = await db('sre_sli_resets')
      .where('written_at', '>', query.writtenAfterMs)
      .select('slo_ref');
    for (const r of resets) result.reset.add(r.slo_ref);
  }
  return result;
}
