import {
  budgetInWords,
  budgetRemainingInWords,
  durationInWords,
  firingWindows,
  formatBurnRate,
  formatSli,
  formatThreshold,
  noDataInWords,
  objectiveInWords,
  periodInWords,
  sourceInWords,
  targetPercent,
  timeToExhaustionInWords,
  unavailableInWords,
} from './sloLabels';
import {
  healthySlo,
  noDataSlo,
  overspentSlo,
  pagingSlo,
} from '../__testUtils__/sloFixtures';

describe('SLO labels', () => {
  it('shows targets as percentages with only the decimals they need', () => {
    expect(targetPercent(0.999)).toBe('99.9%');
    expect(targetPercent(0.9995)).toBe('99.95%');
    expect(targetPercent(0.99)).toBe('99%');
    expect(targetPercent(0.995)).toBe('99.5%');
    expect(targetPercent(0.99999)).toBe('99.999%');
  });

  it('shows the SLI two decimals finer than the target and never rounds it up to the target', () => {
    expect(formatSli(0.9997, 0.999)).toBe('99.970%');
    expect(formatSli(0.998999, 0.999)).toBe('99.899%');
    expect(formatSli(0.999, 0.999)).toBe('99.900%');
    expect(formatSli(0.9931, 0.99)).toBe('99.31%');
    expect(formatSli(null, 0.99)).toBe('—');
  });

  it('says periods in words, calendar ones as such', () => {
    expect(periodInWords('28d')).toBe('28 days');
    expect(periodInWords('1d')).toBe('1 day');
    expect(periodInWords('4w')).toBe('4 weeks');
    expect(periodInWords('1M')).toBe('each calendar month');
    expect(periodInWords('3M')).toBe('every 3 calendar months');
    expect(periodInWords('1Q')).toBe('each calendar quarter');
    expect(periodInWords('1y')).toBe('each calendar year');
    expect(periodInWords('weird')).toBe('weird');
  });

  it('says the objective in words for each budgeting method', () => {
    expect(objectiveInWords(healthySlo)).toBe(
      '99.9% of events are good over 28 days',
    );
    expect(
      objectiveInWords({ ...healthySlo, target: 0.995, period: '1M' }),
    ).toBe('99.5% of events are good each calendar month');
    expect(
      objectiveInWords({
        target: 0.995,
        period: '28d',
        budgetingMethod: 'Timeslices',
        timeSliceWindow: '1m',
      }),
    ).toBe('99.5% of 1-minute slices are good over 28 days');
    expect(
      objectiveInWords({
        target: 0.995,
        period: '4w',
        budgetingMethod: 'Timeslices',
      }),
    ).toBe('99.5% of time slices are good over 4 weeks');
    expect(
      objectiveInWords({
        target: 0.99,
        period: '30d',
        budgetingMethod: 'RatioTimeslices',
        timeSliceWindow: '5m',
      }),
    ).toBe('99% good on average across 5-minute slices over 30 days');
  });

  it('says an overspent budget as overspent, with the amount', () => {
    expect(budgetRemainingInWords(0.7)).toBe('70% left');
    expect(budgetRemainingInWords(0.4234)).toBe('42.3% left');
    expect(budgetRemainingInWords(0)).toBe('0% left');
    expect(budgetRemainingInWords(-0.35)).toBe('35% overspent');
    expect(budgetRemainingInWords(null)).toBe('No data');
  });

  it('says the budget in absolute terms', () => {
    expect(
      budgetInWords({ unit: 'events', allowed: 9500, consumed: 4238 }),
    ).toBe('4,238 of 9,500 bad events allowed');
    expect(
      budgetInWords({ unit: 'minutes', allowed: 201.6, consumed: 151 }),
    ).toBe('151 of 201.6 bad minutes allowed');
    expect(
      budgetInWords({ unit: 'events', allowed: null, consumed: null }),
    ).toBeUndefined();
  });

  it('formats burn rates as multiples', () => {
    expect(formatBurnRate(14.4)).toBe('14.4×');
    expect(formatBurnRate(0.3)).toBe('0.3×');
    expect(formatBurnRate(0.9333333)).toBe('0.93×');
    expect(formatBurnRate(null)).toBe('—');
    expect(formatThreshold(13.44)).toBe('13.44×');
    expect(formatThreshold(0.9333333)).toBe('0.93×');
    expect(formatThreshold(6)).toBe('6×');
  });

  it('says when the budget is gone at the 1h burn rate', () => {
    expect(durationInWords(30)).toBe('less than a minute');
    expect(durationInWords(40 * 60)).toBe('40 minutes');
    expect(durationInWords(3600)).toBe('1 hour');
    expect(durationInWords(3 * 86_400)).toBe('3 days');
    expect(timeToExhaustionInWords(pagingSlo)).toBe(
      'Budget gone in ~12 hours at the 1h burn rate',
    );
    expect(
      timeToExhaustionInWords({ ...pagingSlo, timeToExhaustion: 259_200 }),
    ).toBe('Budget gone in ~3 days at the 1h burn rate');
    expect(timeToExhaustionInWords(overspentSlo)).toBe(
      'The error budget is spent.',
    );
    expect(
      timeToExhaustionInWords({ ...healthySlo, timeToExhaustion: null }),
    ).toBe('Not burning budget at the 1h burn rate.');
    expect(timeToExhaustionInWords(noDataSlo)).toBeUndefined();
  });

  it('names the data source and explains missing or stale data', () => {
    expect(sourceInWords({ type: 'builtin' })).toBe('built-in store');
    expect(sourceInWords({ type: 'prometheus', name: 'main' })).toBe(
      'Prometheus (main)',
    );
    expect(noDataInWords(noDataSlo)).toBe(
      'No SLI data has arrived yet. Push events to POST /api/sre/slos/default/checkout-api-latency/events or check the exporter.',
    );
    expect(
      unavailableInWords({
        unavailableSince: '2026-11-20T08:15:00.000Z',
        lastError: 'connect ECONNREFUSED',
      }),
    ).toMatch(
      /^The data source has been unavailable since Nov 20, 2026, .+: connect ECONNREFUSED\. Showing the last known status\.$/,
    );
  });

  it('finds the windows of firing rules, page before ticket', () => {
    const windows = firingWindows([
      ...pagingSlo.rules,
      { ...overspentSlo.rules[2], firing: true },
    ]);
    expect(Object.fromEntries(windows)).toEqual({
      '1h': 'page',
      '5m': 'page',
      '1d': 'ticket',
      '2h': 'ticket',
    });
  });
});
