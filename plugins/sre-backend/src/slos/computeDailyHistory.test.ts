import { computeDailyHistory } from './computeDailyHistory';
import { HourRollup } from './store/SliStore';
import { sloDefinition } from '../__testUtils__/sloDefinition';
import { DAY, HOUR } from '../__testUtils__/durations';

const NOW = Date.UTC(2026, 10, 22, 12);

const slo = sloDefinition('a', { target: 0.99 });

describe('computeDailyHistory', () => {
  it('burns the budget down on the day of an incident and not before', () => {
    // 100 requests an hour for 40 days; 5 days ago, one hour lost half of them.
    const hours: HourRollup[] = [];
    const incident = Math.floor((NOW - 5 * DAY) / HOUR) * HOUR;
    for (let t = NOW - 40 * DAY; t < NOW; t += HOUR) {
      const start = Math.floor(t / HOUR) * HOUR;
      hours.push({
        startMs: start,
        good: start === incident ? 50 : 100,
        total: 100,
        goodSlices: 0,
        badSlices: 0,
        ratioSum: 0,
      });
    }
    // The last days are also stored as fine buckets (one per hour will do here).
    const minutes = hours.filter(h => h.startMs >= NOW - 5 * DAY);
    const points = computeDailyHistory(slo, { minutes, hours }, NOW, 10);
    expect(points).toHaveLength(10);
    expect(points[9].day).toBe('2026-11-22');
    const before = points.filter(p => p.day < '2026-11-17');
    const after = points.filter(p => p.day >= '2026-11-17');
    before.forEach(p => expect(p.errorBudgetRemaining).toBeCloseTo(1, 9));
    // 50 bad of 67,200 requests in 28 days at 99%: 50 / 672 of the budget.
    after.forEach(p =>
      expect(p.errorBudgetRemaining).toBeCloseTo(1 - 50 / 672, 3),
    );
  });

  it('has no value on days without data', () => {
    const points = computeDailyHistory(slo, { minutes: [], hours: [] }, NOW, 3);
    expect(points.map(p => p.errorBudgetRemaining)).toEqual([null, null, null]);
  });
});
