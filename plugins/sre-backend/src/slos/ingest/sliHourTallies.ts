import { tallySlices } from '@sre-catalog/backstage-plugin-sre-common';
import { Knex } from 'knex';
import { SliceSpec } from '../store/SliStore';
import { HOUR, HourRow, StoredMinute } from '../store/sliTables';
import { RemovedMinute } from './sliOverlaps';
import { MinuteTuple, SlicedHours, bucketKey } from './sliTickRows';
import { HourDelta } from './sliTickWrites';

/**
 * What the tick adds to each touched hour of an event-counting SLO: the new minus
 * the replaced counts (`same`: the stored buckets of the same start; `removed`:
 * those of another size that incoming buckets overlapped). Time-slice SLOs
 * (`sliced`) re-sum their hours instead.
 */
export function hourDeltas(
  minuteRows: MinuteTuple[],
  same: Map<string, { good: number; total: number }>,
  removed: RemovedMinute[],
  sliced: SlicedHours,
  writtenAt: number,
): HourDelta[] {
  const deltas = new Map<string, HourDelta>();
  const addDelta = (
    sloRef: string,
    startMs: number,
    good: number,
    total: number,
  ) => {
    if (sliced.has(sloRef)) return;
    const hour = Math.floor(startMs / HOUR) * HOUR;
    const key = bucketKey(sloRef, hour);
    let d = deltas.get(key);
    if (!d) {
      d = [sloRef, hour, 0, 0, writtenAt];
      deltas.set(key, d);
    }
    d[2] += good;
    d[3] += total;
  };
  for (const [sloRef, startMs, , good, total] of minuteRows) {
    const prev = same.get(bucketKey(sloRef, startMs));
    addDelta(
      sloRef,
      startMs,
      good - (prev?.good ?? 0),
      total - (prev?.total ?? 0),
    );
  }
  for (const r of removed) addDelta(r.sloRef, r.startMs, -r.good, -r.total);
  return [...deltas.values()];
}

/**
 * The hourly rollups of the given hours, re-summed from their fine buckets:
 * time-slice counts need each slice's ratio.
 */
export async function slicedHourRollups(
  tx: Knex.Transaction,
  sloRef: string,
  hours: number[],
  slice: SliceSpec,
  writtenAt: number,
): Promise<HourRow[]> {
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
