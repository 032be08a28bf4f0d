import { InputError } from '@backstage/errors';
import {
  ListActionItemsRequest,
  ListPostmortemsRequest,
  isIsoDate,
  isIsoDateTime,
} from '@sre-catalog/backstage-plugin-sre-common';
import { ListActionItemsQuery, ListPostmortemsQuery } from './PostmortemStore';

/** Store queries from list requests: refs in lower case, bounds and pages checked. */

const DAY = 86_400_000;
const MAX_SEARCH_TERMS = 10;

export const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** A `from`/`to` bound in epoch milliseconds; a date covers its whole day (UTC). */
function boundMs(
  field: 'from' | 'to',
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  if (isIsoDate(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return field === 'from' ? start : start + DAY - 1;
  }
  if (isIsoDateTime(value)) return Date.parse(value);
  throw new InputError(
    `Invalid query parameter ${field}: must be a date (YYYY-MM-DD) or an ISO-8601 timestamp`,
  );
}

const clamp = (value: number | undefined, min: number, max: number) =>
  Math.min(max, Math.max(min, Math.floor(value ?? min)));

/** A page of a list: `limit` (default `defaultLimit`, at most `maxLimit`) and `offset`. */
export const pageOf = (
  request: { limit?: number; offset?: number },
  defaultLimit: number,
  maxLimit: number,
) => ({
  limit: clamp(request.limit ?? defaultLimit, 1, maxLimit),
  offset: clamp(request.offset, 0, Number.MAX_SAFE_INTEGER),
});

export function toListPostmortemsQuery(
  request: ListPostmortemsRequest,
): ListPostmortemsQuery {
  const terms = [
    ...new Set(
      lower(request.q ?? '')
        .split(/\s+/)
        .filter(Boolean),
    ),
  ].slice(0, MAX_SEARCH_TERMS);
  return {
    entityRef: request.entityRef && lower(request.entityRef),
    ownerRef: request.owner && lower(request.owner),
    severity: request.severity,
    status: request.status,
    tag: request.tag && lower(request.tag.trim()),
    fromMs: boundMs('from', request.from),
    toMs: boundMs('to', request.to),
    terms,
    ...pageOf(request, 20, 100),
  };
}

/**
 * @param today - the date (UTC) before which an open item is overdue
 * @param ownerRefs - the members of the requested team, and the team itself
 */
export function toListActionItemsQuery(
  request: ListActionItemsRequest,
  today: string,
  ownerRefs: string[] | undefined,
): ListActionItemsQuery {
  return {
    overdue: request.overdue,
    today,
    ownerRef: request.owner && lower(request.owner),
    ownerRefs,
    status: request.status,
    priority: request.priority,
    entityRef: request.entityRef && lower(request.entityRef),
    ...pageOf(request, 100, 500),
  };
}
