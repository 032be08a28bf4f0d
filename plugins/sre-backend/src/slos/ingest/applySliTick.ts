import {
  formatWindow,
  hourSliceTally,
  isCountableTimeSlice,
  tallySlices,
} from '@sre-catalog/backstage-plugin-sre-common';
import { Knex } from 'knex';
import { SliTickEntry, SliceSpec } from '../store/SliStore';
import { JsonColumnType, SqlDialect } from '../../database/sqlDialect';

const HOUR = 3_600_000;
// Rows per insert statement for the per-SLO time-slice rollups.
const BATCH = 100;

/** What applying one tick did to stored data. */
export type AppliedTick = {
  buckets: number;
  /** Stored buckets of another size that incoming ones overlapped, now deleted. */
  replaced: Array<{ sloRef: string; startMs: number; seconds: number }>;
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

type StoredMinute = {
  slo_ref: string;
  bucket_start: number | string;
  bucket_seconds: number;
  good: number | string;
  total: number | string;
};

/**
 * Throws unless the store can count the entry's slices per hour: whole minutes that
 * divide an hour. The SLO validation refuses other slices; a queued push from
 * before that (or a bug) must fail loudly rather than write fractional or
 * hour-straddling slice counts.
 */
function assertCountableSlice(sloRef: string, slice: SliceSpec | undefined) {
  if (!slice || isCountableTimeSlice(slice.sliceMs)) return;
  throw new Error(
    `SLO ${sloRef}: cannot count time slices of ${formatWindow(
      slice.sliceMs,
    )} (${
      slice.sliceMs
    } ms) per hour; a slice must be whole minutes that divide an hour`,
  );
}

/**
 * Applies one tick inside a transaction: minutes are upserted, each touched hour
 * changes by the new minus the replaced counts (time-slice SLOs re-sum the hour
 * from its minutes), hourly buckets are stored as backfill. An incoming bucket
 * replaces every stored bucket it overlaps: the same bucket re-sent, or buckets
 * of another size (an exporter that changed its bucket size).
 */
export async function applySliTick(
  tx: Knex.Transaction,
  sql: SqlDialect,
  entries: SliTickEntry[],
  writtenAt: number,
): Promise<AppliedTick> {
  const minuteRows: Array<[string, number, number, number, number]> = [];
  const backfill: Array<
    [string, number, number, number, number, number, number]
  > = [];
  const incoming: Array<[string, number, number]> = [];
  const sliced = new Map<string, { hours: Set<number>; slice: SliceSpec }>();
  for (const { sloRef, slice } of entries) assertCountableSlice(sloRef, slice);
  for (const { sloRef, buckets, slice } of entries) {
    const hours = new Set<number>();
    for (const b of buckets) {
      incoming.push([sloRef, b.startMs, b.startMs + b.seconds * 1000]);
      if (b.seconds >= 3600) {
        // An hourly bucket is its own rollup; its slices all share its ratio.
        const r = hourSliceTally(b.good, b.total, slice);
        backfill.push([
          sloRef,
          b.startMs,
          b.good,
          b.total,
          r.goodSlices,
          r.badSlices,
          r.ratioSum,
        ]);
      } else {
        minuteRows.push([sloRef, b.startMs, b.seconds, b.good, b.total]);
        hours.add(Math.floor(b.startMs / HOUR) * HOUR);
      }
    }
    if (slice && hours.size) sliced.set(sloRef, { hours, slice });
  }
  if (!incoming.length) return { buckets: 0, replaced: [] };

  const { same, clashing } = await storedOverlaps(tx, sql, incoming);
  const removed = clashing.length
    ? await removeOverlapped(tx, sql, clashing, writtenAt)
    : [];

  // Each touched hour of an event-counting SLO changes by the new minus the
  // replaced counts.
  const deltas = new Map<string, [string, number, number, number, number]>();
  const addDelta = (
    sloRef: string,
    startMs: number,
    good: number,
    total: number,
  ) => {
    if (sliced.has(sloRef)) return;
    const hour = Math.floor(startMs / HOUR) * HOUR;
    const key = `${sloRef}\u0000${hour}`;
    let d = deltas.get(key);
    if (!d) {
      d = [sloRef, hour, 0, 0, writtenAt];
      deltas.set(key, d);
    }
    d[2] += good;
    d[3] += total;
  };
  for (const [sloRef, startMs, , good, total] of minuteRows) {
    const prev = same.get(`${sloRef}\u0000${startMs}`);
    addDelta(
      sloRef,
      startMs,
      good - (prev?.good ?? 0),
      total - (prev?.total ?? 0),
    );
  }
  for (const r of removed) addDelta(r.sloRef, r.startMs, -r.good, -r.total);

  // An hour that sums stored minutes adds the delta; a new hour, or an hourly
  // backfill that the minutes now replace, becomes the incoming minutes' sum.
  await upsertJsonRows(tx, sql, {
    table: 'sre_sli_hours',
    columns: [
      ['slo_ref', 'text'],
      ['bucket_start', 'bigint'],
      ['good', 'bigint'],
      ['total', 'bigint'],
      ['written_at', 'bigint'],
    ],
    fixed: {
      good_slices: '0',
      bad_slices: '0',
      ratio_sum: '0',
      backfilled: sql.bool(false),
    },
    update: `good = CASE WHEN sre_sli_hours.backfilled THEN excluded.good
        ELSE sre_sli_hours.good + excluded.good END,
      total = CASE WHEN sre_sli_hours.backfilled THEN excluded.total
        ELSE sre_sli_hours.total + excluded.total END,
      ${replaced(
        'good_slices',
        'bad_slices',
        'ratio_sum',
        'backfilled',
        'written_at',
      )}`,
    rows: [...deltas.values()],
  });
  await upsertJsonRows(tx, sql, {
    table: 'sre_sli_minutes',
    columns: [
      ['slo_ref', 'text'],
      ['bucket_start', 'bigint'],
      ['bucket_seconds', 'int'],
      ['good', 'bigint'],
      ['total', 'bigint'],
    ],
    fixed: { written_at: String(writtenAt) },
    update: replaced('bucket_seconds', 'good', 'total', 'written_at'),
    rows: minuteRows,
  });
  // After the deltas: an hourly bucket replaces whatever the hour held.
  await upsertJsonRows(tx, sql, {
    table: 'sre_sli_hours',
    columns: [
      ['slo_ref', 'text'],
      ['bucket_start', 'bigint'],
      ['good', 'bigint'],
      ['total', 'bigint'],
      ['good_slices', 'int'],
      ['bad_slices', 'int'],
      ['ratio_sum', 'double'],
    ],
    fixed: { backfilled: sql.bool(true), written_at: String(writtenAt) },
    update: replaced(
      'good',
      'total',
      'good_slices',
      'bad_slices',
      'ratio_sum',
      'backfilled',
      'written_at',
    ),
    rows: backfill,
  });
  // Time-slice counts need each slice's ratio: per SLO, from its minutes.
  for (const [sloRef, { hours, slice }] of sliced) {
    const rows = await rollUp(tx, sloRef, [...hours], slice, writtenAt);
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx<HourRow>('sre_sli_hours')
        .insert(rows.slice(i, i + BATCH))
        .onConflict(['slo_ref', 'bucket_start'])
        .merge();
    }
  }
  return {
    buckets: incoming.length,
    replaced: removed.map(({ sloRef, startMs, seconds }) => ({
      sloRef,
      startMs,
      seconds,
    })),
  };
}

/** `SET` clauses that take the incoming value of each column. */
function replaced(...columns: string[]): string {
  return columns.map(c => `${c} = excluded.${c}`).join(', ');
}

/**
 * Inserts rows bound as one JSON parameter (plus `fixed` columns, as SQL) into an
 * SLI table, updating a row with the same key by `update`.
 */
async function upsertJsonRows(
  tx: Knex.Transaction,
  sql: SqlDialect,
  options: {
    table: 'sre_sli_minutes' | 'sre_sli_hours' | 'sre_sli_resets';
    columns: Array<[string, JsonColumnType]>;
    fixed: Record<string, string>;
    update: string;
    rows: unknown[][];
    /** The key columns; an SLO's bucket start by default. */
    conflict?: string[];
  },
) {
  const { table, columns, fixed, update, rows } = options;
  const conflict = options.conflict ?? ['slo_ref', 'bucket_start'];
  if (!rows.length) return;
  const names = [...columns.map(([name]) => name), ...Object.keys(fixed)];
  const values = [
    ...columns.map(([name]) => `d.${name}`),
    ...Object.values(fixed),
  ];
  // "WHERE 1 = 1": SQLite would read ON CONFLICT as part of the SELECT's join.
  await tx.raw(
    `INSERT INTO ${table} (${names.join(', ')})
    SELECT ${values.join(', ')} FROM ${sql.jsonRows(columns)} AS d
    WHERE 1 = 1
    ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${update}`,
    [JSON.stringify(rows)],
  );
}

/**
 * Looks, in one query, at the last stored bucket that starts before each incoming
 * one ends. Stored buckets never overlap each other, so that one alone tells: it
 * is the same bucket (returned in `same` by `ref\0start` with its old counts, to
 * be replaced), it reaches into the incoming bucket (a clash), or it ends before
 * it. Buckets are at most an hour long, so an overlapping one starts less than an
 * hour before.
 */
async function storedOverlaps(
  tx: Knex.Transaction,
  sql: SqlDialect,
  incoming: Array<[string, number, number]>,
) {
  const rows = (await sql.selectRaw(
    tx,
    `SELECT i.slo_ref, i.bucket_start AS in_start, i.bucket_end AS in_end,
      m.bucket_start, m.bucket_seconds, m.good, m.total
    FROM ${sql.jsonRows([
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
  )) as Array<StoredMinute & { in_start: number | string; in_end: number }>;
  const same = new Map<string, { good: number; total: number }>();
  const clashing: Array<[string, number, number]> = [];
  for (const r of rows) {
    const startMs = Number(r.in_start);
    const endMs = Number(r.in_end);
    const storedMs = Number(r.bucket_start);
    if (storedMs === startMs && storedMs + r.bucket_seconds * 1000 === endMs) {
      same.set(`${r.slo_ref}\u0000${startMs}`, {
        good: Number(r.good),
        total: Number(r.total),
      });
    } else {
      clashing.push([r.slo_ref, startMs, endMs]);
    }
  }
  return { same, clashing };
}

/** Deletes every stored bucket that the clashing incoming buckets overlap. */
async function removeOverlapped(
  tx: Knex.Transaction,
  sql: SqlDialect,
  clashing: Array<[string, number, number]>,
  writtenAt: number,
) {
  const rows = (await sql.selectRaw(
    tx,
    `SELECT DISTINCT m.slo_ref, m.bucket_start, m.bucket_seconds, m.good, m.total
    FROM ${sql.jsonRows([
      ['slo_ref', 'text'],
      ['bucket_start', 'bigint'],
      ['bucket_end', 'bigint'],
    ])} AS i
    JOIN sre_sli_minutes m
      ON m.slo_ref = i.slo_ref
      AND m.bucket_start < i.bucket_end
      AND m.bucket_start >= i.bucket_start - ${HOUR}
      AND m.bucket_start + m.bucket_seconds * 1000 > i.bucket_start`,
    [JSON.stringify(clashing)],
  )) as StoredMinute[];
  const removed = rows.map(r => ({
    sloRef: r.slo_ref,
    startMs: Number(r.bucket_start),
    seconds: r.bucket_seconds,
    good: Number(r.good),
    total: Number(r.total),
  }));
  await tx.raw(
    `DELETE FROM sre_sli_minutes WHERE EXISTS (
      SELECT 1 FROM ${sql.jsonRows([
        ['slo_ref', 'text'],
        ['bucket_start', 'bigint'],
      ])} AS d
      WHERE d.slo_ref = sre_sli_minutes.slo_ref
        AND d.bucket_start = sre_sli_minutes.bucket_start)`,
    [JSON.stringify(removed.map(r => [r.sloRef, r.startMs]))],
  );
  // Readers of rows written since a time cannot see a deletion: mark the SLOs.
  await upsertJsonRows(tx, sql, {
    table: 'sre_sli_resets',
    columns: [['slo_ref', 'text']],
    fixed: { written_at: String(writtenAt) },
    update: replaced('written_at'),
    rows: [...new Set(removed.map(r => r.sloRef))].map(ref => [ref]),
    conflict: ['slo_ref'],
  });
  return removed;
}

/** The hourly rollups of the given hours, re-summed from their fine buckets. */
async function rollUp(
  tx: Knex.Transaction,
  sloRef: string,
  hours: number[],
  slice: SliceSpec,
  writtenAt: number,
) {
  const rows: HourRow[] = [];
  for (const hour of hours) {
    const fine = (
      await tx<StoredMinute>('sre_sli_minutes')
        .where('slo_ref', sloRef)
        .andWhere('bucket_start', '>=', hour)
        .andWhere('bucket_start', '<', hour + HOUR)
        .select('bucket_start', 'good', 'total')
    ).map(r => ({
      startMs: Number(r.bucket_start),
      good: Number(r.good),
      total: Number(r.total),
    }));
    const counts = tallySlices(fine, slice);
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
