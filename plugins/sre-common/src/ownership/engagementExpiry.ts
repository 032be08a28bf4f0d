import { isIsoDate } from '../postmortems/rules';
import { ENGAGEMENT_EXPIRY_WARNING_DAYS, EngagementExpiry } from './types';

const DAY_MS = 86_400_000;

/**
 * Whole days from the UTC day of `now` to the last day of a time-boxed engagement
 * (`until`, `YYYY-MM-DD`): 0 on the last day, negative once it is past; undefined
 * when `until` is not a calendar date.
 *
 * @public
 */
export function engagementDaysLeft(
  until: string,
  now: Date,
): number | undefined {
  if (!isIsoDate(until) || Number.isNaN(now.getTime())) return undefined;
  const today = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  return Math.round((Date.parse(`${until}T00:00:00Z`) - today) / DAY_MS);
}

/**
 * Where a time-boxed engagement (a service's `sre-catalog.io/engagement-until`, an
 * offering's `spec.interaction.until`) stands on the UTC day of `now`: `expired`
 * after its last day, `expiring` from {@link ENGAGEMENT_EXPIRY_WARNING_DAYS} days
 * before it up to and including the last day, `active` before that. Undefined
 * when `until` is not a calendar date.
 *
 * @public
 */
export function engagementExpiry(
  until: string,
  now: Date,
): EngagementExpiry | undefined {
  const daysLeft = engagementDaysLeft(until, now);
  if (daysLeft === undefined) return undefined;
  if (daysLeft < 0) return 'expired';
  return daysLeft <= ENGAGEMENT_EXPIRY_WARNING_DAYS ? 'expiring' : 'active';
}
