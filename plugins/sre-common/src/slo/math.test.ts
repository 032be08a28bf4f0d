import fc from 'fast-check';
import {
  burnRate,
  burnRateThreshold,
  errorBudgetRemaining,
  errorRatio,
  sliValue,
  timeToExhaustionMs,
} from './math';

const DAY = 86_400_000;
const counts = fc
  .tuple(fc.nat(1_000_000_000), fc.nat(1_000_000_000))
  .map(([a, b]) => ({ good: Math.min(a, b), total: Math.max(a, b) }));
const target = fc.double({ min: 0.5, max: 0.99999, noNaN: true });

describe('SLO math', () => {
  it('matches worked numbers', () => {
    // 1,000,000 requests at 99.9%: 1,000 bad allowed; 250 bad spent a quarter.
    const c = { good: 999_750, total: 1_000_000 };
    expect(sliValue(c)).toBe(0.99975);
    expect(errorRatio(c)).toBe(0.00025);
    expect(burnRate(c, 0.999)).toBeCloseTo(0.25, 12);
    expect(errorBudgetRemaining(c, 0.999)).toBeCloseTo(0.75, 12);
  });

  it('shows an overspent budget as negative, not clamped', () => {
    expect(
      errorBudgetRemaining({ good: 997_000, total: 1_000_000 }, 0.999),
    ).toBeCloseTo(-2, 12);
  });

  it('has no value without data, never NaN', () => {
    const empty = { good: 0, total: 0 };
    expect(sliValue(empty)).toBeUndefined();
    expect(errorRatio(empty)).toBeUndefined();
    expect(burnRate(empty, 0.999)).toBeUndefined();
    expect(errorBudgetRemaining(empty, 0.999)).toBeUndefined();
  });

  it('computes thresholds as f * P / W', () => {
    expect(burnRateThreshold(0.02, 30 * DAY, 3_600_000)).toBeCloseTo(14.4, 12);
    expect(burnRateThreshold(0.1, 28 * DAY, 3 * DAY)).toBeCloseTo(0.9333, 4);
  });

  it('computes time to exhaustion from the remaining budget', () => {
    // Half the budget left, burning at 2x: gone in a quarter of the period.
    expect(timeToExhaustionMs(0.5, 2, 28 * DAY)).toBe(7 * DAY);
    expect(timeToExhaustionMs(-0.1, 2, 28 * DAY)).toBe(0);
    expect(timeToExhaustionMs(0.5, 0, 28 * DAY)).toBeUndefined();
  });

  it('keeps burn rate and remaining budget consistent (remaining = 1 - burn over the period)', () => {
    fc.assert(
      fc.property(counts, target, (c, t) => {
        fc.pre(c.total > 0);
        const rate = burnRate(c, t)!;
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(errorBudgetRemaining(c, t)).toBeCloseTo(1 - rate, 9);
      }),
    );
  });

  it('burns exactly at 1 when the error ratio equals the budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), n => {
        // target 0.99 and 1% errors
        const total = n * 100;
        expect(burnRate({ good: total - n, total }, 0.99)).toBeCloseTo(1, 9);
      }),
    );
  });

  it('never yields NaN or Infinity for any counts and target', () => {
    fc.assert(
      fc.property(counts, target, (c, t) => {
        const values = [
          sliValue(c),
          errorRatio(c),
          burnRate(c, t),
          errorBudgetRemaining(c, t),
        ];
        const expected = c.total > 0 ? 'finite' : 'undefined';
        expect(
          values.map(v =>
            v === undefined ? 'undefined' : Number.isFinite(v) && 'finite',
          ),
        ).toEqual([expected, expected, expected, expected]);
      }),
    );
  });
});
