/**
 * The SLO benchmark's time axis and env knobs: the hour it evaluates at, the 30-day
 * period with a day before it, the tier cut and the oldest minute the push API takes.
 */
import { tierCut } from '../src/slos/sliTiers';

export const MIN = 60_000;
export const STEP = 5 * MIN;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const PERIOD_DAYS = 30;
export const NOW = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
export const FROM = NOW - (PERIOD_DAYS + 1) * DAY;
export const CUT = tierCut(NOW);
/** The oldest minute the push API accepts (FINE_RETENTION_MS - 1 h before now). */
export const FINE_FROM = NOW - 4 * DAY + HOUR;

export const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);
