import fc from 'fast-check';
import {
  BURN_RATE_WINDOW_MS,
  DEFAULT_BURN_RATE_RULES,
  evaluateBurnRateRules,
} from './alerting';
import { burnRate } from './math';

const DAY = 86_400_000;

describe('multi-window multi-burn-rate rules', () => {
  it('has the Workbook thresholds for a 30-day period', () => {
    const { rules } = evaluateBurnRateRules({}, 30 * DAY);
    expect(rules.map(r => r.threshold)).toEqual([14.4, 6, 3, 1]);
  });

  it('scales the thresholds to a 28-day period', () => {
    const { rules } = evaluateBurnRateRules({}, 28 * DAY);
    const rounded = rules.map(r => Math.round(r.threshold * 1000) / 1000);
    expect(rounded).toEqual([13.44, 5.6, 2.8, 0.933]);
  });

  it('uses a short window of 1/12 of the long one', () => {
    for (const rule of DEFAULT_BURN_RATE_RULES) {
      const long = BURN_RATE_WINDOW_MS[rule.longWindow as '1h'];
      const short = BURN_RATE_WINDOW_MS[rule.shortWindow as '5m'];
      expect(long / short).toBe(12);
    }
  });

  // A total outage at 99.9% with steady traffic of one request per second: after t
  // seconds the 1h window holds t bad of 3600, the 5m window t bad of 300.
  const outageRates = (seconds: number) => {
    const rate = (windowSeconds: number) =>
      burnRate(
        {
          good: windowSeconds - Math.min(seconds, windowSeconds),
          total: windowSeconds,
        },
        0.999,
      );
    return { '5m': rate(300), '1h': rate(3600) };
  };

  it('pages on a 100% outage at 99.9% after about 52 seconds, not before', () => {
    expect(evaluateBurnRateRules(outageRates(51), 30 * DAY).alert).toBe('none');
    expect(evaluateBurnRateRules(outageRates(52), 30 * DAY).alert).toBe('page');
  });

  it('needs both windows above the threshold (a spike that ended does not page)', () => {
    const rates = { '1h': 20, '5m': 0.5 };
    expect(evaluateBurnRateRules(rates, 30 * DAY).alert).toBe('none');
  });

  it('compares strictly: a burn exactly at the threshold does not fire', () => {
    const rates = { '1d': 3, '2h': 3, '3d': 0.5, '6h': 0.5 };
    expect(evaluateBurnRateRules(rates, 30 * DAY).alert).toBe('none');
    const over = { '1d': 3.01, '2h': 3.01 };
    expect(evaluateBurnRateRules(over, 30 * DAY).alert).toBe('ticket');
  });

  it('never fires on windows without data', () => {
    expect(
      evaluateBurnRateRules({ '1h': undefined, '5m': 100 }, 30 * DAY).alert,
    ).toBe('none');
  });

  it('raises page over ticket when both fire', () => {
    const rates = { '1h': 20, '5m': 20, '1d': 5, '2h': 5 };
    expect(evaluateBurnRateRules(rates, 30 * DAY).alert).toBe('page');
  });

  it('fires a rule if and only if both of its windows exceed its threshold', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (long, short) => {
          const { rules } = evaluateBurnRateRules(
            { '1h': long, '5m': short },
            30 * DAY,
          );
          expect(rules[0].firing).toBe(long > 14.4 && short > 14.4);
        },
      ),
    );
  });
});
