import { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { formatDateTime } from '../shared/format';
import { SreTranslate } from '../translation';
import {
  budgetPercent,
  formatAmount,
  sloEventsPath,
  targetPercent,
} from './sloFormat';

/*
 * SLOs in words, from the `slos` messages of the translation ref. Helpers outside
 * components take the `t` of `useTranslationRef(sreTranslationRef)`.
 */

const CALENDAR_UNITS = ['M', 'Q', 'y'] as const;
type CalendarUnit = (typeof CALENDAR_UNITS)[number];
type FixedUnit = 's' | 'm' | 'h' | 'd' | 'w';

type Duration =
  | { count: number; calendar: true; unit: CalendarUnit }
  | { count: number; calendar: false; unit: FixedUnit };

function parseDuration(text: string): Duration | undefined {
  const match = /^([1-9][0-9]*)([smhdwMQy])$/.exec(text.trim());
  if (!match) return undefined;
  const count = Number(match[1]);
  const unit = match[2];
  const calendar = CALENDAR_UNITS.find(u => u === unit);
  return calendar
    ? { count, calendar: true, unit: calendar }
    : { count, calendar: false, unit: unit as FixedUnit };
}

/**
 * An SLO period in words: `28d` -> `28 days`, `4w` -> `4 weeks`, `1M` -> `each calendar
 * month`, `3M` -> `every 3 calendar months`. Unknown forms come back as written.
 */
export function periodInWords(t: SreTranslate, period: string): string {
  const parsed = parseDuration(period);
  if (!parsed) return period;
  return parsed.calendar
    ? t(`slos.period.calendar.${parsed.unit}`, { count: parsed.count })
    : t(`slos.period.fixed.${parsed.unit}`, { count: parsed.count });
}

/** `28d` -> `over 28 days`; calendar periods read on their own (`each calendar month`). */
function periodPhrase(t: SreTranslate, period: string): string {
  if (parseDuration(period)?.calendar) return periodInWords(t, period);
  return t('slos.period.over', { period: periodInWords(t, period) });
}

/** A time slice length as an adjective: `1m` -> `1-minute`, `30s` -> `30-second`. */
function sliceInWords(
  t: SreTranslate,
  window: string | undefined,
): string | undefined {
  const parsed = window ? parseDuration(window) : undefined;
  if (!parsed || parsed.calendar) return undefined;
  return t(`slos.slice.${parsed.unit}`, { length: String(parsed.count) });
}

/**
 * The objective in words, e.g. `99.9% of events are good over 28 days` or, for
 * time slices, `99.5% of 1-minute slices are good over 28 days` (the slice length
 * from the status, when it says it).
 */
export function objectiveInWords(
  t: SreTranslate,
  slo: Pick<
    SloStatus,
    'target' | 'period' | 'budgetingMethod' | 'timeSliceWindow'
  >,
): string {
  const target = targetPercent(slo.target);
  const period = periodPhrase(t, slo.period);
  const slice = sliceInWords(t, slo.timeSliceWindow);
  const slices = slice
    ? t('slos.objective.slicesOf', { slice })
    : t('slos.objective.timeSlices');
  switch (slo.budgetingMethod) {
    case 'Timeslices':
      return t('slos.objective.timeslices', { target, slices, period });
    case 'RatioTimeslices':
      return t('slos.objective.ratioTimeslices', { target, slices, period });
    default:
      return t('slos.objective.occurrences', { target, period });
  }
}

/**
 * The error budget left in words: `42.3% left`, `0% left`, `35% overspent` (with
 * the overspent share as a positive number), or `No data`.
 */
export function budgetRemainingInWords(
  t: SreTranslate,
  remaining: number | null,
): string {
  if (remaining === null) return t('slos.budget.noData');
  if (remaining < 0) {
    return t('slos.budget.overspent', { percent: budgetPercent(-remaining) });
  }
  return t('slos.budget.left', { percent: budgetPercent(remaining) });
}

/**
 * The budget in absolute terms: `4,238 of 9,500 bad events allowed` or `151 of
 * 201.6 bad minutes allowed`; undefined without data.
 */
export function budgetInWords(
  t: SreTranslate,
  budget: SloStatus['budget'],
): string | undefined {
  if (budget.allowed === null || budget.consumed === null) return undefined;
  const amounts = {
    consumed: formatAmount(budget.consumed),
    allowed: formatAmount(budget.allowed),
  };
  return budget.unit === 'events'
    ? t('slos.budget.badEvents', amounts)
    : t('slos.budget.badMinutes', amounts);
}

/** A duration in words, rounded: `less than a minute`, `40 minutes`, `5 hours`, `3 days`. */
export function durationInWords(t: SreTranslate, seconds: number): string {
  if (seconds < 60) return t('slos.duration.lessThanAMinute');
  if (seconds < 3600) {
    return t('slos.duration.minutes', { count: Math.round(seconds / 60) });
  }
  if (seconds < 48 * 3600) {
    return t('slos.duration.hours', { count: Math.round(seconds / 3600) });
  }
  return t('slos.duration.days', { count: Math.round(seconds / 86_400) });
}

/** How long ago, in words: `14 minutes ago`, `less than a minute ago`. */
export function agoInWords(t: SreTranslate, seconds: number): string {
  return t('slos.duration.ago', {
    duration: durationInWords(t, Math.max(0, seconds)),
  });
}

/** An interval in words: `30 seconds`, `2 minutes`, `1.5 minutes`. */
export function intervalInWords(t: SreTranslate, seconds: number): string {
  if (seconds < 60) return t('slos.interval.seconds', { count: seconds });
  const minutes = Math.round((seconds / 60) * 10) / 10;
  if (minutes < 60) return t('slos.interval.minutes', { count: minutes });
  const hours = Math.round((seconds / 3600) * 10) / 10;
  return t('slos.interval.hours', { count: hours });
}

/**
 * When the budget runs out at the current pace: `Budget gone in ~3 days at the 1h
 * burn rate`, or why that does not apply.
 */
export function timeToExhaustionInWords(
  t: SreTranslate,
  slo: Pick<
    SloStatus,
    'timeToExhaustion' | 'errorBudgetRemaining' | 'burnRates'
  >,
): string | undefined {
  const remaining = slo.errorBudgetRemaining;
  if (remaining === null) return undefined;
  if (remaining <= 0) return t('slos.exhaustion.spent');
  if (slo.timeToExhaustion !== null) {
    return t('slos.exhaustion.goneIn', {
      duration: durationInWords(t, slo.timeToExhaustion),
    });
  }
  if (slo.burnRates['1h'] === null) return t('slos.exhaustion.noRecentEvents');
  return t('slos.exhaustion.notBurning');
}

/** Where the SLI comes from, in words: `built-in store` or `Prometheus (main)`. */
export function sourceInWords(
  t: SreTranslate,
  source: SloStatus['source'],
): string {
  if (source.type === 'builtin') return t('slos.source.builtin');
  return source.name
    ? t('slos.source.namedPrometheus', { name: source.name })
    : t('slos.source.prometheus');
}

/** What to do when an SLO has no data yet. */
export function noDataInWords(
  t: SreTranslate,
  slo: Pick<SloStatus, 'sloRef' | 'source'>,
): string {
  if (slo.source.type === 'builtin') {
    return t('slos.noData.builtin', { path: sloEventsPath(slo.sloRef) });
  }
  return t('slos.noData.prometheus', { source: sourceInWords(t, slo.source) });
}

/** Why an SLO shows old numbers. */
export function unavailableInWords(
  t: SreTranslate,
  slo: Pick<SloStatus, 'unavailableSince' | 'lastError'>,
): string {
  const error = slo.lastError ?? '';
  if (slo.unavailableSince) {
    const date = formatDateTime(slo.unavailableSince);
    return error
      ? t('slos.unavailable.sinceWithError', { date, error })
      : t('slos.unavailable.since', { date });
  }
  return error
    ? t('slos.unavailable.withError', { error })
    : t('slos.unavailable.plain');
}

/** Why an SLO's numbers may be old: its evaluation is behind. */
export function staleInWords(
  t: SreTranslate,
  stale: NonNullable<SloStatus['stale']>,
): string {
  return t('slos.stale', { ago: agoInWords(t, stale.ageSeconds) });
}

/** The pushes to an SLO that could not be applied, and the last reason. */
export function refusedInWords(
  t: SreTranslate,
  refused: NonNullable<SloStatus['refused']>,
): string {
  return t('slos.refused', {
    count: refused.count,
    error: refused.lastError,
    date: formatDateTime(refused.lastAt),
  });
}
