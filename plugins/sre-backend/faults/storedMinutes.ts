/** The one-minute buckets stored by a fault run, and their sums per hour. */
import { FaultDatabase } from './faultDatabase';
import { FaultSlo } from './faultOrganisation';
import { Counts, bucketKey } from './pushLedger';

const HOUR = 3_600_000;

export type StoredMinute = Counts & {
  sloRef: string;
  startMs: number;
  seconds: number;
};

export async function readStoredMinutes(
  db: FaultDatabase,
): Promise<Map<string, StoredMinute>> {
  const rows = await db.rows<{
    slo_ref: string;
    bucket_start: string;
    bucket_seconds: number;
    good: string;
    total: string;
  }>(
    `SELECT slo_ref, bucket_start, bucket_seconds, good, total FROM sre.sre_sli_minutes`,
  );
  const result = new Map<string, StoredMinute>();
  for (const r of rows) {
    const startMs = Number(r.bucket_start);
    const key = bucketKey(r.slo_ref, startMs);
    // The primary key forbids two rows of one bucket; count them anyway.
    if (result.has(key)) throw new Error(`bucket ${key} is stored twice`);
    result.set(key, {
      sloRef: r.slo_ref,
      startMs,
      seconds: r.bucket_seconds,
      good: Number(r.good),
      total: Number(r.total),
    });
  }
  return result;
}

export type HourSums = Counts & {
  goodSlices: number;
  badSlices: number;
  ratioSum: number;
};

/** Per SLO and hour, the sums (and one-minute slice counts) of the stored minutes. */
export function hourSumsOf(
  stored: Map<string, StoredMinute>,
  slos: FaultSlo[],
): Map<string, HourSums> {
  const target = new Map(slos.map(s => [s.ref, s.sliceTarget]));
  const sums = new Map<string, HourSums>();
  for (const m of stored.values()) {
    const hour = Math.floor(m.startMs / HOUR) * HOUR;
    const key = bucketKey(m.sloRef, hour);
    let h = sums.get(key);
    if (!h) {
      h = { good: 0, total: 0, goodSlices: 0, badSlices: 0, ratioSum: 0 };
      sums.set(key, h);
    }
    h.good += m.good;
    h.total += m.total;
    const sliceTarget = target.get(m.sloRef);
    if (sliceTarget !== undefined && m.total > 0) {
      const ratio = m.good / m.total;
      if (ratio >= sliceTarget) h.goodSlices++;
      else h.badSlices++;
      h.ratioSum += ratio;
    }
  }
  return sums;
}
