import fc from 'fast-check';
import { PrefixColumns } from '@sre-catalog/backstage-plugin-sre-common';
import { CacheEntry } from './SliCache';
import { decodeCacheEntry, encodeCacheEntry } from './sliCacheSnapshotCodec';

/** A tier of `width` columns: increasing starts, whole or fractional values. */
const tier = (width: number) =>
  fc
    .array(
      fc.tuple(
        fc.integer({ min: 1, max: 600 }),
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 0xffffffff }),
            fc.double({ min: 0, max: 1e12, noNaN: true }),
            fc.constant(2 ** 40),
          ),
          { minLength: width, maxLength: width },
        ),
      ),
      { maxLength: 40 },
    )
    .map(rows => {
      const p = new PrefixColumns(width, 1);
      let seconds = 1_700_000_000;
      for (const [gap, values] of rows) {
        seconds += gap * 60;
        p.upsert([seconds * 1000, ...values], 0);
      }
      return p;
    });

const entry: fc.Arbitrary<CacheEntry> = fc.boolean().chain(slices =>
  fc.record({
    hoursFromMs: fc.integer({ min: 0, max: 2 ** 41 }),
    slices: fc.constant(slices),
    minutes: tier(2),
    fiveMinutes: tier(2),
    hours: tier(slices ? 5 : 2),
  }),
);

/** What a tier answers: its starts and every column's running sums. */
const answers = (p: PrefixColumns) => ({
  width: p.width,
  starts: Array.from(p.starts.subarray(0, p.n)),
  sums: p.sums.map(s => Array.from(s.subarray(0, p.n + 1))),
});

describe('the SLI cache snapshot codec', () => {
  it('gives back tiers that answer every sum to the last bit', () => {
    fc.assert(
      fc.property(entry, e => {
        const back = decodeCacheEntry(encodeCacheEntry(e));
        expect(back.hoursFromMs).toBe(e.hoursFromMs);
        expect(back.slices).toBe(e.slices);
        for (const t of ['minutes', 'fiveMinutes', 'hours'] as const) {
          expect(answers(back[t])).toEqual(answers(e[t]));
        }
        // A restored tier keeps growing like one read whole.
        back.minutes.upsert([4_000_000_000_000, 1, 2], 0);
        expect(back.minutes.sum(1, 0, back.minutes.n)).toBe(
          e.minutes.sum(1, 0, e.minutes.n) + 2,
        );
      }),
    );
  });

  it('refuses bytes it did not write', () => {
    const e: CacheEntry = {
      hoursFromMs: 0,
      slices: false,
      minutes: new PrefixColumns(2),
      fiveMinutes: new PrefixColumns(2),
      hours: new PrefixColumns(2),
    };
    e.hours.upsert([3_600_000, 5, 7], 0);
    const bytes = encodeCacheEntry(e);
    expect(() => decodeCacheEntry(bytes.subarray(0, bytes.length - 1))).toThrow(
      'truncated',
    );
    expect(() =>
      decodeCacheEntry(Buffer.concat([bytes, Buffer.of(0)])),
    ).toThrow('bytes after');
    const otherFormat = Buffer.from(bytes);
    otherFormat[0] = 99;
    expect(() => decodeCacheEntry(otherFormat)).toThrow('format 99');
  });
});
