import { PrefixColumns, lowerBound } from './prefixColumns';

describe('lowerBound', () => {
  it('finds the first start at or after t, also over rows of a flat array', () => {
    const starts = Float64Array.from([1, 3, 3, 5]);
    expect([0, 1, 2, 3, 4, 5, 6].map(t => lowerBound(starts, t))).toEqual([
      0, 0, 1, 1, 3, 3, 4,
    ]);
    const flat = Float64Array.from([10, 1, 1, 20, 2, 2, 30, 3, 3]);
    expect(lowerBound(flat, 20, 0, 3, 3)).toBe(1);
    expect(lowerBound(flat, 31, 0, 3, 3)).toBe(3);
  });
});

describe('PrefixColumns', () => {
  it('keeps range sums right through appends, replacements, inserts and drops', () => {
    const p = new PrefixColumns(2, 2);
    const naive = new Map<number, [number, number]>();
    // Starts in seconds here; the tier takes milliseconds.
    const put = (start: number, a: number, b: number) => {
      p.upsert([start * 1000, a, b], 0);
      naive.set(start, [a, b]);
    };
    const check = () => {
      const starts = [...naive.keys()].sort((x, y) => x - y);
      expect(Array.from(p.starts.subarray(0, p.n))).toEqual(starts);
      for (const from of [0, 3, 5, 8, 100]) {
        for (const to of [4, 9, 20, 1000]) {
          const a = p.lowerBound(from * 1000);
          const b = Math.max(a, p.lowerBound(to * 1000));
          let x = 0;
          let y = 0;
          for (const s of starts) {
            if (s >= from && s < Math.max(from, to)) {
              x += naive.get(s)![0];
              y += naive.get(s)![1];
            }
          }
          expect([p.sum(0, a, b), p.sum(1, a, b)]).toEqual([x, y]);
          const counts = { good: 0, total: 0 };
          p.addEvents(from * 1000, to * 1000, counts);
          expect(counts).toEqual({ good: x, total: y });
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
    p.dropBefore(4000);
    for (const s of [...naive.keys()]) if (s < 4) naive.delete(s);
    check();
  });

  it('builds from buckets in any order within a range, with extra columns', () => {
    const p = PrefixColumns.ofBuckets(
      [
        { startMs: 180_000, good: 3, total: 4, extra: 7 },
        { startMs: 60_000, good: 1, total: 2, extra: 5 },
        { startMs: 120_000, good: 2, total: 3, extra: 6 },
        { startMs: 0, good: 9, total: 9, extra: 9 },
      ],
      { fromMs: 60_000, beforeMs: 180_001, extra: ['extra'] },
    );
    expect(p.toObjects()).toEqual([
      { startMs: 60_000, values: [1, 2, 5] },
      { startMs: 120_000, values: [2, 3, 6] },
      { startMs: 180_000, values: [3, 4, 7] },
    ]);
  });

  it('finds the same index as a binary search on grids with and without gaps', () => {
    // The tier's lowerBound guesses from the grid's step before searching.
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let round = 0; round < 200; round++) {
      const p = new PrefixColumns(2, 4);
      const starts: number[] = [];
      let t = 3600 * Math.floor(random() * 1000);
      const n = Math.floor(random() * 40);
      for (let i = 0; i < n; i++) {
        starts.push(t);
        p.upsert([t * 1000, 1, 1], 0);
        t += 300 * (random() < 0.2 ? 1 + Math.floor(random() * 5) : 1);
      }
      const first = starts[0] ?? 0;
      for (let k = 0; k < 50; k++) {
        const q = first - 600 + Math.floor(random() * (t - first + 1200));
        expect(p.lowerBound(q * 1000)).toBe(lowerBound(starts, q));
      }
    }
  });

  it('builds from flat rows in time order or not, as upserts would', () => {
    const rows = [60, 1, 2, 120, 2, 3, 240, 4, 5, 180, 3, 4, 120, 7, 8];
    const p = PrefixColumns.of(
      2,
      Float64Array.from(rows.map((v, i) => (i % 3 ? v : v * 1000))),
    );
    expect(p.toObjects()).toEqual([
      { startMs: 60_000, values: [1, 2] },
      { startMs: 120_000, values: [7, 8] },
      { startMs: 180_000, values: [3, 4] },
      { startMs: 240_000, values: [4, 5] },
    ]);
    expect(() => PrefixColumns.of(2, Float64Array.from([1500, 1, 1]))).toThrow(
      /not a whole second/,
    );
  });

  it('adds nothing for an empty or reversed window', () => {
    const p = PrefixColumns.ofBuckets([{ startMs: 0, good: 1, total: 1 }]);
    const counts = { good: 0, total: 0 };
    p.addEvents(1000, 0, counts);
    p.addEvents(0, 0, counts);
    expect(counts).toEqual({ good: 0, total: 0 });
  });

  it('refuses starts that are not whole seconds', () => {
    expect(() => new PrefixColumns(2).upsert([1500, 1, 1], 0)).toThrow(
      /not a whole second/,
    );
  });
});
