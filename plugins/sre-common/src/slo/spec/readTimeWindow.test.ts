import {
  canonicalTimeZone,
  normaliseStartTime,
  readTimeSliceWindow,
  readTimeWindow,
} from './readTimeWindow';
import { SpecReader } from './SpecReader';

const DAY_MS = 86_400_000;

function window(item: unknown) {
  const reader = new SpecReader();
  const result = readTimeWindow(reader, { timeWindow: [item] }, 'spec');
  return { result, problems: reader.problems };
}

describe('normaliseStartTime', () => {
  it.each([
    ['2022-01-01 00:00:00', '2022-01-01T00:00:00'],
    ['2020-01-21 12:30:00', '2020-01-21T12:30:00'],
    ['2022-01-01', '2022-01-01T00:00:00'],
    ['2022-01-01 06:30', '2022-01-01T06:30:00'],
    ['2022-01-01T00:00:00Z', '2022-01-01T00:00:00Z'],
    ['2022-01-01T00:00:00.250+0100', '2022-01-01T00:00:00.250+01:00'],
    ['2024-02-29 00:00:00', '2024-02-29T00:00:00'],
    [new Date(Date.UTC(2022, 0, 1)), '2022-01-01T00:00:00Z'],
  ])('reads %p', (input, expected) => {
    expect(normaliseStartTime(input)).toBe(expected);
  });

  it.each([
    '2023-02-29 00:00:00',
    '2022-13-01 00:00:00',
    '2022-01-01 24:00:00',
    '2022-01-01 00:60:00',
    '01/01/2022',
    'yesterday',
    '2022-01-01T00:00:00+25:00',
    20220101,
  ])('rejects %p', input => {
    expect(normaliseStartTime(input)).toBeUndefined();
  });
});

describe('canonicalTimeZone', () => {
  it('accepts IANA zones and returns their canonical spelling', () => {
    expect(canonicalTimeZone('America/New_York')).toBe('America/New_York');
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
  });

  it('rejects unknown zones', () => {
    expect(canonicalTimeZone('Europe/Atlantis')).toBeUndefined();
  });
});

describe('readTimeWindow', () => {
  it('reads a rolling window', () => {
    expect(window({ duration: '4w', isRolling: true })).toEqual({
      result: { kind: 'rolling', durationMs: 28 * DAY_MS, text: '4w' },
      problems: [],
    });
  });

  it('reads a calendar window, with isRolling omitted as OpenSLO allows', () => {
    expect(
      window({
        duration: '1Q',
        calendar: { startTime: '2022-01-01 00:00:00', timeZone: 'UTC' },
      }).result,
    ).toEqual({
      kind: 'calendar',
      unit: 'Q',
      count: 1,
      startTime: '2022-01-01T00:00:00',
      timeZone: 'UTC',
      text: '1Q',
    });
  });

  it('reads calendar windows counted in days or weeks', () => {
    const calendar = {
      startTime: '2022-01-03 00:00:00',
      timeZone: 'Europe/Berlin',
    };
    expect(
      window({ duration: '2w', isRolling: false, calendar }).result,
    ).toMatchObject({ kind: 'calendar', unit: 'w', count: 2 });
    expect(
      window({ duration: '366d', isRolling: false, calendar }).result,
    ).toMatchObject({ kind: 'calendar', unit: 'd', count: 366 });
  });

  it('reports a time window item that is not a mapping', () => {
    expect(window('30d').problems).toEqual([
      {
        path: 'spec.timeWindow[0]',
        message:
          'timeWindow[0] must be a mapping with duration and isRolling, not "30d"',
      },
    ]);
  });

  it('reports a missing duration', () => {
    expect(window({ isRolling: true }).problems).toEqual([
      { path: 'spec.timeWindow[0].duration', message: 'duration is required' },
    ]);
  });
});

describe('readTimeSliceWindow', () => {
  const rolling = {
    kind: 'rolling' as const,
    durationMs: 30 * DAY_MS,
    text: '30d',
  };
  const calendar = {
    kind: 'calendar' as const,
    unit: 'M' as const,
    count: 1,
    startTime: '2022-01-01T00:00:00',
    timeZone: 'UTC',
    text: '1M',
  };

  function slice(value: unknown, period = rolling as any) {
    const reader = new SpecReader();
    const ms = readTimeSliceWindow(
      reader,
      { timeSliceWindow: value },
      'objective',
      period,
    );
    return { ms, problems: reader.problems };
  }

  it('reads durations and plain numbers of minutes', () => {
    expect(slice('1m').ms).toBe(60_000);
    expect(slice('30s').ms).toBe(30_000);
    expect(slice(5).ms).toBe(300_000);
    expect(slice('1h', calendar).ms).toBe(3_600_000);
  });

  it('requires a slice shorter than the period that divides it', () => {
    expect(slice('30d').problems).toEqual([
      {
        path: 'objective.timeSliceWindow',
        message:
          'timeSliceWindow "30d" does not divide the 30d period into whole slices',
      },
    ]);
    expect(slice('7h').ms).toBeUndefined();
  });

  it('rejects slices that are not whole minutes when given as a number', () => {
    expect(slice(1.5).problems).toEqual([
      {
        path: 'objective.timeSliceWindow',
        message:
          'timeSliceWindow 1.5 is not a fixed duration such as 1m or 5m (or a whole number of minutes)',
      },
    ]);
  });
});
