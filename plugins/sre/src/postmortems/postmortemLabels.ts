import { POSTMORTEM_BUDGET_THRESHOLD } from '@sre-catalog/backstage-plugin-sre-common';
import { SreTranslate } from '../translation';

/*
 * Postmortems in words, from the `postmortems` messages of the translation ref; the
 * action item rules are in actionItemState.ts, the API errors in postmortemErrors.ts.
 */

/** Title of the entity tab with the postmortems (the tab's extension title). */
export const POSTMORTEMS_TITLE = 'Incidents & postmortems';

/** The error budget policy, in words, next to a postmortem that does not meet it. */
export function policyFlagMessage(t: SreTranslate): string {
  return t('postmortems.policyFlag', {
    threshold: String(Math.round(POSTMORTEM_BUDGET_THRESHOLD * 100)),
  });
}

/** How long from one time to another, e.g. `1 h 25 min`; undefined when unknown. */
export function formatDuration(
  t: SreTranslate,
  from: string | undefined,
  to: string | undefined,
): string | undefined {
  if (!from || !to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  const parts = [
    days ? t('postmortems.duration.days', { value: String(days) }) : '',
    hours ? t('postmortems.duration.hours', { value: String(hours) }) : '',
    rest || (!days && !hours)
      ? t('postmortems.duration.minutes', { value: String(rest) })
      : '',
  ].filter(Boolean);
  return parts.join(' ');
}

/** A fraction of an error budget as a percentage: 0.253 -> `25.3%`. */
export function formatBudget(fraction: number): string {
  const percent = fraction * 100;
  return `${Number.isInteger(percent) ? percent : Number(percent.toFixed(1))}%`;
}
