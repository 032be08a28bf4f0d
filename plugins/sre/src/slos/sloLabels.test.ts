import {
  budgetInWords,
  budgetRemainingInWords,
  agoInWords,
  durationInWords,
  intervalInWords,
  noDataInWords,
  objectiveInWords,
  periodInWords,
  refusedInWords,
  sourceInWords,
  timeToExhaustionInWords,
  unavailableInWords,
} from './sloLabels';
import { sreTranslate as t } from '../__testUtils__/sreTranslate';
import {
  healthySlo,
  noDataSlo,
  overspentSlo,
  pagingSlo,
} from '../__testUtils__/sloFixtures';

describe('SLO labels', () => {
  it('says periods in words, calendar ones as such', () => {
    expect(periodInWords(t, '28d')).toBe('28 days');
    expect(periodInWords(t, '1d')).toBe('1 day');
    expect(periodInWords(t, '4w')).toBe('4 weeks');
    expect(periodInWords(t, '1M')).toBe('each calendar month');
    expect(periodInWords(t, '3M')).toBe('every 3 calendar months');
    expect(periodInWords(t, '1Q')).toBe('each calendar quarter');
    expect(periodInWords(t, '1y')).toBe('each calendar year');
    expect(periodInWords(t, 'weird')).toBe('weird');
  });

  it('says the objective in words for each budgeting method', () => {
    expect(objectiveInWords(t, healthySlo)).toBe(
      '99.9% of events are good over 28 days',
    );
    expect(
      objectiveInWords(t, { ...healthySlo, target: 0.995, period: '1M' }),
    ).toBe('99.5% of events are good each calendar month');
    expect(
      objectiveInWords(t, {
        target: 0.995,
        period: '28d',
        budgetingMethod: 'Timeslices',
        timeSliceWindow: '1m',
      }),
    ).toBe('99.5% of 1-minute slices are good over 28 days');
    expect(
      objectiveInWords(t, {
        target: 0.995,
        period: '4w',
        budgetingMethod: 'Timeslices',
      }),
    ).toBe('99.5% of time slices are good over 4 weeks');
    expect(
      objectiveInWords(t, {
        target: 0.99,
        period: '30d',
        budgetingMethod: 'RatioTimeslices',
        timeSliceWindow: '5m',
      }),
    ).toBe('99% good on average across 5-minute slices over 30 days');
  });

  it('says an overspent budget as overspent, with the amount', () => {
    expect(budgetRemainingInWords(t, 0.7)).toBe('70% left');
    expect(budgetRemainingInWords(t, 0.4234)).toBe('42.3% left');
    expect(budgetRemainingInWords(t, 0)).toBe('0% left');
    expect(budgetRemainingInWords(t, -0.35)).toBe('35% overspent');
    expect(budgetRemainingInWords(t, null)).toBe('No data');
  });

  it('says the budget in absolute terms', () => {
    expect(
      budgetInWords(t, { unit: 'events', allowed: 9500, consumed: 4238 }),
    ).toBe('4,238 of 9,500 bad events allowed');
    expect(
      budgetInWords(t, { unit: 'minutes', allowed: 201.6, consumed: 151 }),
    ).toBe('151 of 201.6 bad minutes allowed');
    expect(
      budgetInWords(t, { unit: 'events', allowed: null, consumed: null }),
    ).toBeUndefined();
  });

  it('says when the budget is gone at the 1h burn rate', () => {
    expect(durationInWords(t, 30)).toBe('less than a minute');
    expect(durationInWords(t, 40 * 60)).toBe('40 minutes');
    expect(durationInWords(t, 3600)).toBe('1 hour');
    expect(durationInWords(t, 3 * 86_400)).toBe('3 days');
    expect(timeToExhaustionInWords(t, pagingSlo)).toBe(
      'Budget gone in ~12 hours at the 1h burn rate',
    );
    expect(
      timeToExhaustionInWords(t, { ...pagingSlo, timeToExhaustion: 259_200 }),
    ).toBe('Budget gone in ~3 days at the 1h burn rate');
    expect(timeToExhaustionInWords(t, overspentSlo)).toBe(
      'The error budget is spent.',
    );
    expect(
      timeToExhaustionInWords(t, { ...healthySlo, timeToExhaustion: null }),
    ).toBe('Not burning budget at the 1h burn rate.');
    expect(timeToExhaustionInWords(t, noDataSlo)).toBeUndefined();
  });

  it('names the data source and explains missing or stale data', () => {
    expect(sourceInWords(t, { type: 'builtin' })).toBe('built-in store');
    expect(sourceInWords(t, { type: 'prometheus', name: 'main' })).toBe(
      'Prometheus (main)',
    );
    expect(noDataInWords(t, noDataSlo)).toBe(
      'No SLI data has arrived yet. Push events to POST /api/sre/slos/default/checkout-api-latency/events or check the exporter.',
    );
    expect(
      unavailableInWords(t, {
        unavailableSince: '2026-11-20T08:15:00.000Z',
        lastError: 'connect ECONNREFUSED',
      }),
    ).toMatch(
      /^The data source has been unavailable since Nov 20, 2026, .+: connect ECONNREFUSED\. Showing the last known status\.$/,
    );
  });

  it('says intervals, counts and refused pushes with their plurals', () => {
    expect(intervalInWords(t, 30)).toBe('30 seconds');
    expect(intervalInWords(t, 60)).toBe('1 minute');
    expect(intervalInWords(t, 90)).toBe('1.5 minutes');
    expect(intervalInWords(t, 7200)).toBe('2 hours');
    expect(t('slos.count.pushes', { count: 1 })).toBe('1 push');
    expect(t('slos.count.pushes', { count: 1250 })).toBe('1,250 pushes');
    expect(agoInWords(t, -5)).toBe('less than a minute ago');
    const refused = { lastError: 'bad bucket', lastAt: '2026-11-20T08:15:00Z' };
    expect(refusedInWords(t, { ...refused, count: 1 })).toMatch(
      /^1 push of SLI data was refused: bad bucket \(last on Nov 20, 2026, .+\)\.$/,
    );
    expect(refusedInWords(t, { ...refused, count: 3 })).toMatch(
      /^3 pushes of SLI data were refused: bad bucket/,
    );
  });
});
