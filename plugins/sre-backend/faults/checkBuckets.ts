/**
 * Exactly once and in order: every 202'd bucket stored with its last 202'd
 * counts, and nothing stored that got no 202.
 */
import { CheckResult, capped } from './checkResult';
import { Counts, PushLedger, sameCounts } from './pushLedger';
import { StoredMinute } from './storedMinutes';

const show = (c: Counts | undefined) =>
  c ? `${c.good}/${c.total}` : 'nothing';

/** Stored buckets against the ledger of pushes. */
export function checkBuckets(
  ledger: PushLedger,
  stored: Map<string, StoredMinute>,
): CheckResult & { checked: number; uncertain: number } {
  const lost: string[] = [];
  const outOfOrder: string[] = [];
  const withoutAccept: string[] = [];
  const wrong: string[] = [];
  let uncertain = 0;
  const keys = ledger.keys();
  for (const key of keys) {
    const e = ledger.expectation(key);
    const s = stored.get(key);
    const counts = s ? { good: s.good, total: s.total } : undefined;
    if (s && s.seconds !== 60) {
      wrong.push(`${key}: stored as a ${s.seconds}s bucket, pushed as 60s`);
      continue;
    }
    if (e.allowed.some(a => sameCounts(a, counts))) {
      if (e.allowed.length > 1) uncertain++;
      continue;
    }
    const line = `${key}: stored ${show(counts)}, expected ${e.allowed
      .map(show)
      .join(' or ')}`;
    if (!counts) lost.push(`${line} (a 202'd bucket is missing)`);
    else if (e.older.some(o => sameCounts(o, counts))) {
      outOfOrder.push(`${line} (an earlier 202'd push won)`);
    } else if (e.refused.some(o => sameCounts(o, counts))) {
      withoutAccept.push(`${line} (counts of a push that got no 202)`);
    } else wrong.push(line);
  }
  const known = new Set(keys);
  for (const [key, s] of stored) {
    if (!known.has(key)) {
      withoutAccept.push(
        `${key}: stored ${show(s)} but never pushed by this run`,
      );
    }
  }
  const mismatches = [
    ...capped(lost.map(l => `LOST ${l}`)),
    ...capped(outOfOrder.map(l => `OUT OF ORDER ${l}`)),
    ...capped(withoutAccept.map(l => `STORED WITHOUT 202 ${l}`)),
    ...capped(wrong.map(l => `WRONG ${l}`)),
  ];
  const total =
    lost.length + outOfOrder.length + withoutAccept.length + wrong.length;
  if (total > mismatches.length) {
    mismatches.push(`(${total} bucket mismatches in all)`);
  }
  return { mismatches, notes: [], checked: keys.length, uncertain };
}
