import { SloTimeWindow } from '../definition';
import { parseSloDuration } from '../durations';
import {
  HOURLY_RETENTION_MS,
  isCountableTimeSlice,
  TIME_SLICE_WINDOW_MINUTES,
} from '../storageLimits';
import { childPath, showValue, SpecObject, SpecReader } from './SpecReader';

const DAY_MS = 86_400_000;
const RETENTION_DAYS = HOURLY_RETENTION_MS / DAY_MS;

/**
 * `2022-01-01`, `2022-01-01 00:00`, `2022-01-01 00:00:00` (OpenSLO's form, local to
 * the calendar's time zone) and ISO-8601 with `T`, fractions and an offset.
 */
const START_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Normalises a calendar start to ISO-8601 `YYYY-MM-DDTHH:mm:ss`, keeping an offset
 * if one was given (without one it is local time of the calendar's time zone).
 * Returns undefined when the text is not a real date and time.
 */
export function normaliseStartTime(value: unknown): string | undefined {
  if (value instanceof Date) {
    // A YAML 1.1 timestamp that the parser already turned into an instant.
    return Number.isNaN(value.getTime())
      ? undefined
      : value.toISOString().replace('.000Z', 'Z');
  }
  if (typeof value !== 'string') return undefined;
  const match = START_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] =
    match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  let offset = '';
  if (zone === 'Z') offset = 'Z';
  else if (zone) {
    const digits = zone.replace(':', '');
    if (Number(digits.slice(1, 3)) > 23 || Number(digits.slice(3)) > 59) {
      return undefined;
    }
    offset = `${digits.slice(0, 3)}:${digits.slice(3)}`;
  }
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offset}`;
}

/** The canonical IANA name of a time zone, or undefined when the runtime does not know it. */
export function canonicalTimeZone(timeZone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone }).resolvedOptions()
      .timeZone;
  } catch {
    return undefined;
  }
}

/** How long a period lasts: exactly, at most (calendar months), or at least (absurdly many). */
type PeriodLength = { ms: number; bound: 'exact' | 'upTo' | 'atLeast' };

/**
 * The longest a calendar period of `months` months can last: 31-day months and a
 * leap day where they fall. Beyond a thousand years, a lower bound.
 */
function longestMonths(months: number): PeriodLength {
  if (months > 12_000) return { ms: months * 28 * DAY_MS, bound: 'atLeast' };
  let longest = 0;
  // Four years hold every start month with and without a leap day.
  for (let year = 2000; year < 2004; year++) {
    for (let month = 0; month < 12; month++) {
      longest = Math.max(
        longest,
        Date.UTC(year, month + months) - Date.UTC(year, month),
      );
    }
  }
  return { ms: longest, bound: 'upTo' };
}

const MONTHS_PER_UNIT = { M: 1, Q: 3, y: 12 } as const;
const SPANS = { exact: 'spans', upTo: 'can span up to', atLeast: 'spans over' };

/**
 * Reports a period longer than the hourly rollups are kept (its oldest part would
 * be gone before the period ends); true when it is within the limit.
 */
function checkPeriodLength(
  reader: SpecReader,
  path: string,
  text: string,
  length: PeriodLength,
): boolean {
  if (length.ms <= HOURLY_RETENTION_MS) return true;
  // Rounded up, so that 9601h does not read as 400 days.
  const days = Math.ceil((length.ms / DAY_MS) * 10) / 10;
  reader.problem(
    path,
    `duration ${showValue(text)} is too long: it ${
      SPANS[length.bound]
    } ${days} days, but hourly rollups are kept for ${RETENTION_DAYS} days; use a period of at most ${RETENTION_DAYS} days, such as 1y, 4Q, 13M or 57w`,
  );
  return false;
}

/**
 * Reads `spec.timeWindow` of an OpenSLO SLO: a list of exactly one window, rolling
 * (`duration` of fixed length, `isRolling: true`) or calendar-aligned (`isRolling:
 * false` or omitted, with `calendar.startTime` and `calendar.timeZone`).
 */
export function readTimeWindow(
  reader: SpecReader,
  spec: SpecObject | undefined,
  path: string,
): SloTimeWindow | undefined {
  const windows = reader.list(spec, path, 'timeWindow', { required: true });
  if (!windows) return undefined;
  const listPath = childPath(path, 'timeWindow');
  if (windows.length !== 1) {
    reader.problem(
      listPath,
      `timeWindow must have exactly one item, not ${windows.length}`,
    );
    if (windows.length === 0) return undefined;
  }
  const item = windows[0];
  const itemPath = childPath(listPath, 0);
  if (
    !reader.isMapping(
      item,
      itemPath,
      'timeWindow[0] must be a mapping with duration and isRolling',
    )
  ) {
    return undefined;
  }

  const text = reader.string(item, itemPath, 'duration', { required: true });
  const duration = text === undefined ? undefined : parseSloDuration(text);
  if (text !== undefined && !duration) {
    reader.problem(
      childPath(itemPath, 'duration'),
      `duration ${showValue(
        text,
      )} is not a duration such as 28d, 4w or 1M (a number and one of s, m, h, d, w, M, Q, y)`,
    );
  }
  const calendar = reader.object(item, itemPath, 'calendar');
  const isRolling =
    item.isRolling === undefined && item.calendar !== undefined
      ? false
      : reader.boolean(item, itemPath, 'isRolling', { required: true });

  if (isRolling === true) {
    if (item.calendar !== undefined) {
      reader.problem(
        childPath(itemPath, 'calendar'),
        'calendar cannot be used with isRolling: true; remove it or set isRolling: false',
      );
    }
    if (duration?.kind === 'calendar') {
      reader.problem(
        childPath(itemPath, 'duration'),
        `duration ${showValue(
          text,
        )} has no fixed length, which a rolling window needs; use days or weeks such as 30d, or set isRolling: false with a calendar`,
      );
      return undefined;
    }
    if (!duration) return undefined;
    if (
      !checkPeriodLength(
        reader,
        childPath(itemPath, 'duration'),
        duration.text,
        { ms: duration.ms, bound: 'exact' },
      )
    ) {
      return undefined;
    }
    return { kind: 'rolling', durationMs: duration.ms, text: duration.text };
  }
  if (isRolling !== false) return undefined;

  // A null calendar is as missing as an absent one (and must say so).
  if (item.calendar === undefined || item.calendar === null) {
    reader.problem(
      childPath(itemPath, 'calendar'),
      'calendar (startTime and timeZone) is required when isRolling is false',
    );
  }
  const calendarPath = childPath(itemPath, 'calendar');
  const startTimeValue = reader.value(calendar, calendarPath, 'startTime', {
    required: true,
  });
  const startTime =
    startTimeValue === undefined
      ? undefined
      : normaliseStartTime(startTimeValue);
  if (startTimeValue !== undefined && !startTime) {
    reader.problem(
      childPath(calendarPath, 'startTime'),
      `startTime ${showValue(
        startTimeValue,
      )} is not a date and time such as 2022-01-01 00:00:00 or 2022-01-01T00:00:00Z`,
    );
  }
  const zoneText = reader.string(calendar, calendarPath, 'timeZone', {
    required: true,
  });
  const timeZone =
    zoneText === undefined ? undefined : canonicalTimeZone(zoneText);
  if (zoneText !== undefined && !timeZone) {
    reader.problem(
      childPath(calendarPath, 'timeZone'),
      `timeZone ${showValue(
        zoneText,
      )} is not an IANA time zone such as Europe/Berlin or UTC`,
    );
  }

  let unit: 'd' | 'w' | 'M' | 'Q' | 'y' | undefined;
  let count: number | undefined;
  if (duration?.kind === 'calendar') {
    unit = duration.unit;
    count = duration.count;
  } else if (duration) {
    const last = duration.text.trim().slice(-1);
    if (last === 'd' || last === 'w') {
      unit = last;
      count = Number(duration.text.trim().slice(0, -1));
    } else {
      reader.problem(
        childPath(itemPath, 'duration'),
        `duration ${showValue(
          text,
        )} cannot be a calendar window; use days (d), weeks (w), months (M), quarters (Q) or years (y)`,
      );
    }
  }
  if (!unit || !count || !startTime || !timeZone || !duration) {
    return undefined;
  }
  const length: PeriodLength =
    unit === 'd' || unit === 'w'
      ? { ms: count * (unit === 'w' ? 7 : 1) * DAY_MS, bound: 'exact' }
      : longestMonths(count * MONTHS_PER_UNIT[unit]);
  if (
    !checkPeriodLength(
      reader,
      childPath(itemPath, 'duration'),
      duration.text,
      length,
    )
  ) {
    return undefined;
  }
  return {
    kind: 'calendar',
    unit,
    count,
    startTime,
    timeZone,
    text: duration.text,
  };
}

/** The allowed slice windows as text: `1m, 2m, … 30m or 1h`. */
function allowedSlices(): string {
  const texts = TIME_SLICE_WINDOW_MINUTES.map(m =>
    m % 60 === 0 ? `${m / 60}h` : `${m}m`,
  );
  return `${texts.slice(0, -1).join(', ')} or ${texts[texts.length - 1]}`;
}

/**
 * Reads an objective's `timeSliceWindow`: a fixed duration such as `1m`, or a number
 * of minutes as OpenSLO allows. The store counts slices per hour from buckets of
 * whole minutes, so a slice must be whole minutes that divide an hour; and it must
 * cut a rolling period into whole slices (every such slice divides a day, hence
 * any calendar period).
 */
export function readTimeSliceWindow(
  reader: SpecReader,
  objective: SpecObject,
  path: string,
  period: SloTimeWindow | undefined,
): number | undefined {
  const value = reader.value(objective, path, 'timeSliceWindow', {
    required: true,
  });
  if (value === undefined) return undefined;
  const slicePath = childPath(path, 'timeSliceWindow');
  let sliceMs: number | undefined;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value > 0) sliceMs = value * 60_000;
  } else if (typeof value === 'string') {
    const duration = parseSloDuration(value);
    if (duration?.kind === 'fixed') sliceMs = duration.ms;
  }
  if (sliceMs === undefined) {
    reader.problem(
      slicePath,
      `timeSliceWindow ${showValue(
        value,
      )} is not a fixed duration such as 1m or 5m (or a whole number of minutes)`,
    );
    return undefined;
  }
  if (!isCountableTimeSlice(sliceMs)) {
    reader.problem(
      slicePath,
      `timeSliceWindow ${showValue(
        value,
      )} cannot be counted: slices are counted per hour from buckets of whole minutes, so a slice must be whole minutes that divide an hour: ${allowedSlices()}`,
    );
    return undefined;
  }
  if (
    period?.kind === 'rolling' &&
    (sliceMs >= period.durationMs || period.durationMs % sliceMs !== 0)
  ) {
    reader.problem(
      slicePath,
      `timeSliceWindow ${showValue(value)} does not divide the ${
        period.text
      } period into whole slices`,
    );
    return undefined;
  }
  return sliceMs;
}
