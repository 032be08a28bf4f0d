import { HOURLY_RETENTION_MS } from '@sre-catalog/backstage-plugin-sre-common';
import {
  FINE_STEP_MS,
  HOURLY_STEP_MS,
  buildRangeQuery,
  rangeStepsOf,
} from './buildRangeQuery';
import { buildWindowQuery } from './buildWindowQuery';
import { DAY, HOUR, MIN } from '../../__testUtils__/durations';

const CUT = Date.UTC(2026, 10, 19, 9);

describe('rangeStepsOf', () => {
  it('gives hourly buckets from the hour of the start to the cut and 5-minute ones from it, the last holding now', () => {
    const nowMs = CUT + 3 * DAY + 37 * MIN + 20_000;
    expect(
      rangeStepsOf({ fromMs: nowMs - 30 * DAY, cutMs: CUT, nowMs }),
    ).toEqual([
      {
        stepMs: HOURLY_STEP_MS,
        // The first value, at the end of the first bucket [hour of from, +1h).
        startMs: Math.floor((nowMs - 30 * DAY) / HOUR) * HOUR + HOUR,
        endMs: CUT,
      },
      {
        stepMs: FINE_STEP_MS,
        startMs: CUT + 5 * MIN,
        // [CUT + 3d + 35m, CUT + 3d + 40m) holds now: evaluated at its end.
        endMs: CUT + 3 * DAY + 40 * MIN,
      },
    ]);
  });

  it('ends on now when now is on a 5-minute boundary', () => {
    const nowMs = CUT + 3 * DAY + 30 * MIN;
    expect(
      rangeStepsOf({ fromMs: nowMs - 7 * DAY, cutMs: CUT, nowMs })[1],
    ).toEqual({ stepMs: FINE_STEP_MS, startMs: CUT + 5 * MIN, endMs: nowMs });
  });

  it('asks only for 5-minute buckets when the start is after the cut', () => {
    const nowMs = CUT + 3 * DAY + 30 * MIN;
    const fromMs = nowMs - DAY - 2 * MIN;
    expect(rangeStepsOf({ fromMs, cutMs: CUT, nowMs })).toEqual([
      {
        stepMs: FINE_STEP_MS,
        startMs:
          Math.floor(fromMs / FINE_STEP_MS) * FINE_STEP_MS + FINE_STEP_MS,
        endMs: nowMs,
      },
    ]);
  });

  it('asks for nothing older than the hourly retention, and never more points than Prometheus answers', () => {
    const nowMs = CUT + 3 * DAY + 30 * MIN;
    const [hourly] = rangeStepsOf({ fromMs: 0, cutMs: CUT, nowMs });
    expect(hourly.startMs).toBe(
      Math.floor((nowMs - HOURLY_RETENTION_MS) / HOUR) * HOUR + HOUR,
    );
    expect((hourly.endMs - hourly.startMs) / HOUR + 1).toBeLessThan(11_000);
  });

  it('asks for nothing when the start is not before now', () => {
    const nowMs = CUT + 3 * DAY;
    expect(rangeStepsOf({ fromMs: nowMs, cutMs: CUT, nowMs })).toEqual([]);
  });

  it('refuses a cut that is not on an hour', () => {
    expect(() =>
      rangeStepsOf({ fromMs: CUT - DAY, cutMs: CUT + MIN, nowMs: CUT + DAY }),
    ).toThrow(/on an hour/);
  });
});

describe('buildRangeQuery', () => {
  it('is the window query of the step, with the step’s times', () => {
    const slos = [
      {
        ref: 'slo:default/a',
        source: {
          type: 'prometheus' as const,
          counter: true,
          good: { query: 'ok_total' },
          total: { query: 'all_total' },
        },
      },
    ];
    const nonces = new Map([['slo:default/a', { good: 'n1', total: 'n2' }]]);
    const step = {
      stepMs: HOURLY_STEP_MS,
      startMs: CUT - DAY,
      endMs: CUT,
    };
    const range = buildRangeQuery(slos, step, nonces);
    expect(range).toEqual({
      ...step,
      query: buildWindowQuery(slos, 3600, nonces),
    });
    expect(range.query).toContain('sum(increase(ok_total[1h]))');
  });
});
