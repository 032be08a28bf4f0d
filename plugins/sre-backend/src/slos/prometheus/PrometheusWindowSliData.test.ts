import { PrometheusWindowSliData } from './PrometheusWindowSliData';

const NOW = Date.UTC(2026, 10, 22, 10, 0, 0, 250);

describe('PrometheusWindowSliData', () => {
  const data = new PrometheusWindowSliData(
    NOW,
    new Map([
      [300, { good: 99, total: 100 }],
      [1_850_400, { good: 9_990, total: 10_000 }],
    ]),
  );

  it('answers the windows it fetched, ending now', () => {
    expect(data.events(NOW - 300_000, NOW)).toEqual({ good: 99, total: 100 });
    // A calendar period start with milliseconds: rounded to whole seconds.
    expect(data.events(NOW - 1_850_400_250, NOW)).toEqual({
      good: 9_990,
      total: 10_000,
    });
  });

  it('refuses any other window instead of guessing', () => {
    expect(() => data.events(NOW - 600_000, NOW)).toThrow(
      'Prometheus was asked for windows of 300, 1850400 seconds ending at 2026-11-22T10:00:00.250Z, not for 2026-11-22T09:50:00.250Z to 2026-11-22T10:00:00.250Z',
    );
    expect(() => data.events(NOW - 360_000, NOW - 60_000)).toThrow(/not for/);
  });

  it('does not evaluate time slices', () => {
    expect(() => data.slices()).toThrow(/only Occurrences SLOs/);
  });
});
