import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseSliStore } from './DatabaseSliStore';

const MIN = 60_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 22, 10, 0);
const REF = 'slo:default/checkout-availability';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('DatabaseSliStore on %s', id => {
  async function createStore() {
    const knex = await databases.init(id);
    const store = await DatabaseSliStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  it('stores buckets, rolls them up per hour and reads both tiers', async () => {
    const { store } = await createStore();
    await store.writeBuckets(REF, [
      { startMs: T0, seconds: 60, good: 90, total: 100 },
      { startMs: T0 + MIN, seconds: 60, good: 100, total: 100 },
      { startMs: T0 + HOUR, seconds: 60, good: 5, total: 10 },
    ]);
    const series = await store.readSeries([REF, 'slo:default/other'], {
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
    const { store } = await createStore();
    const bucket = { startMs: T0, seconds: 60, good: 90, total: 100 };
    await store.writeBuckets(REF, [bucket]);
    await store.writeBuckets(REF, [bucket]);
    await store.writeBuckets(REF, [{ ...bucket, good: 99 }]);
    const { hours } = (
      await store.readSeries([REF], { minutesFromMs: 0, hoursFromMs: 0 })
    ).get(REF)!;
    expect(hours).toEqual([
      expect.objectContaining({ startMs: T0, good: 99, total: 100 }),
    ]);
  });

  it('counts time slices per hour with the SLO slice target', async () => {
    const { store } = await createStore();
    await store.writeBuckets(
      REF,
      [
        { startMs: T0, seconds: 60, good: 100, total: 100 },
        { startMs: T0 + MIN, seconds: 60, good: 50, total: 100 },
      ],
      { sliceMs: MIN, sliceTarget: 0.99 },
    );
    const { hours } = (
      await store.readSeries([REF], { minutesFromMs: 0, hoursFromMs: 0 })
    ).get(REF)!;
    expect(hours[0]).toMatchObject({
      goodSlices: 1,
      badSlices: 1,
      ratioSum: 1.5,
    });
  });

  it('takes hourly backfill as the rollup itself', async () => {
    const { store } = await createStore();
    await store.writeBuckets(REF, [
      { startMs: T0 - 48 * HOUR, seconds: 3600, good: 3590, total: 3600 },
    ]);
    const { minutes, hours } = (
      await store.readSeries([REF], { minutesFromMs: 0, hoursFromMs: 0 })
    ).get(REF)!;
    expect(minutes).toEqual([]);
    expect(hours).toEqual([
      expect.objectContaining({ startMs: T0 - 48 * HOUR, good: 3590 }),
    ]);
  });

  it('refuses overlapping bucket sizes and stores nothing of that request', async () => {
    const { store } = await createStore();
    await store.writeBuckets(REF, [
      { startMs: T0, seconds: 300, good: 1, total: 1 },
    ]);
    await expect(
      store.writeBuckets(REF, [
        { startMs: T0 - MIN, seconds: 60, good: 1, total: 1 },
        { startMs: T0 + MIN, seconds: 60, good: 1, total: 1 },
      ]),
    ).rejects.toThrow(/overlaps a stored bucket of 300s/);
    const { minutes } = (
      await store.readSeries([REF], { minutesFromMs: 0, hoursFromMs: 0 })
    ).get(REF)!;
    expect(minutes).toEqual([{ startMs: T0, good: 1, total: 1 }]);
  });

  it('prunes old data per tier', async () => {
    const { store } = await createStore();
    await store.writeBuckets(REF, [
      { startMs: T0, seconds: 60, good: 1, total: 1 },
      { startMs: T0 + 2 * HOUR, seconds: 60, good: 1, total: 1 },
    ]);
    await store.prune({ minutesBeforeMs: T0 + HOUR, hoursBeforeMs: T0 });
    const series = (
      await store.readSeries([REF], { minutesFromMs: 0, hoursFromMs: 0 })
    ).get(REF)!;
    expect(series.minutes).toEqual([
      { startMs: T0 + 2 * HOUR, good: 1, total: 1 },
    ]);
    expect(series.hours).toHaveLength(2);
  });
});

describe.each(databases.eachSupportedId())('migrations on %s', id => {
  it('go up and down cleanly', async () => {
    const knex = await databases.init(id);
    await DatabaseSliStore.create({
      database: mockServices.database({ knex }),
    });
    expect(await knex.schema.hasTable('sre_sli_minutes')).toBe(true);
    await knex.migrate.rollback(
      { directory: `${__dirname}/../../../migrations` },
      true,
    );
    expect(await knex.schema.hasTable('sre_sli_minutes')).toBe(false);
    expect(await knex.schema.hasTable('sre_slo_status')).toBe(false);
  });
});
