import { SliTickEntry } from '../store/SliStore';
import { tierCut } from '../sliTiers';
import { DAY, HOUR, MIN } from '../../__testUtils__/durations';

/**
 * A push of 5 days of data per SLO, as the built-in store keeps it: hourly buckets
 * before the tier cut of `now`, 5-minute buckets from it, a little different per SLO.
 */
export function hoursThenFiveMinutes(
  refs: string[],
  now: number,
): SliTickEntry[] {
  const cut = tierCut(now);
  return refs.map((sloRef, i) => ({
    sloRef,
    buckets: [
      ...Array.from({ length: 24 * 5 }, (_, h) => ({
        startMs: Math.floor((now - 5 * DAY) / HOUR) * HOUR + h * HOUR,
        seconds: 3600,
        good: 3000 + i + (h % 7),
        total: 3600,
      })).filter(b => b.startMs < cut),
      ...Array.from({ length: 3 * 24 * 12 + 12 }, (_, k) => ({
        startMs: cut + k * 5 * MIN,
        seconds: 300,
        good: 290 + ((k + i) % 11),
        total: 300,
      })).filter(b => b.startMs < now),
    ],
  }));
}

/**
 * What is written after a cache first read hoursThenFiveMinutes: a new 5-minute
 * bucket of `refs[0]` and a late one (5 minutes into its fine tier), and an hourly
 * backfill of `refs[1]` 5 days back.
 */
export function newLateAndBackfilled(
  refs: string[],
  now: number,
): SliTickEntry[] {
  const cut = tierCut(now);
  return [
    {
      sloRef: refs[0],
      buckets: [
        { startMs: now - 5 * MIN, seconds: 300, good: 1, total: 300 },
        { startMs: cut + 10 * MIN, seconds: 300, good: 0, total: 10 },
      ],
    },
    {
      sloRef: refs[1],
      buckets: [
        {
          startMs: Math.floor((now - 5 * DAY) / HOUR) * HOUR,
          seconds: 3600,
          good: 1,
          total: 1,
        },
      ],
    },
  ];
}
