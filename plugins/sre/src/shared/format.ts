/**
 * How the plugin writes times and dates for people, in one place so that every tab
 * shows the same instant the same way.
 */

/** One locale for every date and number the plugin formats. */
export const LOCALE = 'en-US';

/** `2026-11-20T08:15:00Z` -> `Nov 20, 2026, 8:15 AM` in the browser's time zone; `—` when absent. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/** `2026-11-02` or an ISO timestamp -> `Nov 2, 2026`; a date alone is a day, not an instant. */
export function formatDate(value: string | undefined): string {
  if (!value) return '—';
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dayOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(LOCALE, {
    dateStyle: 'medium',
    timeZone: dayOnly ? 'UTC' : undefined,
  }).format(date);
}
