import { currentPeriod } from './period';

describe('currentPeriod', () => {
  it('is the trailing duration for rolling windows', () => {
    const now = Date.UTC(2026, 10, 22, 12);
    expect(
      currentPeriod({ kind: 'rolling', durationMs: 1000, text: '1s' }, now),
    ).toEqual({ startMs: now - 1000, endMs: now, lengthMs: 1000 });
  });

  it('is the calendar month in the SLO time zone, with its real length', () => {
    const window = {
      kind: 'calendar' as const,
      unit: 'M' as const,
      count: 1,
      startTime: '2022-01-01T00:00:00',
      timeZone: 'Europe/Berlin',
      text: '1M',
    };
    // 2026-03-15: March has 31 days and a DST change (one hour less in Berlin).
    const p = currentPeriod(window, Date.UTC(2026, 2, 15, 12));
    expect(new Date(p.startMs).toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(new Date(p.endMs).toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(p.lengthMs).toBe((31 * 24 - 1) * 3_600_000);
    // Just before midnight Berlin on 31 January is still January.
    const jan = currentPeriod(window, Date.UTC(2026, 0, 31, 22, 59));
    expect(new Date(jan.startMs).toISOString()).toBe(
      '2025-12-31T23:00:00.000Z',
    );
  });

  it('counts multi-unit calendar periods from their anchor', () => {
    const window = {
      kind: 'calendar' as const,
      unit: 'w' as const,
      count: 2,
      startTime: '2026-01-05T00:00:00',
      timeZone: 'UTC',
      text: '2w',
    };
    const p = currentPeriod(window, Date.UTC(2026, 0, 20));
    expect(new Date(p.startMs).toISOString()).toBe('2026-01-19T00:00:00.000Z');
    expect(p.lengthMs).toBe(14 * 86_400_000);
  });
});
