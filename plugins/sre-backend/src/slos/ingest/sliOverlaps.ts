import { Knex } from 'knex';
import { SqlDialect } from '../../database/sqlDialect';
import { BUCKET_SPAN_COLUMNS, HOUR, StoredMinute } from '../store/sliTables';
import { BucketSpan, bucketKey } from './sliTickRows';
import { deleteMinutes, markResets } from './sliTickWrites';

/** A stored fine bucket that an incoming one replaced, with its old counts. */
export type RemovedMinute = {
  sloRef: string;
  startMs: number;
  seconds: number;
  good: number;
  total: number;
};

/**
 * A SELECT of `columns` (of `m`, a stored minute) over every stored fine bucket that
 * overlaps one of the spans bound as its one parameter (BUCKET_SPAN_COLUMNS).
 * Stored fine buckets never overlap each other and last at most an hour, so one
 * that overlaps an incoming bucket starts less than an hour before it.
 */
export function overlappedMinutesSql(sql: SqlDialect, columns: string): string {
  return `SELECT DISTINCT ${columns}
    FROM ${sql.jsonRows(BUCKET_SPAN_COLUMNS)} AS i
    JOIN sre_sli_minutes m
      ON m.slo_ref = i.slo_ref
      AND m.bucket_start < i.bucket_end
      AND m.bucket_start >= i.bucket_start - ${HOUR}
      AND m.bucket_start + m.bucket_seconds * 1000 > i.bucket_start`;
}

/**
 * Looks, in one query, at the last stored bucket that starts before each incoming
 * one ends. Stored buckets never overlap each other, so that one alone tells: it
 * is the same bucket (returned in `same` by bucketKey with its old counts, to be
 * replaced), it reaches into the incoming bucket (a clash), or it ends before it.
 * Buckets are at most an hour long, so an overlapping one starts less than an
 * hour before.
 */
export async function storedOverlaps(
  tx: Knex.Transaction,
  sql: SqlDialect,
  incoming: BucketSpan[],
) {
  const rows = (await sql.selectRaw(
    tx,
    `SELECT i.slo_ref, i.bucket_start AS in_start, i.bucket_end AS in_end,
      m.bucket_start, m.bucket_seconds, m.good, m.total
    FROM ${sql.jsonRows(BUCKET_SPAN_COLUMNS)} AS i
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
  const clashing: BucketSpan[] = [];
  for (const r of rows) {
    const startMs = Number(r.in_start);
    const endMs = Number(r.in_end);
    const storedMs = Number(r.bucket_start);
    if (storedMs === startMs && storedMs + r.bucket_seconds * 1000 === endMs) {
      same.set(bucketKey(r.slo_ref, startMs), {
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
export async function removeOverlapped(
  tx: Knex.Transaction,
  sql: SqlDialect,
  clashing: BucketSpan[],
  writtenAt: number,
): Promise<RemovedMinute[]> {
  const rows = (await sql.selectRaw(
    tx,
    overlappedMinutesSql(
      sql,
      'm.slo_ref, m.bucket_start, m.bucket_seconds, m.good, m.total',
    ),
    [JSON.stringify(clashing)],
  )) as StoredMinute[];
  const removed = rows.map(r => ({
    sloRef: r.slo_ref,
    startMs: Number(r.bucket_start),
    seconds: r.bucket_seconds,
    good: Number(r.good),
    total: Number(r.total),
  }));
  await deleteMinutes(
    tx,
    sql,
    removed.map(r => [r.sloRef, r.startMs]),
  );
  await markResets(
    tx,
    sql,
    [...new Set(removed.map(r => r.sloRef))],
    writtenAt,
  );
  return removed;
}
