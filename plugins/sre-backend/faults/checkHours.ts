/** Hourly rollups equal the sums of their stored minutes. */
import { CheckResult, capped } from './checkResult';
import { FaultDatabase } from './faultDatabase';
import { bucketKey } from './pushLedger';
import { HourSums } from './storedMinutes';

/** Hourly rollups against the sums of their stored minutes. */
export async function checkHours(
  db: FaultDatabase,
  expected: Map<string, HourSums>,
): Promise<CheckResult & { checked: number }> {
  const rows = await db.rows<{
    slo_ref: string;
    bucket_start: string;
    good: string;
    total: string;
    good_slices: number;
    bad_slices: number;
    ratio_sum: number;
    backfilled: boolean;
  }>(
    `SELECT slo_ref, bucket_start, good, total, good_slices, bad_slices, ratio_sum, backfilled
     FROM sre.sre_sli_hours`,
  );
  const mismatches: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const key = bucketKey(r.slo_ref, Number(r.bucket_start));
    seen.add(key);
    const e = expected.get(key);
    if (!e) {
      mismatches.push(`ROLLUP ${key}: an hour without stored minutes`);
      continue;
    }
    const got = `${r.good}/${r.total} slices ${r.good_slices}+${r.bad_slices} ratioSum ${r.ratio_sum}`;
    const want = `${e.good}/${e.total} slices ${e.goodSlices}+${e.badSlices} ratioSum ${e.ratioSum}`;
    if (
      Number(r.good) !== e.good ||
      Number(r.total) !== e.total ||
      r.good_slices !== e.goodSlices ||
      r.bad_slices !== e.badSlices ||
      Math.abs(r.ratio_sum - e.ratioSum) > 1e-9 ||
      r.backfilled
    ) {
      mismatches.push(
        `ROLLUP ${key}: stored ${got}${
          r.backfilled ? ' (backfilled)' : ''
        }, its minutes sum to ${want}`,
      );
    }
  }
  for (const key of expected.keys()) {
    if (!seen.has(key))
      mismatches.push(`ROLLUP ${key}: no rollup for stored minutes`);
  }
  return { mismatches: capped(mismatches), notes: [], checked: rows.length };
}
