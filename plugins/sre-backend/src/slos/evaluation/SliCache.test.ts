import { TieredSliData } from '@sre-catalog/backstage-plugin-sre-common';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { SliCache } from './SliCache';
import {
  hoursThenFiveMinutes,
  newLateAndBackfilled,
} from '../__testUtils__/hoursThenFiveMinutes';
import { recentCut, tierCut } from '../sliTiers';
import { sliStoreOn } from '../__testUtils__/sliStoreOn';
import { DAY, HOUR, MIN } from '../../__testUtils__/durations';

const databases = createTestDatabases();

/** The range a cache refreshes at `t`: minutes and 5-minute sums as of its cuts. */
const rangeAt = (t: number) => ({
  minutesFromMs: tierCut(t),
  recentFromMs: recentCut(t),
});

describe.each(databases.eachSupportedId())('SliCache on %s', id => {
  it('answers the same windows as the stored series, first read and after writes', async () => {
    const store = await sliStoreOn(await databases.init(id));
    const now = Math.floor(Date.now() / HOUR) * HOUR - 5 * MIN;
    const cut = tierCut(now);
    const refs = ['slo:default/a', 'slo:default/b', 'slo:default/c'];
    await store.writeTick(hoursThenFiveMinutes(refs, now));
    const cache = new SliCache(store);
    const range = { minutesFromMs: cut, hoursFromMs: now - 6 * DAY };
    const cacheRange = rangeAt(now);
    const slosOf = (list: string[]) =>
      list.map(ref => ({ ref, hoursFromMs: now - 6 * DAY, slices: false }));
    const compare = async () => {
      const series = await store.readSeries(refs, range);
      for (const ref of refs) {
        const expected = TieredSliData.ofSeries(series.get(ref)!, cut);
        const actual = cache.dataOf(ref);
        for (const w of [
          5 * MIN,
          30 * MIN,
          HOUR,
          6 * HOUR,
          DAY,
          3 * DAY,
          4 * DAY,
        ]) {
          expect(actual.events(now - w, now)).toEqual(
            expected.events(now - w, now),
          );
        }
      }
    };
    // The evaluator applies the queue before it refreshes its cache.
    await store.applyPending();
    expect(await cache.refresh(slosOf(refs), cacheRange)).toBe('full');
    await compare();

    // New minutes, a re-sent bucket, a late bucket and an hourly backfill.
    await store.writeTick(newLateAndBackfilled(refs, now));
    await store.writeTick([
      {
        sloRef: refs[2],
        buckets: [{ startMs: now, seconds: 60, good: 7, total: 8 }],
      },
    ]);
    await store.applyPending();
    expect(await cache.refresh(slosOf(refs), cacheRange)).toBe('incremental');
    await compare();

    // Minutes that replace a stored 5-minute bucket: the deleted bucket must
    // not stay in memory next to them.
    await store.writeTick([
      {
        sloRef: refs[0],
        buckets: [
          { startMs: now - 4 * MIN, seconds: 60, good: 60, total: 60 },
          { startMs: now - 3 * MIN, seconds: 60, good: 60, total: 60 },
        ],
      },
    ]);
    await store.applyPending();
    expect(await cache.refresh(slosOf(refs), cacheRange)).toBe('incremental');
    await compare();

    // A new SLO is read whole; a removed one is forgotten.
    const more = [...refs.slice(1), 'slo:default/d'];
    await store.writeTick([
      {
        sloRef: 'slo:default/d',
        buckets: [{ startMs: now - MIN, seconds: 60, good: 1, total: 2 }],
      },
    ]);
    await store.applyPending();
    await cache.refresh(slosOf(more), cacheRange);
    expect(cache.size).toBe(3);
    expect(cache.dataOf('slo:default/d').events(now - HOUR, now)).toEqual({
      good: 1,
      total: 2,
    });
  }, 60_000);

  it('counts the time slices of an SLO that budgets by them as the stored series do', async () => {
    const store = await sliStoreOn(await databases.init(id));
    const now = Math.floor(Date.now() / HOUR) * HOUR - 5 * MIN;
    const cut = tierCut(now);
    const ref = 'slo:default/sliced';
    const slice = { sliceMs: 5 * MIN, sliceTarget: 0.97 };
    const [entry] = hoursThenFiveMinutes([ref], now);
    await store.writeTick([{ ...entry, slice }]);
    await store.applyPending();
    const cache = new SliCache(store);
    await cache.refresh(
      [{ ref, hoursFromMs: now - 6 * DAY, slices: true }],
      rangeAt(now),
    );
    const series = await store.readSeries([ref], {
      minutesFromMs: cut,
      hoursFromMs: now - 6 * DAY,
    });
    const expected = TieredSliData.ofSeries(series.get(ref)!, cut, slice);
    const actual = cache.dataOf(ref, slice);
    for (const w of [5 * MIN, HOUR, 6 * HOUR, DAY, 3 * DAY, 4 * DAY]) {
      const a = actual.slices(now - w, now);
      const b = expected.slices(now - w, now);
      expect(a.good + a.bad).toBeGreaterThan(0);
      expect({ ...a, ratioSum: 0 }).toEqual({ ...b, ratioSum: 0 });
      expect(a.ratioSum).toBeCloseTo(b.ratioSum, 9);
      expect(actual.events(now - w, now)).toEqual(
        expected.events(now - w, now),
      );
    }
  });

  it('holds minutes only for the short windows, 5-minute sums before and hours only as far back as each period needs', async () => {
    const store = await sliStoreOn(await databases.init(id));
    let now = Math.floor(Date.now() / HOUR) * HOUR - 25 * MIN;
    const first = Math.floor((now - 4 * DAY) / HOUR) * HOUR;
    // Per-minute counts for 4 days, with errors that differ minute by minute.
    const minutes = (from: number, to: number, salt: number) =>
      Array.from({ length: (to - from) / MIN }, (_, k) => ({
        startMs: from + k * MIN,
        seconds: 60,
        good: 50 + ((k * 7 + salt) % 11),
        total: 61,
      }));
    await store.writeTick([
      { sloRef: 'slo:default/month', buckets: minutes(first, now, 1) },
      { sloRef: 'slo:default/week', buckets: minutes(first, now, 2) },
    ]);
    await store.writeTick([
      {
        sloRef: 'slo:default/month',
        buckets: Array.from({ length: 20 * 24 }, (_, h) => ({
          startMs: first - (h + 1) * HOUR,
          seconds: 3600,
          good: 3000,
          total: 3600 + h,
        })),
      },
    ]);
    await store.applyPending();
    // Its clock is the writers' (written_at); the evaluation time moves alone.
    const cache = new SliCache(store);
    const slos = [
      { ref: 'slo:default/month', hoursFromMs: now - 30 * DAY, slices: false },
      { ref: 'slo:default/week', hoursFromMs: now - 2 * DAY, slices: false },
    ];
    const compare = async () => {
      const cut = tierCut(now);
      for (const { ref, hoursFromMs } of slos) {
        const series = await store.readSeries([ref], {
          minutesFromMs: cut,
          hoursFromMs,
        });
        const expected = TieredSliData.ofSeries(series.get(ref)!, cut);
        const actual = cache.dataOf(ref);
        // Windows of the evaluator (5m to 3d, starting on 5-minute boundaries
        // here) and the steps of incident detection.
        const aligned = now - (now % (5 * MIN));
        for (const from of [
          now - 5 * MIN,
          now - 2 * HOUR,
          now - 6 * HOUR,
          aligned - DAY,
          aligned - 3 * DAY,
          cut - 5 * HOUR,
          first,
        ]) {
          expect(actual.events(from, now)).toEqual(expected.events(from, now));
        }
        for (let t = cut; t + 5 * MIN <= now; t += 5 * MIN) {
          expect(actual.events(t, t + 5 * MIN)).toEqual(
            expected.events(t, t + 5 * MIN),
          );
        }
      }
    };
    await cache.refresh(slos, rangeAt(now));
    await compare();
    const held = cache.held('slo:default/month')!;
    expect(held.minutes).toBe((now - recentCut(now)) / MIN);
    expect(held.fiveMinutes).toBe((recentCut(now) - tierCut(now)) / (5 * MIN));
    expect(cache.held('slo:default/week')!.hours).toBeLessThan(
      held.hours - 20 * 24,
    );

    // Two hours later, with new minutes and a late minute from 10 hours ago:
    // minutes that left the recent range become 5-minute sums, the late one
    // is read.
    now += 2 * HOUR;
    await store.writeTick([
      { sloRef: 'slo:default/month', buckets: minutes(now - 2 * HOUR, now, 3) },
      {
        sloRef: 'slo:default/week',
        buckets: [
          ...minutes(now - 2 * HOUR, now, 4),
          { startMs: now - 10 * HOUR, seconds: 60, good: 0, total: 500 },
        ],
      },
    ]);
    await store.applyPending();
    expect(await cache.refresh(slos, rangeAt(now))).toBe('incremental');
    await compare();
    expect(cache.held('slo:default/month')!.minutes).toBe(
      (now - recentCut(now)) / MIN,
    );
  }, 60_000);
  it('reads the hours the tier cut passes once, without reading the SLOs whole', async () => {
    const store = await sliStoreOn(await databases.init(id));
    let now = Math.floor(Date.now() / HOUR) * HOUR - 5 * MIN;
    const refs = ['slo:default/a', 'slo:default/b'];
    await store.writeTick(hoursThenFiveMinutes(refs, now));
    await store.applyPending();
    const slos = refs.map(ref => ({
      ref,
      hoursFromMs: now - 6 * DAY,
      slices: false,
    }));
    // The clock of the cache and the writers moves past the refresh overlap, so
    // that the incremental read sees only what is written next; the evaluation
    // time moves alone.
    const later = Date.now() + 2 * MIN;
    const started = performance.now();
    jest
      .spyOn(Date, 'now')
      .mockImplementation(
        () => later + Math.floor(performance.now() - started),
      );
    const cache = new SliCache(store);
    expect(await cache.refresh(slos, rangeAt(now))).toBe('full');
    const reads = jest.spyOn(store, 'readFlat');

    // Two hours on, with a new bucket each: the cut passes two hours, whose
    // rollups the incremental read does not see.
    const cutBefore = tierCut(now);
    now += 2 * HOUR;
    expect(tierCut(now)).toBe(cutBefore + 2 * HOUR);
    await store.writeTick(
      refs.map((sloRef, i) => ({
        sloRef,
        buckets: [{ startMs: now - MIN, seconds: 60, good: i, total: 9 }],
      })),
    );
    await store.applyPending();
    expect(await cache.refresh(slos, rangeAt(now))).toBe('incremental');
    expect(
      reads.mock.calls.map(([q]) => q.minutesFromMs !== undefined),
    ).toEqual([true, false]);
    const cut = tierCut(now);
    const series = await store.readSeries(refs, {
      minutesFromMs: cut,
      hoursFromMs: now - 6 * DAY,
    });
    for (const ref of refs) {
      const expected = TieredSliData.ofSeries(series.get(ref)!, cut);
      for (const from of [cut - HOUR, cut - 2 * HOUR, now - 4 * DAY]) {
        expect(cache.dataOf(ref).events(from, now)).toEqual(
          expected.events(from, now),
        );
      }
    }
    jest.restoreAllMocks();
  }, 60_000);
});
