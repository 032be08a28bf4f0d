import { isRunbookStale } from './staleness';

const now = Date.parse('2026-06-30T12:00:00Z');

describe('isRunbookStale', () => {
  it('is fresh up to the configured age and stale after it', () => {
    // 179.5 and 180.5 days before now.
    expect(isRunbookStale('2026-01-02', 180, now)).toBe(false);
    expect(isRunbookStale('2026-01-01', 180, now)).toBe(true);
    expect(isRunbookStale('2026-06-01', 30, now)).toBe(false);
    expect(isRunbookStale('2026-05-30', 30, now)).toBe(true);
  });

  it('accepts ISO date-times', () => {
    expect(isRunbookStale('2026-06-29T14:00:00Z', 1, now)).toBe(false);
    expect(isRunbookStale('2026-06-29T10:00:00Z', 1, now)).toBe(true);
  });

  it('calls a runbook without a usable review date stale', () => {
    expect(isRunbookStale(null, 180, now)).toBe(true);
    expect(isRunbookStale(undefined, 180, now)).toBe(true);
    expect(isRunbookStale('last spring', 180, now)).toBe(true);
  });
});
