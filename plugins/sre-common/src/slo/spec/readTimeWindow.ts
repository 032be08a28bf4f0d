import { SloTimeWindow } from '../definition';
import { parseSloDuration } from '../durations';
import {
  childPath,
  isSpecObject,
  showValue,
  SpecObject,
  SpecReader,
} from './SpecReader';

const DAY_MS = 86_400_000;

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
  if (!isSpecObject(item)) {
    reader.problem(
      itemPath,
      `timeWindow[0] must be a mapping with duration and isRolling, not ${showValue(
        item,
      )}`,
    );
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
    return { kind: 'rolling', durationMs: duration.ms, text: duration.text };
  }
  if (isRolling !== false) return undefined;

  if (item.calendar === undefined) {
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
  return {
    kind: 'calendar',
    unit,
    count,
    startTime,
    timeZone,
    text: duration.text,
  };
}

/**
 * Reads an objective's `timeSliceWindow`: a fixed duration such as `1m`, or a number
 * of minutes as OpenSLO allows. It must cut the period into whole slices: divide a
 * rolling period, or a day for calendar periods (whose length varies).
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
  if (period?.kind === 'rolling') {
    if (sliceMs >= period.durationMs || period.durationMs % sliceMs !== 0) {
      reader.problem(
        slicePath,
        `timeSliceWindow ${showValue(value)} does not divide the ${
          period.text
        } period into whole slices`,
      );
      return undefined;
    }
  } else if (period?.kind === 'calendar' && DAY_MS % sliceMs !== 0) {
    reader.problem(
      slicePath,
      `timeSliceWindow ${showValue(
        value,
      )} does not divide a day; calendar periods vary in length, so their slices must divide a day`,
    );
    return undefined;
  }
  return sliceMs;
}
