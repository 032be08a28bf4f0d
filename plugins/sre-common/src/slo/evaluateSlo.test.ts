import { BucketSliData } from './BucketSliData';
import { BURN_RATE_WINDOWS, evaluateBurnRateRules } from './alerting';
import { evaluateSlo } from './evaluateSlo';
import { NOW, minuteBuckets, testSlo } from './__testUtils__/sloFixtures';

const MIN = 60_000;
const DAY = 86_400_000;

const slo = testSlo;
const minutes = minuteBuckets;

describe('evaluateSlo', () => {
  it('is healthy with errors well inside the budget', () => {
    const data = new BucketSliData(
      minutes(30, () => 0.5 * 1), // 0.05% errors: half the budget
      MIN,
    );
    const s = evaluateSlo(slo(), data, NOW);
    expect(s.sli).toBeCloseTo(0.9995, 9);
    expect(s.errorBudgetRemaining).toBeCloseTo(0.5, 9);
    expect(s.burnRates['1h']).toBeCloseTo(0.5, 9);
    expect(s.alert).toBe('none');
    expect(s.budget).toEqual({
      unit: 'events',
      allowed: expect.closeTo(43_200, 6),
      consumed: 21_600,
    });
    // Half the budget left at half speed: one whole period to go.
    expect(s.timeToExhaustion).toBe(30 * 86_400);
  });

  it('pages on a fast burn in the last hour', () => {
    const data = new BucketSliData(
      minutes(30, t => (t >= NOW - 60 * MIN ? 20 : 0)), // 2% errors = burn 20
      MIN,
    );
    const s = evaluateSlo(slo(), data, NOW);
    expect(s.burnRates['5m']).toBeCloseTo(20, 9);
    expect(s.burnRates['1h']).toBeCloseTo(20, 9);
    expect(s.alert).toBe('page');
    expect(s.rules[0].firing).toBe(true);
  });

  it('opens a ticket on a slow burn over days', () => {
    const data = new BucketSliData(
      minutes(30, t => (t >= NOW - 3 * DAY ? 1.5 : 0)), // burn 1.5 for 3 days
      MIN,
    );
    const s = evaluateSlo(slo(), data, NOW);
    expect(s.alert).toBe('ticket');
    expect(s.rules.map(r => r.firing)).toEqual([false, false, false, true]);
  });

  it('reports an exhausted budget as negative', () => {
    const data = new BucketSliData(
      minutes(30, () => 2),
      MIN,
    );
    const s = evaluateSlo(slo(), data, NOW);
    expect(s.errorBudgetRemaining).toBeCloseTo(-1, 9);
    expect(s.timeToExhaustion).toBe(0);
  });

  it('has nulls and no alert without data', () => {
    const s = evaluateSlo(slo(), new BucketSliData([], MIN), NOW);
    expect(s.hasData).toBe(false);
    expect(s.sli).toBeNull();
    expect(s.errorBudgetRemaining).toBeNull();
    expect(Object.values(s.burnRates).every(v => v === null)).toBe(true);
    expect(s.alert).toBe('none');
  });

  it('counts good and bad time slices, with the budget in minutes', () => {
    // 5-minute slices must reach 99%; 30 of the 8640 slices of 30 days miss it.
    const bad = new Set<number>();
    for (let i = 0; i < 30; i++) bad.add(NOW - (i + 1) * 60 * MIN);
    const data = new BucketSliData(
      minutes(30, t => (bad.has(Math.floor(t / (5 * MIN)) * 5 * MIN) ? 50 : 0)),
      MIN,
      { sliceMs: 5 * MIN, sliceTarget: 0.99 },
    );
    const s = evaluateSlo(
      slo({
        budgetingMethod: 'Timeslices',
        timeSliceTarget: 0.99,
        timeSliceWindowMs: 5 * MIN,
        noDataSlicePolicy: 'skip',
      }),
      data,
      NOW,
    );
    expect(s.sli).toBeCloseTo(1 - 30 / 8640, 9);
    // 99.9% of 30 days is 43.2 minutes; 30 bad slices of 5 minutes spent 150.
    expect(s.budget).toEqual({
      unit: 'minutes',
      allowed: expect.closeTo(43.2, 9),
      consumed: 150,
    });
    expect(s.errorBudgetRemaining).toBeCloseTo(1 - 150 / 43.2, 9);
  });

  it('counts slices without data as the SLO says', () => {
    const buckets = minutes(1, () => 0); // only the last day has data
    const def = (noDataSlicePolicy: 'good' | 'bad' | 'skip') =>
      slo({
        budgetingMethod: 'Timeslices',
        timeSliceTarget: 0.99,
        timeSliceWindowMs: MIN,
        noDataSlicePolicy,
      });
    const data = () =>
      new BucketSliData(buckets, MIN, { sliceMs: MIN, sliceTarget: 0.99 });
    expect(evaluateSlo(def('skip'), data(), NOW).sli).toBe(1);
    expect(evaluateSlo(def('good'), data(), NOW).sli).toBe(1);
    expect(evaluateSlo(def('bad'), data(), NOW).sli).toBeCloseTo(1 / 30, 9);
  });

  it('averages slice ratios for RatioTimeslices (not a ratio of sums)', () => {
    // Two slices: 1 of 1 good, then 90 of 100 good. Mean of ratios 0.95; sums give 0.9.
    const data = new BucketSliData(
      [
        { startMs: NOW - 2 * MIN, good: 1, total: 1 },
        { startMs: NOW - MIN, good: 90, total: 100 },
      ],
      MIN,
      { sliceMs: MIN, sliceTarget: 0 },
    );
    const s = evaluateSlo(
      slo({ budgetingMethod: 'RatioTimeslices', timeSliceWindowMs: MIN }),
      data,
      NOW,
    );
    expect(s.sli).toBeCloseTo(0.95, 9);
    expect(s.timeSliceWindow).toBe('1m');
  });

  it('says the slice window in the status of time-slice SLOs only', () => {
    const data = new BucketSliData(
      minutes(1, () => 0),
      MIN,
      {
        sliceMs: 5 * MIN,
        sliceTarget: 0.99,
      },
    );
    const sliced = slo({
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.99,
      timeSliceWindowMs: 5 * MIN,
    });
    expect(evaluateSlo(sliced, data, NOW).timeSliceWindow).toBe('5m');
    // On the wire (JSON), as the API and the stored status carry it.
    expect(
      JSON.parse(JSON.stringify(evaluateSlo(slo(), data, NOW))),
    ).not.toHaveProperty('timeSliceWindow');
  });

  it('has the rules of evaluateBurnRateRules and fixed keys in a fixed order', () => {
    const keys = [
      'sloRef',
      'service',
      'displayName',
      'description',
      'source',
      'target',
      'period',
      'periodStart',
      'budgetingMethod',
      'timeSliceWindow',
      'sli',
      'errorBudgetRemaining',
      'budget',
      'burnRates',
      'alert',
      'rules',
      'timeToExhaustion',
      'evaluatedAt',
      'hasData',
    ];
    const burns: Array<(t: number) => number> = [
      () => 0,
      () => 0.5,
      t => (t >= NOW - 60 * MIN ? 20 : 0),
      t => (t >= NOW - 6 * 60 * MIN ? 8 : 0),
      t => (t >= NOW - DAY ? 4 : 0),
      t => (t >= NOW - 3 * DAY ? 1.5 : 0),
    ];
    for (const burn of burns) {
      const s = evaluateSlo(
        slo(),
        new BucketSliData(minutes(30, burn), MIN),
        NOW,
      );
      const expected = evaluateBurnRateRules(
        Object.fromEntries(
          BURN_RATE_WINDOWS.map(w => [w, s.burnRates[w] ?? undefined]),
        ),
        30 * DAY,
      );
      expect(JSON.stringify(s.rules)).toBe(JSON.stringify(expected.rules));
      expect(s.alert).toBe(expected.alert);
      expect(Object.keys(s)).toEqual(keys);
      expect(Object.keys(s.burnRates)).toEqual([...BURN_RATE_WINDOWS]);
    }
    const empty = evaluateSlo(slo(), new BucketSliData([], MIN), NOW);
    expect(Object.keys(empty)).toEqual(keys);
    expect(empty.evaluatedAt).toBe(new Date(NOW).toISOString());
    expect(empty.periodStart).toBe(new Date(NOW - 30 * DAY).toISOString());
    const sliced = evaluateSlo(
      slo({ budgetingMethod: 'Timeslices', timeSliceTarget: 0.99 }),
      new BucketSliData(
        minutes(1, () => 0),
        MIN,
        {
          sliceMs: MIN,
          sliceTarget: 0.99,
        },
      ),
      NOW + MIN,
    );
    // The same shape for both budgeting methods.
    expect(Object.keys(sliced)).toEqual(keys);
    expect(sliced.evaluatedAt).toBe(new Date(NOW + MIN).toISOString());
  });
});
