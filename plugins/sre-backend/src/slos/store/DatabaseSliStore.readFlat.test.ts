import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { SreDatabase } from '../../database/SreDatabase';
import { HOUR, MIN } from '../../__testUtils__/durations';

const T0 = Date.UTC(2026, 10, 22, 10, 0);
const A = 'slo:default/checkout-availability';
const B = 'slo:default/search-latency';

const databases = createTestDatabases();

/** Flat numbers as rows of `stride`, by start: the reader takes any order. */
const rowsOf = (flat: Float64Array | undefined, stride: number) => {
  const rows: number[][] = [];
  for (let i = 0; flat && i < flat.length; i += stride) {
    rows.push([...flat.subarray(i, i + stride)]);
  }
  return rows.sort((a, b) => a[0] - b[0]);
};

describe.each(databases.eachSupportedId())('readFlat on %s', id => {
  async function createStore() {
    const knex = await databases.init(id);
    return (
      await SreDatabase.create({ database: mockServices.database({ knex }) })
    ).sliStore();
  }

  it('reads only the rows written since a time, grouped per SLO, with the values the full read has', async () => {
    const store = await createStore();
    await store.writeTick([
      {
        sloRef: A,
        buckets: [
          { startMs: T0, seconds: 60, good: 9, total: 10 },
          { startMs: T0 + MIN, seconds: 60, good: 8, total: 10 },
        ],
      },
      { sloRef: B, buckets: [{ startMs: T0, seconds: 60, good: 1, total: 2 }] },
    ]);
    await store.applyPending();
    const range = { minutesFromMs: 0, hoursFromMs: 0 };
    const before = await store.readFlat(range);
    // Later writes: a re-sent minute of A, a new hour of A, nothing for B.
    await new Promise(r => setTimeout(r, 5));
    const since = Date.now();
    await new Promise(r => setTimeout(r, 5));
    await store.writeTick([
      {
        sloRef: A,
        buckets: [
          { startMs: T0 + HOUR, seconds: 60, good: 4, total: 5 },
          { startMs: T0 + MIN, seconds: 60, good: 10, total: 10 },
        ],
      },
    ]);
    await store.applyPending();

    const changed = await store.readFlat({ ...range, writtenAfterMs: since });
    expect([...changed.minutes.keys()]).toEqual([A]);
    expect(rowsOf(changed.minutes.get(A), 3)).toEqual([
      [T0 + MIN, 10, 10],
      [T0 + HOUR, 4, 5],
    ]);
    const stride = changed.hourStride;
    // Both hours of A changed (the minute re-sent and the new one).
    expect(rowsOf(changed.hours.get(A), stride)).toEqual([
      [T0, 19, 20, 0, 0, 0].slice(0, stride),
      [T0 + HOUR, 4, 5, 0, 0, 0].slice(0, stride),
    ]);
    expect(changed.hours.has(B)).toBe(false);
    const after = await store.readFlat(range);
    expect(after.minutes.get(B)).toEqual(before.minutes.get(B));
    expect(rowsOf(after.hours.get(A), stride)).toEqual(
      rowsOf(changed.hours.get(A), stride),
    );
  });
});
