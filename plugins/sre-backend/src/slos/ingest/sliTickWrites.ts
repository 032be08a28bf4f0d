import { Knex } from 'knex';
import { JsonColumnType, SqlDialect } from '../../database/sqlDialect';
import { BUCKET_KEY_COLUMNS, HourRow, SliTable } from '../store/sliTables';
import { BackfillTuple, MinuteTuple } from './sliTickRows';

// Rows per insert statement for the per-SLO time-slice rollups.
const BATCH = 100;

/** `[sloRef, hourStartMs, good, total, writtenAt]`: what a tick adds to an hour. */
export type HourDelta = [string, number, number, number, number];

/** `SET` clauses that take the incoming value of each column. */
function replaced(...columns: string[]): string {
  return columns.map(c => `${c} = excluded.${c}`).join(', ');
}

const HOUR_COUNT_COLUMNS: Array<[string, JsonColumnType]> = [
  ['slo_ref', 'text'],
  ['bucket_start', 'bigint'],
  ['good', 'bigint'],
  ['total', 'bigint'],
];

const HOUR_DELTA_COLUMNS: Array<[string, JsonColumnType]> = [
  ...HOUR_COUNT_COLUMNS,
  ['written_at', 'bigint'],
];

// An hour that sums stored minutes adds the delta; a new hour, or an hourly
// backfill that the minutes now replace, becomes the incoming minutes' sum.
const ADD_HOUR_DELTA = `good = CASE WHEN sre_sli_hours.backfilled THEN excluded.good
        ELSE sre_sli_hours.good + excluded.good END,
      total = CASE WHEN sre_sli_hours.backfilled THEN excluded.total
        ELSE sre_sli_hours.total + excluded.total END,
      ${replaced(
        'good_slices',
        'bad_slices',
        'ratio_sum',
        'backfilled',
        'written_at',
      )}`;

const MINUTE_COLUMNS: Array<[string, JsonColumnType]> = [
  ['slo_ref', 'text'],
  ['bucket_start', 'bigint'],
  ['bucket_seconds', 'int'],
  ['good', 'bigint'],
  ['total', 'bigint'],
];

const REPLACE_MINUTE = replaced(
  'bucket_seconds',
  'good',
  'total',
  'written_at',
);

const BACKFILL_COLUMNS: Array<[string, JsonColumnType]> = [
  ...HOUR_COUNT_COLUMNS,
  ['good_slices', 'int'],
  ['bad_slices', 'int'],
  ['ratio_sum', 'double'],
];

const REPLACE_HOUR = replaced(
  'good',
  'total',
  'good_slices',
  'bad_slices',
  'ratio_sum',
  'backfilled',
  'written_at',
);

const REPLACE_RESET = replaced('written_at');

/**
 * Inserts rows bound as one JSON parameter (plus `fixed` columns, as SQL) into an
 * SLI table, updating a row with the same key by `update`.
 */
async function upsertJsonRows(
  tx: Knex.Transaction,
  sql: SqlDialect,
  options: {
    table: SliTable;
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

/** Adds each delta to its hour of an event-counting SLO (see ADD_HOUR_DELTA). */
export async function addHourDeltas(
  tx: Knex.Transaction,
  sql: SqlDialect,
  deltas: HourDelta[],
) {
  await upsertJsonRows(tx, sql, {
    table: 'sre_sli_hours',
    columns: HOUR_DELTA_COLUMNS,
    fixed: {
      good_slices: '0',
      bad_slices: '0',
      ratio_sum: '0',
      backfilled: sql.bool(false),
    },
    update: ADD_HOUR_DELTA,
    rows: deltas,
  });
}

/** Stores fine buckets, each replacing the stored one of the same start. */
export async function upsertMinutes(
  tx: Knex.Transaction,
  sql: SqlDialect,
  rows: MinuteTuple[],
  writtenAt: number,
) {
  await upsertJsonRows(tx, sql, {
    table: 'sre_sli_minutes',
    columns: MINUTE_COLUMNS,
    fixed: { written_at: String(writtenAt) },
    update: REPLACE_MINUTE,
    rows,
  });
}

/** Stores hourly buckets as their hours, replacing whatever the hour held. */
export async function upsertBackfill(
  tx: Knex.Transaction,
  sql: SqlDialect,
  rows: BackfillTuple[],
  writtenAt: number,
) {
  await upsertJsonRows(tx, sql, {
    table: 'sre_sli_hours',
    columns: BACKFILL_COLUMNS,
    fixed: { backfilled: sql.bool(true), written_at: String(writtenAt) },
    update: REPLACE_HOUR,
    rows,
  });
}

/** Replaces hours of a time-slice SLO with their rollups re-summed from minutes. */
export async function mergeHourRows(tx: Knex.Transaction, rows: HourRow[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx<HourRow>('sre_sli_hours')
      .insert(rows.slice(i, i + BATCH))
      .onConflict(['slo_ref', 'bucket_start'])
      .merge();
  }
}

/** Deletes the fine buckets of the given `[sloRef, startMs]` keys. */
export async function deleteMinutes(
  tx: Knex.Transaction,
  sql: SqlDialect,
  keys: Array<[string, number]>,
) {
  await tx.raw(
    `DELETE FROM sre_sli_minutes WHERE EXISTS (
      SELECT 1 FROM ${sql.jsonRows(BUCKET_KEY_COLUMNS)} AS d
      WHERE d.slo_ref = sre_sli_minutes.slo_ref
        AND d.bucket_start = sre_sli_minutes.bucket_start)`,
    [JSON.stringify(keys)],
  );
}

/**
 * Readers of rows written since a time cannot see a deletion: marks the SLOs whose
 * buckets were deleted, so that such readers read them again whole.
 */
export async function markResets(
  tx: Knex.Transaction,
  sql: SqlDialect,
  sloRefs: string[],
  writtenAt: number,
) {
  await upsertJsonRows(tx, sql, {
    table: 'sre_sli_resets',
    columns: [['slo_ref', 'text']],
    fixed: { written_at: String(writtenAt) },
    update: REPLACE_RESET,
    rows: sloRefs.map(ref => [ref]),
    conflict: ['slo_ref'],
  });
}
