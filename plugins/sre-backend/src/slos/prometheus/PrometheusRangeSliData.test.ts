import { FINE_STEP_MS, HOURLY_STEP_MS } from './buildRangeQuery';
import { PrometheusRangeSliData } from './PrometheusRangeSliData';
import { HOUR, MIN } from '../../__testUtils__/durations';

const CUT = Date.UTC(2026, 10, 19, 9);

const hourly = { stepMs: HOURLY_STEP_MS, startMs: CUT - HOUR, endMs: CUT };
const fine = {
  stepMs: FINE_STEP_MS,
  startMs: CUT + 5 * MIN,
  endMs: CUT + 15 * MIN,
};

describe('PrometheusRangeSliData', () => {
  it('makes the value at T the bucket [T - step, T), hourly then 5-minute', () => {
    const data = PrometheusRangeSliData.fromSides(
      ['bad', 'total'],
      [
        // Given out of order: the fine step comes first.
        {
          step: fine,
          points: {
            bad: [[CUT + 10 * MIN, 3]],
            total: [
              [CUT + 5 * MIN, 100],
              [CUT + 10 * MIN, 100],
              [CUT + 15 * MIN, 100],
            ],
          },
        },
        {
          step: hourly,
          points: { bad: [[CUT, 50]], total: [[CUT, 1200]] },
        },
      ],
    );
    expect(data.buckets).toEqual([
      { startMs: CUT - HOUR, good: 1150, total: 1200 },
      // No bad series at that time: no bad events.
      { startMs: CUT, good: 100, total: 100 },
      { startMs: CUT + 5 * MIN, good: 97, total: 100 },
      { startMs: CUT + 10 * MIN, good: 100, total: 100 },
    ]);
    // A window counts the buckets that start in it, as the built-in data does.
    expect(data.events(CUT - HOUR, CUT + 15 * MIN)).toEqual({
      good: 1447,
      total: 1500,
    });
    expect(data.events(CUT + MIN, CUT + 10 * MIN)).toEqual({
      good: 97,
      total: 100,
    });
  });

  it('leaves out points without a total, or with a NaN, as no data', () => {
    const data = PrometheusRangeSliData.fromSides(
      ['good', 'total'],
      [
        {
          step: fine,
          points: {
            good: [
              [CUT + 5 * MIN, 10],
              [CUT + 10 * MIN, NaN],
            ],
            total: [
              [CUT + 10 * MIN, 20],
              [CUT + 15 * MIN, 30],
            ],
          },
        },
      ],
    );
    expect(data.buckets).toEqual([
      // No good series at that time: no good events.
      { startMs: CUT + 10 * MIN, good: 0, total: 30 },
    ]);
  });

  it('has no time slices', () => {
    expect(() => new PrometheusRangeSliData([]).slices()).toThrow(
      /only Occurrences/,
    );
  });
});
