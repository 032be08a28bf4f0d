import { mockServices } from '@backstage/backend-test-utils';
import { TIME_SLICE_WINDOW_MINUTES } from '@sre-catalog/backstage-plugin-sre-common';
import fc from 'fast-check';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseSliStore } from './DatabaseSliStore';
import { ALLOWED_BUCKET_SECONDS } from '../ingest/SloEventsValidator';
import {
  HourRollup,
  SliBucketInput,
  SliSeries,
  SliTickEntry,
  SliceSpec,
} from './SliStore';
import { SreDatabase } from '../../database/SreDatabase';
import { HOUR, MIN } from '../../__testUtils__/durations';

/*
 * Model-based test of the SLI store: random pushes (re-sends with new counts,
 * buckets of other sizes that overlap stored ones, hourly backfill, several SLOs
 * per tick, pushes applied one by one or several per transaction) go through
 * writeTick and applyPending, and what readSeries and readFlat then return is compared
 * with a small in-memory model of the documented semantics.
 */

const T0 = Date.UTC(2026, 10, 22, 10, 0);
/** Pushes land in three hours, so that they overlap and re-send often. */
const HOURS = 3;
const RUNS = 30;

type Counts = { good: number; total: number };

/** The documented semantics, kept as simply as possible. */
class SliModel {
  /** Per SLO, its stored fine buckets by start. */
  private readonly fine = new Map<string, Map<number, SliBucketInput>>();
  /** Per SLO, the hours whose rollup is an hourly bucket sent for them. */
  private readonly backfill = new Map<string, Map<number, Counts>>();
  /** Per SLO, every hour a push touched (its rollup row exists). */
  private readonly touched = new Map<string, Set<number>>();

  constructor(private readonly slices: Map<string, SliceSpec | undefined>) {}

  private of<T>(map: Map<string, T>, ref: string, make: () => T): T {
    if (!map.has(ref)) map.set(ref, make());
    return map.get(ref)!;
  }

  /** A bucket replaces every stored bucket it overlaps; an hourly one is the hour's rollup. */
  push({ sloRef, buckets }: SliTickEntry) {
    const fine = this.of(this.fine, sloRef, () => new Map());
    const backfill = this.of(this.backfill, sloRef, () => new Map());
    const touched = this.of(this.touched, sloRef, () => new Set<number>());
    for (const b of buckets) {
      const end = b.startMs + b.seconds * 1000;
      for (const [start, stored] of fine) {
        if (start < end && start + stored.seconds * 1000 > b.startMs) {
          fine.delete(start);
        }
      }
      const hour = Math.floor(b.startMs / HOUR) * HOUR;
      touched.add(hour);
      if (b.seconds >= 3600) {
        backfill.set(hour, { good: b.good, total: b.total });
      } else {
        fine.set(b.startMs, b);
        backfill.delete(hour);
      }
    }
  }

  series(sloRef: string): SliSeries {
    const slice = this.slices.get(sloRef);
    const fine = [...(this.fine.get(sloRef)?.values() ?? [])].sort(
      (a, b) => a.startMs - b.startMs,
    );
    const backfill = this.backfill.get(sloRef) ?? new Map<number, Counts>();
    // A slice is an interval of time: its ratio sums the fine buckets that start
    // in it, and it counts in the hour it starts in.
    const bySlice = new Map<number, Counts>();
    if (slice) {
      for (const b of fine) {
        const start = Math.floor(b.startMs / slice.sliceMs) * slice.sliceMs;
        const s = bySlice.get(start) ?? { good: 0, total: 0 };
        s.good += b.good;
        s.total += b.total;
        bySlice.set(start, s);
      }
    }
    const hours = [...(this.touched.get(sloRef) ?? [])]
      .sort((a, b) => a - b)
      .map((startMs): HourRollup => {
        const hourly = backfill.get(startMs);
        if (hourly) {
          // Every slice of a backfilled hour has the hour's ratio.
          const n = slice ? HOUR / slice.sliceMs : 0;
          const ratio =
            slice && hourly.total > 0 ? hourly.good / hourly.total : null;
          const good = ratio !== null && ratio >= slice!.sliceTarget;
          return {
            startMs,
            ...hourly,
            goodSlices: ratio !== null && good ? n : 0,
            badSlices: ratio !== null && !good ? n : 0,
            ratioSum: ratio !== null ? ratio * n : 0,
          };
        }
        const inHour = fine.filter(
          b => b.startMs >= startMs && b.startMs < startMs + HOUR,
        );
        const rollup: HourRollup = {
          startMs,
          good: inHour.reduce((s, b) => s + b.good, 0),
          total: inHour.reduce((s, b) => s + b.total, 0),
          goodSlices: 0,
          badSlices: 0,
          ratioSum: 0,
        };
        for (const [start, s] of bySlice) {
          if (start < startMs || start >= startMs + HOUR || s.total <= 0) {
            continue;
          }
          const ratio = s.good / s.total;
          if (ratio >= slice!.sliceTarget) rollup.goodSlices += 1;
          else rollup.badSlices += 1;
          rollup.ratioSum += ratio;
        }
        return rollup;
      });
    return {
      minutes: fine.map(({ startMs, good, total }) => ({
        startMs,
        good,
        total,
      })),
      hours,
    };
  }
}

/** Ratio sums are floating point, summed in another order by the store. */
function comparable(series: SliSeries) {
  return {
    minutes: series.minutes,
    hours: series.hours.map(h => ({
      ...h,
      ratioSum: Math.round(h.ratioSum * 1e9) / 1e9,
    })),
  };
}

/** readFlat's flat numbers as a series, in time order. */
function seriesOfFlat(
  minutes: Float64Array | undefined,
  hours: Float64Array | undefined,
): SliSeries {
  const groups = (values: Float64Array | undefined, size: number) => {
    const rows: number[][] = [];
    for (let i = 0; values && i < values.length; i += size) {
      rows.push([...values.subarray(i, i + size)]);
    }
    return rows.sort((a, b) => a[0] - b[0]);
  };
  return {
    minutes: groups(minutes, 3).map(([startMs, good, total]) => ({
      startMs,
      good,
      total,
    })),
    hours: groups(hours, 6).map(
      ([startMs, good, total, goodSlices, badSlices, ratioSum]) => ({
        startMs,
        good,
        total,
        goodSlices,
        badSlices,
        ratioSum,
      }),
    ),
  };
}

const counts: fc.Arbitrary<Counts> = fc.oneof(
  fc
    .tuple(fc.nat(20), fc.nat(20))
    .map(([a, b]) => ({ good: Math.min(a, b), total: Math.max(a, b) })),
  // All good, or no events at all: the edges of slice targets and of "no data".
  fc.nat(20).map(n => ({ good: n, total: n })),
);

/** Minutes into the three hours, biased to hour boundaries so that pushes collide. */
const minuteOffset = fc.oneof(
  fc.integer({ min: 0, max: 7 }),
  fc.integer({ min: 55, max: 65 }),
  fc.integer({ min: 0, max: HOURS * 60 - 1 }),
);

type PushPlan =
  | {
      kind: 'new';
      slo: number;
      seconds: number;
      offsets: number[];
      counts: Counts[];
    }
  | { kind: 'resend'; slo: number; of: number; counts: Counts[] };

const pushPlan: fc.Arbitrary<PushPlan> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('new' as const),
      slo: fc.nat(2),
      seconds: fc.constantFrom(...ALLOWED_BUCKET_SECONDS),
      offsets: fc.array(minuteOffset, { minLength: 1, maxLength: 6 }),
      counts: fc.array(counts, { minLength: 6, maxLength: 6 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('resend' as const),
      slo: fc.nat(2),
      of: fc.nat(),
      counts: fc.array(counts, { minLength: 6, maxLength: 6 }),
    }),
  },
);

/** How an SLO budgets: by events (no slices), or slices of any countable length and target. */
const sliceSpec: fc.Arbitrary<SliceSpec | undefined> = fc.option(
  fc.record({
    sliceMs: fc.constantFrom(...TIME_SLICE_WINDOW_MINUTES).map(m => m * MIN),
    sliceTarget: fc.oneof(
      fc.constantFrom(0, 0.5, 0.9, 1),
      fc.double({ min: 0, max: 1, noNaN: true }),
    ),
  }),
  { nil: undefined },
);

const scenario = fc.record({
  slices: fc.array(sliceSpec, { minLength: 1, maxLength: 3 }),
  ticks: fc.array(
    fc.record({
      pushes: fc.array(pushPlan, { minLength: 1, maxLength: 2 }),
      // Apply now, or leave it pending so that several apply in one transaction.
      apply: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  ),
});

/** The buckets of a planned push: aligned to its size, one per start. */
function bucketsOf(plan: PushPlan, sent: SliTickEntry[], sloRef: string) {
  if (plan.kind === 'resend') {
    const earlier = sent.filter(e => e.sloRef === sloRef);
    if (!earlier.length) return undefined;
    const { buckets } = earlier[plan.of % earlier.length];
    return buckets.map((b, i) => ({
      ...b,
      ...plan.counts[i % plan.counts.length],
    }));
  }
  const sizeMs = plan.seconds * 1000;
  const starts = [
    ...new Set(
      plan.offsets.map(m => T0 + Math.floor((m * MIN) / sizeMs) * sizeMs),
    ),
  ];
  return starts.map((startMs, i) => ({
    startMs,
    seconds: plan.seconds,
    ...plan.counts[i % plan.counts.length],
  }));
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseSliStore against its model on %s',
  id => {
    let store: DatabaseSliStore;
    let run = 0;

    beforeAll(async () => {
      const knex = await databases.init(id);
      store = (
        await SreDatabase.create({ database: mockServices.database({ knex }) })
      ).sliStore();
    });

    it('stores and rolls up what the model says, for any sequence of pushes', async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ slices, ticks }) => {
          // Fresh SLOs per run: one database serves every run.
          run += 1;
          const refs = slices.map((_, i) => `slo:default/run-${run}-${i}`);
          const sliceOf = new Map(refs.map((ref, i) => [ref, slices[i]]));
          const model = new SliModel(sliceOf);
          const sent: SliTickEntry[] = [];
          let deadLettered = 0;
          for (const tick of ticks) {
            const entries: SliTickEntry[] = [];
            for (const plan of tick.pushes) {
              const sloRef = refs[plan.slo % refs.length];
              if (entries.some(e => e.sloRef === sloRef)) continue;
              const buckets = bucketsOf(plan, sent, sloRef);
              if (!buckets) continue;
              entries.push({ sloRef, buckets, slice: sliceOf.get(sloRef) });
            }
            if (!entries.length) continue;
            await store.writeTick(entries);
            for (const entry of entries) {
              model.push(entry);
              sent.push(entry);
            }
            if (tick.apply)
              deadLettered += (await store.applyPending()).deadLettered;
          }
          deadLettered += (await store.applyPending()).deadLettered;
          // Every push is valid: none may be refused.
          expect(deadLettered).toBe(0);

          const range = { minutesFromMs: 0, hoursFromMs: 0 };
          const stored = await store.readSeries(refs, range);
          const flat = await store.readFlat({ sloRefs: refs, ...range });
          for (const ref of refs) {
            const expected = comparable(model.series(ref));
            expect({ ref, ...comparable(stored.get(ref)!) }).toEqual({
              ref,
              ...expected,
            });
            expect({
              ref,
              ...comparable(
                seriesOfFlat(flat.minutes.get(ref), flat.hours.get(ref)),
              ),
            }).toEqual({ ref, ...expected });
            // Slice counts are whole numbers of slices that fit in the hour.
            const slice = sliceOf.get(ref);
            for (const h of stored.get(ref)!.hours) {
              expect(Number.isInteger(h.goodSlices)).toBe(true);
              expect(Number.isInteger(h.badSlices)).toBe(true);
              expect(h.goodSlices + h.badSlices).toBeLessThanOrEqual(
                slice ? HOUR / slice.sliceMs : 0,
              );
            }
          }
        }),
        { numRuns: RUNS },
      );
    }, 120_000);
  },
);
