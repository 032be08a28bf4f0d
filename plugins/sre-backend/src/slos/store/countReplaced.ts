import { Knex } from 'knex';
import { SqlDialect } from '../../database/sqlDialect';
import { overlappedMinutesSql } from '../ingest/sliOverlaps';
import { SliTickEntry } from './SliStore';
import { BUCKET_KEY_COLUMNS } from './sliTables';

/**
 * See SliStore.countReplaced: per SLO, the applied buckets a push would replace,
 * found by the applier's own overlap rule (overlappedMinutesSql).
 */
export async function countReplaced(
  db: Knex,
  sql: SqlDialect,
  entries: SliTickEntry[],
): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  const spans: Array<[string, number, number]> = [];
  const hourly: Array<[string, number]> = [];
  for (const { sloRef, buckets } of entries) {
    for (const b of buckets) {
      spans.push([sloRef, b.startMs, b.startMs + b.seconds * 1000]);
      if (b.seconds >= 3600) hourly.push([sloRef, b.startMs]);
    }
  }
  if (!spans.length) return result;
  // Applied buckets only: see SliStore.countReplaced.
  const add = (rows: unknown[]) => {
    for (const r of rows as Array<{ slo_ref: string; n: number | string }>) {
      result.set(r.slo_ref, (result.get(r.slo_ref) ?? 0) + Number(r.n));
    }
  };
  add(
    await sql.selectRaw(
      db,
      `SELECT o.slo_ref, COUNT(*) AS n FROM (
        ${overlappedMinutesSql(sql, 'm.slo_ref, m.bucket_start')}
      ) AS o GROUP BY o.slo_ref`,
      [JSON.stringify(spans)],
    ),
  );
  if (hourly.length) {
    add(
      await sql.selectRaw(
        db,
        `SELECT h.slo_ref, COUNT(*) AS n
        FROM ${sql.jsonRows(BUCKET_KEY_COLUMNS)} AS i
        JOIN sre_sli_hours h
          ON h.slo_ref = i.slo_ref AND h.bucket_start = i.bucket_start
        GROUP BY h.slo_ref`,
        [JSON.stringify(hourly)],
      ),
    );
  }
  return result;
}
