import { parseEntityRef } from '@backstage/catalog-model';
import {
  AlertSeverity,
  SloStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import { LOCALE, formatDateTime } from '../shared/format';

/** Title of the SLO review view of the SRE page. */
export const SLO_REVIEW_TITLE = 'SLO review';
/** What the SLO review view is for. */
export const SLO_REVIEW_DESCRIPTION =
  'Every SLO of the organisation, least error budget left first: the list to go through together in the SLO review meeting.';

/** `0.999` -> `99.9%`, `0.9995` -> `99.95%`, `0.99` -> `99%`. */
export function targetPercent(target: number): string {
  return `${new Intl.NumberFormat(LOCALE, {
    maximumFractionDigits: 4,
  }).format(target * 100)}%`;
}

/** Decimals of the target as a percentage: 99.9 -> 1, 99.95 -> 2, 99 -> 0. */
function targetDecimals(target: number): number {
  const text = targetPercent(target).replace('%', '');
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * The SLI as a percentage, two decimals finer than the target and rounded down, so
 * that an SLI just below the target never shows as the target itself.
 */
export function formatSli(sli: number | null, target: number): string {
  if (sli === null) return '—';
  const decimals = Math.min(Math.max(targetDecimals(target) + 2, 2), 5);
  const factor = 10 ** decimals;
  // The epsilon absorbs float noise such as 0.999 * 1e5 = 99899.99999.
  const floored = Math.floor(sli * 100 * factor + 1e-6) / factor;
  return `${new Intl.NumberFormat(LOCALE, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(floored)}%`;
}

const UNIT_WORDS: Record<string, [string, string]> = {
  s: ['second', 'seconds'],
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  w: ['week', 'weeks'],
  M: ['calendar month', 'calendar months'],
  Q: ['calendar quarter', 'calendar quarters'],
  y: ['calendar year', 'calendar years'],
};

const CALENDAR_UNITS = ['M', 'Q', 'y'];

function parseDuration(
  text: string,
): { count: number; unit: string } | undefined {
  const match = /^([1-9][0-9]*)([smhdwMQy])$/.exec(text.trim());
  return match ? { count: Number(match[1]), unit: match[2] } : undefined;
}

/**
 * An SLO period in words: `28d` -> `28 days`, `4w` -> `4 weeks`, `1M` -> `each calendar
 * month`, `3M` -> `every 3 calendar months`. Unknown forms come back as written.
 */
export function periodInWords(period: string): string {
  const parsed = parseDuration(period);
  if (!parsed) return period;
  const [one, many] = UNIT_WORDS[parsed.unit];
  if (CALENDAR_UNITS.includes(parsed.unit)) {
    return parsed.count === 1 ? `each ${one}` : `every ${parsed.count} ${many}`;
  }
  return `${parsed.count} ${parsed.count === 1 ? one : many}`;
}

/** `28d` -> `over 28 days`; calendar periods read on their own (`each calendar month`). */
function periodPhrase(period: string): string {
  const parsed = parseDuration(period);
  if (parsed && CALENDAR_UNITS.includes(parsed.unit)) {
    return periodInWords(period);
  }
  return `over ${periodInWords(period)}`;
}

/** A time slice length as an adjective: `1m` -> `1-minute`, `30s` -> `30-second`. */
export function sliceInWords(window: string | undefined): string | undefined {
  const parsed = window ? parseDuration(window) : undefined;
  if (!parsed || CALENDAR_UNITS.includes(parsed.unit)) return undefined;
  return `${parsed.count}-${UNIT_WORDS[parsed.unit][0]}`;
}

/**
 * The objective in words, e.g. `99.9% of events are good over 28 days` or, for
 * time slices, `99.5% of 1-minute slices are good over 28 days` (the slice length
 * from the status, when it says it).
 */
export function objectiveInWords(
  slo: Pick<
    SloStatus,
    'target' | 'period' | 'budgetingMethod' | 'timeSliceWindow'
  >,
): string {
  const target = targetPercent(slo.target);
  const period = periodPhrase(slo.period);
  const slice = sliceInWords(slo.timeSliceWindow);
  switch (slo.budgetingMethod) {
    case 'Timeslices':
      return `${target} of ${
        slice ? `${slice} slices` : 'time slices'
      } are good ${period}`;
    case 'RatioTimeslices':
      return `${target} good on average across ${
        slice ? `${slice} slices` : 'time slices'
      } ${period}`;
    default:
      return `${target} of events are good ${period}`;
  }
}

/** The name of an SLO: its display name, else the name in its ref. */
export function sloTitle(slo: Pick<SloStatus, 'sloRef' | 'displayName'>) {
  if (slo.displayName) return slo.displayName;
  try {
    return parseEntityRef(slo.sloRef).name;
  } catch {
    return slo.sloRef;
  }
}

/** `0.423` -> `42.3%`; negative stays negative. */
export function budgetPercent(remaining: number): string {
  return `${new Intl.NumberFormat(LOCALE, {
    maximumFractionDigits: 1,
  }).format(remaining * 100)}%`;
}

/** Whether more than the whole budget has been spent. */
export function isOverspent(remaining: number | null): boolean {
  return remaining !== null && remaining < 0;
}

/**
 * The error budget left in words: `42.3% left`, `0% left`, `35% overspent` (with
 * the overspent share as a positive number), or `No data`.
 */
export function budgetRemainingInWords(remaining: number | null): string {
  if (remaining === null) return 'No data';
  if (remaining < 0) return `${budgetPercent(-remaining)} overspent`;
  return `${budgetPercent(remaining)} left`;
}

function formatAmount(value: number): string {
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 }).format(
    value,
  );
}

/**
 * The budget in absolute terms: `4,238 of 9,500 bad events allowed` or `151 of
 * 201.6 bad minutes allowed`; undefined without data.
 */
export function budgetInWords(budget: SloStatus['budget']): string | undefined {
  if (budget.allowed === null || budget.consumed === null) return undefined;
  const unit = budget.unit === 'events' ? 'bad events' : 'bad minutes';
  return `${formatAmount(budget.consumed)} of ${formatAmount(
    budget.allowed,
  )} ${unit} allowed`;
}

/** A burn rate as a multiple of the sustainable rate: `14.4×`, `0.31×`, `—`. */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${new Intl.NumberFormat(LOCALE, {
    maximumFractionDigits: rate < 10 ? 2 : 1,
  }).format(rate)}×`;
}

/** A burn-rate threshold, precise to two decimals: `13.44×`, `0.93×`, `6×`. */
export function formatThreshold(threshold: number): string {
  return `${new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }).format(
    threshold,
  )}×`;
}

/** A duration in words, rounded: `less than a minute`, `40 minutes`, `5 hours`, `3 days`. */
export function durationInWords(seconds: number): string {
  const plural = (n: number, unit: string) =>
    `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return 'less than a minute';
  if (seconds < 3600) return plural(Math.round(seconds / 60), 'minute');
  if (seconds < 48 * 3600) return plural(Math.round(seconds / 3600), 'hour');
  return plural(Math.round(seconds / 86_400), 'day');
}

/**
 * When the budget runs out at the current pace: `Budget gone in ~3 days at the 1h
 * burn rate`, or why that does not apply.
 */
export function timeToExhaustionInWords(
  slo: Pick<
    SloStatus,
    'timeToExhaustion' | 'errorBudgetRemaining' | 'burnRates'
  >,
): string | undefined {
  const remaining = slo.errorBudgetRemaining;
  if (remaining === null) return undefined;
  if (remaining <= 0) {
    return 'The error budget is spent.';
  }
  if (slo.timeToExhaustion !== null) {
    return `Budget gone in ~${durationInWords(
      slo.timeToExhaustion,
    )} at the 1h burn rate`;
  }
  if (slo.burnRates['1h'] === null) {
    return 'No events in the last hour to project the budget from.';
  }
  return 'Not burning budget at the 1h burn rate.';
}

/** The alert state of an SLO in one word. */
export const ALERT_LABELS: Record<SloStatus['alert'], string> = {
  page: 'Page',
  ticket: 'Ticket',
  none: 'OK',
};

/** What each alert state means, for tooltips. */
export const ALERT_DESCRIPTIONS: Record<SloStatus['alert'], string> = {
  page: 'A page rule fires: the budget burns fast enough to need someone now.',
  ticket:
    'A ticket rule fires: the budget burns too fast to last the period; look at it during working hours.',
  none: 'No burn-rate rule fires.',
};

/** Where the SLI comes from, in words: `built-in store` or `Prometheus (main)`. */
export function sourceInWords(source: SloStatus['source']): string {
  if (source.type === 'builtin') return 'built-in store';
  return source.name ? `Prometheus (${source.name})` : 'Prometheus';
}

/** The URL path of the push API of a built-in SLO. */
export function sloEventsPath(sloRef: string): string {
  try {
    const { namespace, name } = parseEntityRef(sloRef, {
      defaultKind: 'slo',
      defaultNamespace: 'default',
    });
    return `/api/sre/slos/${namespace}/${name}/events`;
  } catch {
    return '/api/sre/slos/{namespace}/{name}/events';
  }
}

/** What to do when an SLO has no data yet. */
export function noDataInWords(slo: Pick<SloStatus, 'sloRef' | 'source'>) {
  if (slo.source.type === 'builtin') {
    return `No SLI data has arrived yet. Push events to POST ${sloEventsPath(
      slo.sloRef,
    )} or check the exporter.`;
  }
  return `No SLI data has arrived yet. Check that the queries of this SLO return data in ${sourceInWords(
    slo.source,
  )}.`;
}

/** Why an SLO shows old numbers. */
export function unavailableInWords(
  slo: Pick<SloStatus, 'unavailableSince' | 'lastError'>,
): string {
  const since = slo.unavailableSince
    ? ` since ${formatDateTime(slo.unavailableSince)}`
    : '';
  const error = slo.lastError ? `: ${slo.lastError}` : '';
  return `The data source has been unavailable${since}${error}. Showing the last known status.`;
}

/** The windows of the rules that fire, with the most severe alert among them. */
export function firingWindows(
  rules: SloStatus['rules'],
): Map<string, AlertSeverity> {
  const windows = new Map<string, AlertSeverity>();
  for (const rule of rules) {
    if (!rule.firing) continue;
    for (const window of [rule.longWindow, rule.shortWindow]) {
      if (windows.get(window) !== 'page') windows.set(window, rule.severity);
    }
  }
  return windows;
}

/** How long ago, in words: `14 minutes ago`, `less than a minute ago`. */
export function agoInWords(seconds: number): string {
  return `${durationInWords(Math.max(0, seconds))} ago`;
}

/** Seconds from an ISO time to now (0 for a time in the future or no time). */
export function secondsSince(iso: string, nowMs: number = Date.now()): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : Math.max(0, (nowMs - ms) / 1000);
}

/** Why an SLO's numbers may be old: its evaluation is behind. */
export function staleInWords(stale: NonNullable<SloStatus['stale']>): string {
  return `Last evaluated ${agoInWords(
    stale.ageSeconds,
  )}; evaluation is behind, so the numbers and alert state shown are the last ones computed.`;
}

/** The pushes to an SLO that could not be applied, and the last reason. */
export function refusedInWords(
  refused: NonNullable<SloStatus['refused']>,
): string {
  const { count } = refused;
  const pushes =
    count === 1 ? '1 push of SLI data was' : `${count} pushes of SLI data were`;
  return `${pushes} refused: ${refused.lastError} (last on ${formatDateTime(
    refused.lastAt,
  )}).`;
}

/** A size in bytes for people: `512 B`, `3.3 MiB`, `256 MiB`. */
export function bytesInWords(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(LOCALE, {
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value)} ${units[unit]}`;
}

/** A count with its noun: `1 push`, `1,250 pushes`. */
export function countInWords(count: number, one: string, many: string) {
  return `${new Intl.NumberFormat(LOCALE).format(count)} ${
    count === 1 ? one : many
  }`;
}

/** An interval in words: `30 seconds`, `2 minutes`, `1.5 minutes`. */
export function intervalInWords(seconds: number): string {
  if (seconds < 60) return countInWords(seconds, 'second', 'seconds');
  const minutes = Math.round((seconds / 60) * 10) / 10;
  if (minutes < 60) return countInWords(minutes, 'minute', 'minutes');
  const hours = Math.round((seconds / 3600) * 10) / 10;
  return countInWords(hours, 'hour', 'hours');
}
