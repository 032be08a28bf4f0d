import { BucketSliData } from './BucketSliData';
import { budgetConsumedIn, detectBudgetIncidents } from './incidentBudget';
import { NOW, minuteBuckets, testSlo } from './__testUtils__/sloFixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const slo = testSlo;
const minutes = minuteBuckets;

const outage = { fromMs: NOW - 10 * DAY, toMs: NOW - 10 * DAY + 2 * HOUR };
const inOutage = (t: number) => t >= outage.fromMs && t < outage.toMs;

describe('budgetConsumedIn', () => {
  it('is the bad events of the window over the budget of the period (events)', () => {
    // 10% errors for 2 hours at 99.9%: 12,000 bad of a budget of 0.001 × 43.2 M.
    const data = new BucketSliData(
      minutes(30, t => (inOutage(t) ? 100 : 0)),
      MIN,
    );
    expect(budgetConsumedIn(slo(), data, outage, NOW)).toBeCloseTo(
      12_000 / (0.001 * 43_200_000),
      12,
    );
  });

  it('counts bad slices against the slices the period allows (time slices)', () => {
    // 99.5% of 1-minute slices over 30 days allows 216 bad minutes; 120 were bad.
    const data = new BucketSliData(
      minutes(30, t => (inOutage(t) ? 100 : 0)),
      MIN,
      { sliceMs: MIN, sliceTarget: 0.95 },
    );
    const timeslices = slo({
      target: 0.995,
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.95,
      timeSliceWindowMs: MIN,
    });
    expect(budgetConsumedIn(timeslices, data, outage, NOW)).toBeCloseTo(
      120 / 216,
      12,
    );
  });

  it('is undefined without data in the window', () => {
    const data = new BucketSliData(
      minutes(5, () => 0),
      MIN,
    );
    expect(budgetConsumedIn(slo(), data, outage, NOW)).toBeUndefined();
    expect(
      budgetConsumedIn(slo(), data, { fromMs: NOW, toMs: NOW - 1 }, NOW),
    ).toBeUndefined();
  });

  it('uses the period the incident ended in for calendar windows before this one', () => {
    const calendar = slo({
      timeWindow: {
        kind: 'calendar',
        unit: 'M',
        count: 1,
        startTime: '2026-01-01T00:00:00Z',
        timeZone: 'UTC',
        text: '1 calendar month',
      },
    });
    // October has 31 days of 1000 events a minute; November so far has fewer.
    const data = new BucketSliData(
      minutes(60, () => 0),
      MIN,
    );
    const october = {
      fromMs: Date.UTC(2026, 9, 20),
      toMs: Date.UTC(2026, 9, 21),
    };
    const withBad = new BucketSliData(
      minutes(60, t => (t >= october.fromMs && t < october.toMs ? 1 : 0)),
      MIN,
    );
    expect(budgetConsumedIn(calendar, data, october, NOW)).toBe(0);
    expect(budgetConsumedIn(calendar, withBad, october, NOW)).toBeCloseTo(
      1440 / (0.001 * 31 * 1440 * 1000),
      12,
    );
  });
});

describe('detectBudgetIncidents', () => {
  const options = {
    fromMs: NOW - 30 * DAY,
    fineFromMs: NOW - 3 * DAY,
    nowMs: NOW,
  };

  it('finds a fast burn as one incident with the budget it consumed', () => {
    const data = new BucketSliData(
      minutes(30, t => (inOutage(t) ? 100 : 0)),
      MIN,
    );
    const [incident, ...more] = detectBudgetIncidents(slo(), data, options);
    expect(more).toEqual([]);
    expect(incident).toEqual({
      sloRef: 'slo:default/checkout-availability',
      startMs: outage.fromMs,
      endMs: outage.toMs,
      budgetConsumed: expect.closeTo(12_000 / 43_200, 12),
    });
  });

  it('ignores a slow burn however long it lasts', () => {
    // Burn rate 2 (0.2% errors at 99.9%) for 30 days spends twice the budget.
    const data = new BucketSliData(
      minutes(30, () => 2),
      MIN,
    );
    expect(detectBudgetIncidents(slo(), data, options)).toEqual([]);
  });

  it('joins bursts closer than the gap and splits those further apart', () => {
    const recent = NOW - DAY;
    const burst = (from: number) => (t: number) =>
      t >= from && t < from + 10 * MIN;
    const first = burst(recent);
    const second = burst(recent + 25 * MIN); // 15 minutes after the first ends
    const third = burst(recent + 3 * HOUR);
    const data = new BucketSliData(
      minutes(30, t => (first(t) || second(t) || third(t) ? 500 : 0)),
      MIN,
    );
    const incidents = detectBudgetIncidents(slo(), data, options);
    expect(incidents.map(i => [i.startMs - recent, i.endMs - recent])).toEqual([
      [0, 35 * MIN],
      [3 * HOUR, 3 * HOUR + 10 * MIN],
    ]);
    expect(incidents[0].budgetConsumed).toBeCloseTo(10_000 / 43_200, 12);
  });
});
