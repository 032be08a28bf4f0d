import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseSliStore } from './DatabaseSliStore';
import { PrefixColumns, SliCache } from './SliCache';
import { TieredSliData } from './TieredSliData';
import { tierCut } from './SloEvaluator';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('PrefixColumns', () => {
  it('keeps range sums right through appends, replacements, inserts and drops', () => {
    const p = new PrefixColumns(2, 2);
    const naive = new Map<number, [number, number]>();
    const put = (start: number, a: number, b: number) => {
      p.upsert([start, a, b], 0);
      naive.set(start, [a, b]);
    };
    const check = () => {
      const starts = [...naive.keys()].sort((x, y) => x - y);
      expect(Array.from(p.starts.subarray(0, p.n))).toEqual(starts);
      for (const from of [0, 3, 5, 8, 100]) {
        for (const to of [4, 9, 20, 1000]) {
          const a = p.lowerBound(from);
          const b = Math.max(a, p.lowerBound(to));
          let x = 0;
          let y = 0;
          for (const s of starts) {
            if (s >= from && s < Math.max(from, to)) {
              x += naive.get(s)![0];
              y += naive.get(s)![1];
            }
          }
          expect([p.sum(0, a, b), p.sum(1, a, b)]).toEqual([x, y]);
        }
      }
    };
    for (const s of [1, 2, 4, 8, 10, 12]) put(s, s, 2 * s);
    check();
    put(4, 40, 41);
    put(3, 30, 31);
    put(0, 5, 5);
    put(50, 1, 1);
    check();
    p.dropBefore(4);
    for (const s of [...naive.keys()]) if (s < 4) naive.delete(s);
    check();
  });
});

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('SliCache on %s', id => {
  it('answers the same windows as the stored series, first read and after writes', async () => {
    const knex = await databases.init(id);
    const store = await DatabaseSliStore.create({
      database: mockServices.database({ knex }),
    });
    const now = Math.floor(Date.now() / HOUR) * HOUR - 5 * MIN;
    const cut = tierCut(now);
    const refs = ['slo:default/a', 'slo:default/b', 'slo:default/c'];
    await store.writeTick(
      refs.map((sloRef, i) => ({
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
      })),
    );
    const cache = new SliCache(store);
    const range = { minutesFromMs: cut, hoursFromMs: now - 6 * DAY };
    const compare = async () => {
      const series = await store.readSeries(refs, range);
      for (const ref of refs) {
        const expected = new TieredSliData(series.get(ref)!, cut);
        const actual = cache.dataOf(ref, cut);
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
    expect(await cache.refresh(refs, range)).toBe('full');
    await compare();

    // New minutes, a re-sent bucket, a late bucket and an hourly backfill.
    await store.writeTick([
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
    ]);
    await store.writeTick([
      {
        sloRef: refs[2],
        buckets: [{ startMs: now, seconds: 60, good: 7, total: 8 }],
      },
    ]);
    await store.applyPending();
    expect(await cache.refresh(refs, range)).toBe('incremental');
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
    expect(await cache.refresh(refs, range)).toBe('incremental');
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
    await cache.refresh(more, range);
    expect(cache.size).toBe(3);
    expect(cache.dataOf('slo:default/d', cut).events(now - HOUR, now)).toEqual({
      good: 1,
      total: 2,
    });
  });
});
