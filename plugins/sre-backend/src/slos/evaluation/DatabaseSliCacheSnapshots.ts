import { Knex } from 'knex';
import {
  SliCacheSnapshotHeader,
  SliCacheSnapshotStore,
} from '../store/SliStore';

const TABLE = 'sre_sli_cache_snapshots';
/** Rows per insert: entries are some kilobytes each. */
const INSERT_BATCH = 100;

type HeaderRow = {
  taken_at: number | string;
  minutes_from: number | string;
  recent_from: number | string;
};

/**
 * Snapshots of the evaluator's rollups in `sre_sli_cache_snapshots`: one row per
 * SLO, all of one snapshot, replaced whole in one transaction.
 */
export class DatabaseSliCacheSnapshots implements SliCacheSnapshotStore {
  constructor(private readonly db: Knex) {}

  async save(
    header: SliCacheSnapshotHeader,
    entries: Iterable<[string, Buffer]>,
  ): Promise<void> {
    const common = {
      taken_at: header.takenAtMs,
      minutes_from: header.minutesFromMs,
      recent_from: header.recentFromMs,
    };
    await this.db.transaction(async tx => {
      await tx(TABLE).delete();
      let batch: object[] = [];
      for (const [sloRef, data] of entries) {
        batch.push({ slo_ref: sloRef, ...common, data });
        if (batch.length === INSERT_BATCH) {
          await tx(TABLE).insert(batch);
          batch = [];
        }
      }
      if (batch.length) await tx(TABLE).insert(batch);
    });
  }

  async header(): Promise<SliCacheSnapshotHeader | undefined> {
    const row: HeaderRow | undefined = await this.db(TABLE)
      .first('taken_at', 'minutes_from', 'recent_from')
      .orderBy('slo_ref');
    if (!row) return undefined;
    return {
      takenAtMs: Number(row.taken_at),
      minutesFromMs: Number(row.minutes_from),
      recentFromMs: Number(row.recent_from),
    };
  }

  async *entries(batchSize: number): AsyncIterable<Array<[string, Buffer]>> {
    let after: string | undefined;
    for (;;) {
      const query = this.db(TABLE)
        .select('slo_ref', 'data')
        .orderBy('slo_ref')
        .limit(batchSize);
      if (after !== undefined) query.where('slo_ref', '>', after);
      const rows: Array<{ slo_ref: string; data: Uint8Array }> = await query;
      if (!rows.length) return;
      // The drivers return Buffers (or Uint8Arrays): a view of the same bytes,
      // not a copy of 175 MB at 10,000 SLOs.
      yield rows.map(r => [
        r.slo_ref,
        Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength),
      ]);
      after = rows[rows.length - 1].slo_ref;
      if (rows.length < batchSize) return;
    }
  }
}
