import { Knex } from 'knex';
import { SliTickEntry } from '../store/SliStore';
import { SqlDialect } from '../../database/sqlDialect';
import { hourDeltas, slicedHourRollups } from './sliHourTallies';
import { removeOverlapped, storedOverlaps } from './sliOverlaps';
import { tickRows } from './sliTickRows';
import {
  addHourDeltas,
  mergeHourRows,
  upsertBackfill,
  upsertMinutes,
} from './sliTickWrites';

/** What applying one tick did to stored data. */
export type AppliedTick = {
  buckets: number;
  /** Stored buckets of another size that incoming ones overlapped, now deleted. */
  replaced: Array<{ sloRef: string; startMs: number; seconds: number }>;
};

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
  const { minuteRows, backfill, incoming, sliced } = tickRows(entries);
  if (!incoming.length) return { buckets: 0, replaced: [] };

  const { same, clashing } = await storedOverlaps(tx, sql, incoming);
  const removed = clashing.length
    ? await removeOverlapped(tx, sql, clashing, writtenAt)
    : [];

  // Each touched hour of an event-counting SLO changes by the new minus the
  // replaced counts.
  await addHourDeltas(
    tx,
    sql,
    hourDeltas(minuteRows, same, removed, sliced, writtenAt),
  );
  await upsertMinutes(tx, sql, minuteRows, writtenAt);
  // After the deltas: an hourly bucket replaces whatever the hour held.
  await upsertBackfill(tx, sql, backfill, writtenAt);
  for (const [sloRef, { hours, slice }] of sliced) {
    await mergeHourRows(
      tx,
      await slicedHourRollups(tx, sloRef, [...hours], slice, writtenAt),
    );
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
