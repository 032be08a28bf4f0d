import { DateTime } from 'luxon';
import type { SloTimeWindow } from './definition';

/** @public The current period of an SLO: `[startMs, endMs)`, with `now` inside. */
export type SloPeriod = { startMs: number; endMs: number; lengthMs: number };

const LUXON_UNITS = {
  d: 'days',
  w: 'weeks',
  M: 'months',
  Q: 'quarters',
  y: 'years',
} as const;

/**
 * The period the SLO is judged over at `nowMs`. Rolling: the trailing duration.
 * Calendar: the calendar period (in the SLO's time zone, counted from its start
 * time) that contains now; its length is the actual length of that period, so a
 * 31-day month has a larger budget in time than a 30-day one.
 *
 * @public
 */
export function currentPeriod(window: SloTimeWindow, nowMs: number): SloPeriod {
  if (window.kind === 'rolling') {
    return {
      startMs: nowMs - window.durationMs,
      endMs: nowMs,
      lengthMs: window.durationMs,
    };
  }
  const unit = LUXON_UNITS[window.unit];
  const anchor = DateTime.fromISO(window.startTime, { zone: window.timeZone });
  const now = DateTime.fromMillis(nowMs, { zone: window.timeZone });
  // Whole periods elapsed since the anchor (may be negative before it).
  const elapsed = Math.floor(now.diff(anchor, unit).get(unit) / window.count);
  let start = anchor.plus({ [unit]: elapsed * window.count });
  if (start > now) start = start.minus({ [unit]: window.count });
  const end = start.plus({ [unit]: window.count });
  return {
    startMs: start.toMillis(),
    endMs: end.toMillis(),
    lengthMs: end.toMillis() - start.toMillis(),
  };
}
