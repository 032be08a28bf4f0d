import { engagementDaysLeft, engagementExpiry } from './engagementExpiry';

const at = (iso: string) => new Date(iso);

describe('engagementExpiry', () => {
  it('counts whole UTC days to the last day, whatever the time of day', () => {
    expect(engagementDaysLeft('2026-12-18', at('2026-12-04T00:00:00Z'))).toBe(
      14,
    );
    expect(engagementDaysLeft('2026-12-18', at('2026-12-04T23:59:59Z'))).toBe(
      14,
    );
    expect(engagementDaysLeft('2026-12-04', at('2026-12-04T12:00:00Z'))).toBe(
      0,
    );
    expect(engagementDaysLeft('2026-12-03', at('2026-12-04T12:00:00Z'))).toBe(
      -1,
    );
  });

  it('is expiring from 14 days before the last day up to it, expired after it', () => {
    const now = at('2026-12-04T10:00:00Z');
    expect(engagementExpiry('2026-12-19', now)).toBe('active');
    expect(engagementExpiry('2026-12-18', now)).toBe('expiring');
    expect(engagementExpiry('2026-12-04', now)).toBe('expiring');
    expect(engagementExpiry('2026-12-03', now)).toBe('expired');
  });

  it('has no answer for a value that is not a calendar date', () => {
    const now = at('2026-12-04T10:00:00Z');
    expect(engagementExpiry('2026-02-30', now)).toBeUndefined();
    expect(engagementExpiry('next spring', now)).toBeUndefined();
    expect(engagementExpiry('2026-12-18', at('invalid'))).toBeUndefined();
  });
});
