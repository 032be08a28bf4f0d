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

  it('accepts periods up to the 400 days hourly rollups are kept', () => {
    const calendar = { startTime: '2022-01-01 00:00:00', timeZone: 'UTC' };
    for (const duration of ['400d', '57w', '9600h']) {
      expect(window({ duration, isRolling: true }).problems).toEqual([]);
    }
    for (const duration of ['400d', '57w', '13M', '4Q', '1y']) {
      expect(window({ duration, isRolling: false, calendar }).problems).toEqual(
        [],
      );
    }
  });

  it.each([
    [{ duration: '401d', isRolling: true }, 'spans 401 days'],
    [{ duration: '58w', isRolling: true }, 'spans 406 days'],
    [{ duration: '9601h', isRolling: true }, 'spans 400.1 days'],
    [{ duration: '999999w', isRolling: true }, 'spans 6999993 days'],
    [{ duration: '401d', isRolling: false }, 'spans 401 days'],
    [{ duration: '14M', isRolling: false }, 'can span up to 428 days'],
    [{ duration: '5Q', isRolling: false }, 'can span up to 458 days'],
    [{ duration: '2y', isRolling: false }, 'can span up to 731 days'],
    [{ duration: '999999y', isRolling: false }, 'spans over 335999664 days'],
  ])('refuses the period %p, longer than 400 days', (item, span) => {
    const calendar = { startTime: '2022-01-01 00:00:00', timeZone: 'UTC' };
    const { result, problems } = window(
      item.isRolling ? item : { ...item, calendar },
    );
    expect(result).toBeUndefined();
    expect(problems).toEqual([
      {
        path: 'spec.timeWindow[0].duration',
        message: expect.stringContaining(
          `duration "${item.duration}" is too long: it ${span}`,
        ),
      },
    ]);
    expect(problems[0].message).toMatch(
      /but hourly rollups are kept for 400 days; use a period of at most 400 days, such as 1y, 4Q, 13M or 57w$/,
    );
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
    expect(slice('300s').ms).toBe(300_000);
    expect(slice(5).ms).toBe(300_000);
    expect(slice('1h', calendar).ms).toBe(3_600_000);
  });

  it.each([
    ['1m', 1],
    ['2m', 2],
    ['3m', 3],
    ['4m', 4],
    ['5m', 5],
    ['6m', 6],
    ['10m', 10],
    ['12m', 12],
    ['15m', 15],
    ['20m', 20],
    ['30m', 30],
    ['60m', 60],
    ['1h', 60],
    ['3600s', 60],
    [15, 15],
  ])('accepts %p, which divides an hour', (value, minutes) => {
    expect(slice(value)).toEqual({ ms: minutes * 60_000, problems: [] });
    expect(slice(value, calendar)).toEqual({
      ms: minutes * 60_000,
      problems: [],
    });
  });

  it.each(['8m', '7m', '90m', '45m', '2h', '3h', '1d', '30s', '90s', 8, 120])(
    'refuses %p, which does not divide an hour into whole minutes',
    value => {
      for (const period of [rolling, calendar]) {
        expect(slice(value, period)).toEqual({
          ms: undefined,
          problems: [
            {
              path: 'objective.timeSliceWindow',
              message: `timeSliceWindow ${JSON.stringify(
                value,
              )} cannot be counted: slices are counted per hour from buckets of whole minutes, so a slice must be whole minutes that divide an hour: 1m, 2m, 3m, 4m, 5m, 6m, 10m, 12m, 15m, 20m, 30m or 1h`,
            },
          ],
        });
      }
    },
  );

  it('requires a slice shorter than the period that divides it', () => {
    const short = {
      kind: 'rolling' as const,
      durationMs: 5_400_000,
      text: '90m',
    };
    expect(slice('1h', short).problems).toEqual([
      {
        path: 'objective.timeSliceWindow',
        message:
          'timeSliceWindow "1h" does not divide the 90m period into whole slices',
      },
    ]);
    const hour = {
      kind: 'rolling' as const,
      durationMs: 3_600_000,
      text: '1h',
    };
    expect(slice('1h', hour).ms).toBeUndefined();
    expect(slice('30m', hour).ms).toBe(1_800_000);
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
