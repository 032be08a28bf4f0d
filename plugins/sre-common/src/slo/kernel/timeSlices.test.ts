import { testSlo } from '../__testUtils__/sloFixtures';
import { PrefixColumns } from './prefixColumns';
import {
  addSliceCounts,
  hourSliceTally,
  isGoodSlice,
  sliceColumnsOf,
  sliceSpecOf,
  sliceWindowCounts,
  tallySlices,
  timeSliceWindowOf,
} from './timeSlices';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 22, 10, 0);

describe('the time-slice rule', () => {
  it('is good when the ratio meets the slice target, and never without events', () => {
    expect(isGoodSlice(95, 100, 0.95)).toBe(true);
    expect(isGoodSlice(94, 100, 0.95)).toBe(false);
    expect(isGoodSlice(0, 0, 0)).toBe(false);
  });

  it('counts the slices of an hour that have data, by the slice target', () => {
    const minutes = [0, 1, 2, 3, 4, 5].map(m => ({
      startMs: T0 + m * MIN,
      good: m < 3 ? 10 : 9,
      total: 10,
    }));
    expect(
      tallySlices(minutes, { sliceMs: 3 * MIN, sliceTarget: 0.95 }),
    ).toEqual({ goodSlices: 1, badSlices: 1, ratioSum: 1.9 });
    expect(
      tallySlices([...minutes].reverse(), {
        sliceMs: 3 * MIN,
        sliceTarget: 0.95,
      }),
    ).toEqual({ goodSlices: 1, badSlices: 1, ratioSum: 1.9 });
    expect(tallySlices(minutes, undefined)).toEqual({
      goodSlices: 0,
      badSlices: 0,
      ratioSum: 0,
    });
  });

  it('gives all slices of an hourly bucket its ratio', () => {
    const slice = { sliceMs: 5 * MIN, sliceTarget: 0.9 };
    expect(hourSliceTally(95, 100, slice)).toEqual({
      goodSlices: 12,
      badSlices: 0,
      ratioSum: expect.closeTo(11.4, 9),
    });
    expect(hourSliceTally(80, 100, slice)).toMatchObject({
      goodSlices: 0,
      badSlices: 12,
    });
    expect(hourSliceTally(0, 0, slice)).toEqual({
      goodSlices: 0,
      badSlices: 0,
      ratioSum: 0,
    });
    expect(hourSliceTally(95, 100, undefined).goodSlices).toBe(0);
  });

  it('counts a window of fine slices, empty ones included', () => {
    const slice = { sliceMs: 2 * MIN, sliceTarget: 0.95 };
    const fine = PrefixColumns.ofBuckets(
      [0, 1, 2, 3, 6, 7].map(m => ({
        startMs: T0 + m * MIN,
        good: m === 2 ? 5 : 10,
        total: 10,
      })),
    );
    const columns = sliceColumnsOf(fine, slice, MIN);
    const counts = { good: 0, bad: 0, empty: 0, ratioSum: 0 };
    addSliceCounts(columns, 0, 2 * MIN, 2 * MIN, T0, T0 + 8 * MIN, counts);
    expect(counts).toEqual({ good: 2, bad: 1, empty: 1, ratioSum: 2.75 });
    // A window shorter than a slice holds no whole slice.
    const none = { good: 0, bad: 0, empty: 0, ratioSum: 0 };
    addSliceCounts(
      columns,
      0,
      2 * MIN,
      2 * MIN,
      T0 + MIN,
      T0 + 2.5 * MIN,
      none,
    );
    expect(none).toEqual({ good: 0, bad: 0, empty: 0, ratioSum: 0 });
    expect(() =>
      sliceColumnsOf(fine, { ...slice, sliceMs: 90_000 }, MIN),
    ).toThrow(/not a multiple/);
  });

  it('derives the slice spec and the status slice window from the definition', () => {
    const occurrences = testSlo();
    expect(sliceSpecOf(occurrences)).toBeUndefined();
    expect(timeSliceWindowOf(occurrences)).toBeUndefined();
    const timeslices = testSlo({
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.9,
      timeSliceWindowMs: 5 * MIN,
    });
    expect(sliceSpecOf(timeslices)).toEqual({
      sliceMs: 5 * MIN,
      sliceTarget: 0.9,
    });
    expect(timeSliceWindowOf(timeslices)).toBe('5m');
    const ratio = testSlo({ budgetingMethod: 'RatioTimeslices' });
    expect(sliceSpecOf(ratio)).toEqual({ sliceMs: MIN, sliceTarget: 0 });
    expect(timeSliceWindowOf(ratio)).toBe('1m');
  });

  it('counts empty slices as the no-data policy says', () => {
    const s = { good: 3, bad: 1, empty: 2, ratioSum: 3.5 };
    const slo = testSlo({ budgetingMethod: 'Timeslices' });
    expect(sliceWindowCounts(slo, s)).toEqual({ good: 3, total: 4 });
    expect(sliceWindowCounts({ ...slo, noDataSlicePolicy: 'bad' }, s)).toEqual({
      good: 3,
      total: 6,
    });
    expect(sliceWindowCounts({ ...slo, noDataSlicePolicy: 'good' }, s)).toEqual(
      { good: 5, total: 6 },
    );
    expect(
      sliceWindowCounts(testSlo({ budgetingMethod: 'RatioTimeslices' }), s),
    ).toEqual({ good: 3.5, total: 4, ratioMean: 0.875 });
  });
});
