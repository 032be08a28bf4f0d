import { TestDatabaseId } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseSliStore } from './DatabaseSliStore';
import { SliBucketInput, SliTickEntry, SliceSpec } from './SliStore';
import { sliStoreOn } from '../__testUtils__/sliStoreOn';
import { HOUR, MIN } from '../../__testUtils__/durations';

const T0 = Date.UTC(2026, 10, 22, 10, 0);
const REF = 'slo:default/checkout-availability';

const databases = createTestDatabases();

/** A store on a fresh database of `id`, and the database. */
async function createStore(id: TestDatabaseId) {
  const knex = await databases.init(id);
  return { knex, store: await sliStoreOn(knex) };
}

/** The whole stored series of REF. */
const seriesOfRef = async (store: DatabaseSliStore) =>
  (await store.readSeries([REF], { minutesFromMs: 0, hoursFromMs: 0 })).get(
    REF,
  )!;

describe.each(databases.eachSupportedId())('DatabaseSliStore on %s', id => {
  /** One push of one SLO, as the single-SLO API sends it. */
  const push = (
    store: DatabaseSliStore,
    sloRef: string,
    buckets: SliBucketInput[],
    slice?: SliceSpec,
  ) => store.writeTick([{ sloRef, buckets, slice }]);
  /** What the evaluator's run does first: reads see only what is applied. */
  const applied = async (store: DatabaseSliStore) => {
    await store.applyPending();
    return store;
  };

  it('stores buckets, rolls them up per hour and reads both tiers', async () => {
    const { store } = await createStore(id);
    await push(store, REF, [
      { startMs: T0, seconds: 60, good: 90, total: 100 },
      { startMs: T0 + MIN, seconds: 60, good: 100, total: 100 },
      { startMs: T0 + HOUR, seconds: 60, good: 5, total: 10 },
    ]);
    const series = await (
      await applied(store)
    ).readSeries([REF, 'slo:default/other'], {
      minutesFromMs: 0,
      hoursFromMs: 0,
    });
    expect(series.get(REF)!.minutes).toEqual([
      { startMs: T0, good: 90, total: 100 },
      { startMs: T0 + MIN, good: 100, total: 100 },
      { startMs: T0 + HOUR, good: 5, total: 10 },
    ]);
    expect(series.get(REF)!.hours).toEqual([
      expect.objectContaining({ startMs: T0, good: 190, total: 200 }),
      expect.objectContaining({ startMs: T0 + HOUR, good: 5, total: 10 }),
    ]);
    expect(series.get('slo:default/other')).toEqual({ minutes: [], hours: [] });
  });

  it('replaces a re-sent bucket instead of adding it twice', async () => {
    const { store } = await createStore(id);
    const bucket = { startMs: T0, seconds: 60, good: 90, total: 100 };
    await push(store, REF, [bucket]);
    await push(store, REF, [bucket]);
    await push(store, REF, [{ ...bucket, good: 99 }]);
    const { hours } = await seriesOfRef(await applied(store));
    expect(hours).toEqual([
      expect.objectContaining({ startMs: T0, good: 99, total: 100 }),
    ]);
  });

  it('counts time slices per hour with the SLO slice target', async () => {
    const { store } = await createStore(id);
    await push(
      store,
      REF,
      [
        { startMs: T0, seconds: 60, good: 100, total: 100 },
        { startMs: T0 + MIN, seconds: 60, good: 50, total: 100 },
      ],
      { sliceMs: MIN, sliceTarget: 0.99 },
    );
    const { hours } = await seriesOfRef(await applied(store));
    expect(hours[0]).toMatchObject({
      goodSlices: 1,
      badSlices: 1,
      ratioSum: 1.5,
    });
  });

  it('takes hourly backfill as the rollup itself', async () => {
    const { store } = await createStore(id);
    await push(store, REF, [
      { startMs: T0 - 48 * HOUR, seconds: 3600, good: 3590, total: 3600 },
    ]);
    const { minutes, hours } = await seriesOfRef(await applied(store));
    expect(minutes).toEqual([]);
    expect(hours).toEqual([
      expect.objectContaining({ startMs: T0 - 48 * HOUR, good: 3590 }),
    ]);
  });

  it('queues a push as one row that reads do not apply; the applier does', async () => {
    const { knex, store } = await createStore(id);
    await push(store, REF, [
      { startMs: T0, seconds: 60, good: 1, total: 2 },
      { startMs: T0 + MIN, seconds: 60, good: 2, total: 2 },
    ]);
    expect(await knex('sre_sli_pending').select('buckets')).toEqual([
      { buckets: 2 },
    ]);
    const range = { minutesFromMs: 0, hoursFromMs: 0 };
    // Reads, prune and countReplaced leave the backlog to the evaluator's run.
    expect((await store.readSeries([REF], range)).get(REF)).toEqual({
      minutes: [],
      hours: [],
    });
    expect((await store.readFlat(range)).minutes.size).toBe(0);
    await store.prune({ minutesBeforeMs: 0, hoursBeforeMs: 0 });
    await store.countReplaced([
      {
        sloRef: REF,
        buckets: [{ startMs: T0, seconds: 60, good: 1, total: 1 }],
      },
    ]);
    expect(await knex('sre_sli_pending').select('buckets')).toEqual([
      { buckets: 2 },
    ]);
    expect(await store.applyPending()).toEqual({
      pushes: 1,
      buckets: 2,
      replaced: 0,
      deadLettered: 0,
    });
    expect(
      (await store.readSeries([REF], range)).get(REF)!.minutes,
    ).toHaveLength(2);
    expect(await knex('sre_sli_pending').select()).toEqual([]);
    expect(await store.applyPending()).toEqual({
      pushes: 0,
      buckets: 0,
      replaced: 0,
      deadLettered: 0,
    });
  });

  it('replaces stored buckets of another size that a pushed bucket overlaps', async () => {
    const { store } = await createStore(id);
    await push(store, REF, [{ startMs: T0, seconds: 300, good: 5, total: 10 }]);
    await push(store, REF, [
      { startMs: T0 - MIN, seconds: 60, good: 1, total: 2 },
      { startMs: T0 + MIN, seconds: 60, good: 3, total: 4 },
    ]);
    expect(await store.applyPending()).toEqual({
      pushes: 2,
      buckets: 3,
      replaced: 1,
      deadLettered: 0,
    });
    const { minutes, hours } = await seriesOfRef(store);
    expect(minutes).toEqual([
      { startMs: T0 - MIN, good: 1, total: 2 },
      { startMs: T0 + MIN, good: 3, total: 4 },
    ]);
    expect(hours).toEqual([
      expect.objectContaining({ startMs: T0 - HOUR, good: 1, total: 2 }),
      expect.objectContaining({ startMs: T0, good: 3, total: 4 }),
    ]);
  });

  it('replaces the minutes of an hour with an hourly bucket sent later', async () => {
    const { store } = await createStore(id);
    const slice = { sliceMs: MIN, sliceTarget: 0.9 };
    await push(
      store,
      REF,
      [
        { startMs: T0, seconds: 60, good: 1, total: 2 },
        { startMs: T0 + 30 * MIN, seconds: 60, good: 2, total: 2 },
      ],
      slice,
    );
    await push(
      store,
      REF,
      [{ startMs: T0, seconds: 3600, good: 3000, total: 3600 }],
      slice,
    );
    const { minutes, hours } = await seriesOfRef(await applied(store));
    expect(minutes).toEqual([]);
    expect(hours).toEqual([
      {
        startMs: T0,
        good: 3000,
        total: 3600,
        goodSlices: 0,
        badSlices: 60,
        ratioSum: 50,
      },
    ]);
  });

  it('applies each push once when two replicas apply at the same time', async () => {
    const { knex, store } = await createStore(id);
    const other = await sliStoreOn(knex);
    // The same minute re-sent 30 times with growing counts, over two pushers.
    for (let i = 1; i <= 30; i++) {
      await (i % 2 ? store : other).writeTick([
        {
          sloRef: REF,
          buckets: [{ startMs: T0, seconds: 60, good: i, total: 100 }],
        },
        {
          sloRef: 'slo:default/other',
          buckets: [{ startMs: T0 + i * MIN, seconds: 60, good: 1, total: 1 }],
        },
      ]);
    }
    const [a, b] = await Promise.all([
      store.applyPending(),
      other.applyPending(),
    ]);
    expect(a.pushes + b.pushes).toBe(30);
    const series = await store.readSeries([REF, 'slo:default/other'], {
      minutesFromMs: 0,
      hoursFromMs: 0,
    });
    expect(series.get(REF)!.hours).toEqual([
      expect.objectContaining({ startMs: T0, good: 30, total: 100 }),
    ]);
    expect(series.get('slo:default/other')!.hours).toEqual([
      expect.objectContaining({ startMs: T0, good: 30, total: 30 }),
    ]);
  });

  it('prunes old data per tier', async () => {
    const { store } = await createStore(id);
    await push(store, REF, [
      { startMs: T0, seconds: 60, good: 1, total: 1 },
      { startMs: T0 + 2 * HOUR, seconds: 60, good: 1, total: 1 },
    ]);
    await store.applyPending();
    await store.prune({ minutesBeforeMs: T0 + HOUR, hoursBeforeMs: T0 });
    const series = await seriesOfRef(store);
    expect(series.minutes).toEqual([
      { startMs: T0 + 2 * HOUR, good: 1, total: 1 },
    ]);
    expect(series.hours).toHaveLength(2);
  });
  describe('writeTick', () => {
    const A = 'slo:default/a';
    const B = 'slo:default/b';
    const C = 'slo:default/c';
    const slice = { sliceMs: 5 * MIN, sliceTarget: 0.95 };
    /** Three ticks of three SLOs: minutes, a 5-minute SLO with slices, backfill. */
    const ticks = [
      [
        {
          sloRef: A,
          buckets: [
            { startMs: T0 - HOUR + 59 * MIN, seconds: 60, good: 7, total: 9 },
            { startMs: T0, seconds: 60, good: 90, total: 100 },
          ],
        },
        {
          sloRef: B,
          slice,
          buckets: [
            { startMs: T0, seconds: 300, good: 100, total: 100 },
            { startMs: T0 + 5 * MIN, seconds: 300, good: 80, total: 100 },
          ],
        },
        {
          sloRef: C,
          slice,
          buckets: [
            { startMs: T0 - 48 * HOUR, seconds: 3600, good: 3590, total: 3600 },
            { startMs: T0, seconds: 60, good: 1, total: 2 },
          ],
        },
      ],
      [
        {
          sloRef: A,
          buckets: [{ startMs: T0 + MIN, seconds: 60, good: 50, total: 50 }],
        },
        {
          sloRef: B,
          slice,
          buckets: [{ startMs: T0 + HOUR, seconds: 300, good: 3, total: 4 }],
        },
      ],
      [
        // A re-sent bucket replaces the stored one.
        {
          sloRef: A,
          buckets: [{ startMs: T0, seconds: 60, good: 99, total: 100 }],
        },
        {
          sloRef: C,
          slice,
          buckets: [{ startMs: T0 + MIN, seconds: 60, good: 2, total: 2 }],
        },
      ],
    ];
    const read = async (store: DatabaseSliStore) =>
      (await applied(store)).readSeries([A, B, C], {
        minutesFromMs: 0,
        hoursFromMs: 0,
      });

    /** One push per SLO, each applied at once: what `tick` must equal. */
    const pushEach = async (
      store: DatabaseSliStore,
      entries: SliTickEntry[],
    ) => {
      for (const e of entries) {
        await store.writeTick([e]);
        await store.applyPending();
      }
    };

    /**
     * `sequence` written as ticks on one store and push by push on another: what
     * each stored, read back, for the test to compare.
     */
    const storedBothWays = async (sequence: SliTickEntry[][]) => {
      const one = (await createStore(id)).store;
      const tick = (await createStore(id)).store;
      for (const entries of sequence) {
        await tick.writeTick(entries);
        await pushEach(one, entries);
      }
      return { byTick: await read(tick), byPush: await read(one) };
    };

    it('stores the same minutes and rollups as one push per SLO', async () => {
      const { byTick, byPush: expected } = await storedBothWays(ticks);
      expect(byTick).toEqual(expected);
      expect(expected.get(A)!.hours).toEqual([
        {
          startMs: T0 - HOUR,
          good: 7,
          total: 9,
          goodSlices: 0,
          badSlices: 0,
          ratioSum: 0,
        },
        {
          startMs: T0,
          good: 149,
          total: 150,
          goodSlices: 0,
          badSlices: 0,
          ratioSum: 0,
        },
      ]);
      expect(expected.get(B)!.hours[0]).toMatchObject({
        good: 180,
        total: 200,
        goodSlices: 1,
        badSlices: 1,
      });
      expect(expected.get(C)!.hours).toHaveLength(2);
    });

    it('stores the same as one push per SLO for many SLOs at once', async () => {
      const one = (await createStore(id)).store;
      const tick = (await createStore(id)).store;
      const refs = Array.from({ length: 3000 }, (_, i) => `slo:default/s${i}`);
      const entries = refs.map((sloRef, i) => ({
        sloRef,
        buckets: [
          { startMs: T0 + (i % 90) * MIN, seconds: 60, good: i, total: i + 1 },
        ],
      }));
      await tick.writeTick(entries);
      await tick.writeTick(entries.slice(0, 10));
      await tick.applyPending();
      await pushEach(one, entries.slice(0, 50));
      const range = { minutesFromMs: 0, hoursFromMs: 0 };
      const some = refs.slice(0, 50);
      expect(await tick.readSeries(some, range)).toEqual(
        await one.readSeries(some, range),
      );
      const all = await tick.readSeries(refs, range);
      expect(all.get(refs[2999])!.hours).toEqual([
        expect.objectContaining({ startMs: T0, good: 2999, total: 3000 }),
      ]);
      // 3,000 SLOs on a machine shared with other test runs.
    }, 20_000);

    it('updates hourly sums by the delta of re-sent and new buckets', async () => {
      const minute = (m: number, good: number, total = 100) => ({
        startMs: T0 + m * MIN,
        seconds: 60,
        good,
        total,
      });
      const sequence = [
        [{ sloRef: A, buckets: [minute(0, 90), minute(1, 95)] }],
        [{ sloRef: A, buckets: [minute(2, 80)] }],
        // Re-sent with other counts, re-sent unchanged, and a new minute.
        [
          {
            sloRef: A,
            buckets: [minute(1, 10, 20), minute(2, 80), minute(3, 1)],
          },
        ],
        [{ sloRef: A, buckets: [minute(0, 0, 0), minute(60, 7, 7)] }],
      ];
      const { byTick, byPush: expected } = await storedBothWays(sequence);
      expect(byTick).toEqual(expected);
      expect(expected.get(A)!.hours).toEqual([
        expect.objectContaining({ startMs: T0, good: 91, total: 220 }),
        expect.objectContaining({ startMs: T0 + HOUR, good: 7, total: 7 }),
      ]);
    });

    it('replaces an hourly backfill with the minutes sent for its hour', async () => {
      const sequence = [
        [
          {
            sloRef: A,
            buckets: [{ startMs: T0, seconds: 3600, good: 3000, total: 3600 }],
          },
        ],
        [
          {
            sloRef: A,
            buckets: [{ startMs: T0 + MIN, seconds: 60, good: 5, total: 6 }],
          },
        ],
        [
          {
            sloRef: A,
            buckets: [
              { startMs: T0 + 2 * MIN, seconds: 60, good: 1, total: 1 },
            ],
          },
        ],
      ];
      const { byTick, byPush: expected } = await storedBothWays(sequence);
      expect(byTick).toEqual(expected);
      expect(expected.get(A)!.hours).toEqual([
        expect.objectContaining({ startMs: T0, good: 6, total: 7 }),
      ]);
    });

    it('accepts nothing of a tick with overlapping buckets or a repeated SLO', async () => {
      const { knex, store } = await createStore(id);
      const ok = { sloRef: A, buckets: [ticks[0][0].buckets[1]] };
      await expect(
        store.writeTick([
          ok,
          {
            sloRef: C,
            buckets: [
              { startMs: T0, seconds: 300, good: 1, total: 1 },
              { startMs: T0 + MIN, seconds: 60, good: 1, total: 1 },
            ],
          },
        ]),
      ).rejects.toThrow(
        'slo:default/c: bucket 2026-11-22T10:01:00.000Z overlaps bucket 2026-11-22T10:00:00.000Z of the same request',
      );
      await expect(store.writeTick([ok, ok])).rejects.toThrow(
        'SLO slo:default/a appears more than once in a tick',
      );
      expect(await knex('sre_sli_pending').select()).toEqual([]);
      const series = await read(store);
      expect(series.get(A)).toEqual({ minutes: [], hours: [] });
      expect(series.get(C)).toEqual({ minutes: [], hours: [] });
    });
  });
});

describe.each(databases.eachSupportedId())('migrations on %s', id => {
  it('marks stored hours without minutes as backfill', async () => {
    const knex = await databases.init(id);
    const directory = `${__dirname}/../../../migrations`;
    await knex.migrate.up({
      directory,
      name: '20261122100000_slo_data.js',
    });
    const hour = (slo_ref: string) => ({
      slo_ref,
      bucket_start: T0,
      good: 1,
      total: 2,
    });
    await knex('sre_sli_hours').insert([hour('slo:default/a'), hour(REF)]);
    await knex('sre_sli_minutes').insert({
      ...hour(REF),
      bucket_start: T0 + MIN,
      bucket_seconds: 60,
    });
    await knex.migrate.latest({ directory });
    const rows = await knex('sre_sli_hours')
      .orderBy('slo_ref')
      .select('slo_ref', 'backfilled', 'written_at');
    expect(
      rows.map(r => [r.slo_ref, Boolean(r.backfilled), Number(r.written_at)]),
    ).toEqual([
      ['slo:default/a', true, 0],
      [REF, false, 0],
    ]);
  });

  it('go up and down cleanly', async () => {
    const knex = await databases.init(id);
    await sliStoreOn(knex);
    expect(await knex.schema.hasTable('sre_sli_minutes')).toBe(true);
    await knex.migrate.rollback(
      { directory: `${__dirname}/../../../migrations` },
      true,
    );
    expect(await knex.schema.hasTable('sre_sli_minutes')).toBe(false);
    expect(await knex.schema.hasTable('sre_slo_status')).toBe(false);
  });
});

describe.each(databases.eachSupportedId())(
  'DatabaseSliStore pushes and backfills on %s',
  id => {
    const minutesFrom = (startMs: number, count: number, seconds = 60) =>
      Array.from({ length: count }, (_, i) => ({
        startMs: startMs + i * seconds * 1000,
        seconds,
        good: 1,
        total: 1,
      }));

    it('keeps the principal of each pending push', async () => {
      const { knex, store } = await createStore(id);
      await store.writeTick([{ sloRef: REF, buckets: minutesFrom(T0, 1) }], {
        pushedBy: 'user:default/priya',
      });
      await store.writeTick([{ sloRef: REF, buckets: minutesFrom(T0, 1) }]);
      expect(
        await knex('sre_sli_pending').orderBy('id').select('pushed_by'),
      ).toEqual([{ pushed_by: 'user:default/priya' }, { pushed_by: null }]);
    });

    it('adds and drops the pushed_by column', async () => {
      const { knex } = await createStore(id);
      const directory = `${__dirname}/../../../migrations`;
      const name = '20261202110000_sli_pending_pushed_by.js';
      expect(await knex.schema.hasColumn('sre_sli_pending', 'pushed_by')).toBe(
        true,
      );
      await knex.migrate.down({ directory, name });
      expect(await knex.schema.hasColumn('sre_sli_pending', 'pushed_by')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('sre_sli_pending')).toBe(true);
      await knex.migrate.up({ directory, name });
      expect(await knex.schema.hasColumn('sre_sli_pending', 'pushed_by')).toBe(
        true,
      );
    });

    it('counts the applied buckets a push would replace, not the pending ones', async () => {
      const { store } = await createStore(id);
      const other = 'slo:default/other';
      await store.writeTick([
        { sloRef: REF, buckets: minutesFrom(T0, 90) },
        { sloRef: other, buckets: minutesFrom(T0, 3) },
      ]);
      const count = () =>
        store.countReplaced([
          // 30 of its minutes, then 30 new ones.
          { sloRef: REF, buckets: minutesFrom(T0 + 60 * MIN, 60) },
          // 5-minute buckets over 3 stored minutes and 2 empty ones.
          { sloRef: other, buckets: minutesFrom(T0, 1, 300) },
          { sloRef: 'slo:default/new', buckets: minutesFrom(T0, 10) },
        ]);
      // Still pending: not counted, and left pending.
      expect(Object.fromEntries(await count())).toEqual({});
      await store.applyPending();
      expect(Object.fromEntries(await count())).toEqual({
        [REF]: 30,
        [other]: 3,
      });
    });

    it('counts an hourly bucket as its stored hour and the minutes it covers', async () => {
      const { store } = await createStore(id);
      const old = T0 - 10 * 24 * HOUR;
      await store.writeTick([
        { sloRef: REF, buckets: minutesFrom(old, 2, 3600) },
      ]);
      await store.writeTick([{ sloRef: REF, buckets: minutesFrom(T0, 60) }]);
      await store.applyPending();
      const counts = await store.countReplaced([
        {
          sloRef: REF,
          buckets: [
            ...minutesFrom(old, 3, 3600),
            { startMs: T0, seconds: 3600, good: 1, total: 1 },
          ],
        },
      ]);
      // Two backfilled hours, and the hour at T0: its 60 minutes and its rollup.
      expect(counts.get(REF)).toBe(2 + 60 + 1);
    });
  },
);
