const DAY_MS = 86_400_000;

/** @public The default of `sre.runbooks.staleAfterDays`. */
export const DEFAULT_RUNBOOK_STALE_AFTER_DAYS = 180;

/**
 * Whether a runbook last reviewed on `lastReviewed` (`YYYY-MM-DD`, or an ISO-8601
 * date-time) is stale at `nowMs`: reviewed more than `staleAfterDays` days ago, or
 * never (no date, or one that is not a date).
 *
 * @public
 */
export function isRunbookStale(
  lastReviewed: string | null | undefined,
  staleAfterDays: number,
  nowMs: number,
): boolean {
  if (!lastReviewed) return true;
  const reviewedMs = Date.parse(
    /^\d{4}-\d{2}-\d{2}$/.test(lastReviewed)
      ? `${lastReviewed}T00:00:00Z`
      : lastReviewed,
  );
  if (Number.isNaN(reviewedMs)) return true;
  return nowMs - reviewedMs > staleAfterDays * DAY_MS;
}
