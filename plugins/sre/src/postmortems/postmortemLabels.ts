import { ResponseError } from '@backstage/errors';
import {
  ActionItem,
  ActionItemPriority,
  ActionItemStatus,
  OPEN_ACTION_ITEM_STATUSES,
  POSTMORTEM_BUDGET_THRESHOLD,
  PostmortemSeverity,
  PostmortemStatus,
  PostmortemTemplate,
} from '@sre-catalog/backstage-plugin-sre-common';

/** Title of the entity tab with the postmortems. */
export const POSTMORTEMS_TITLE = 'Incidents & postmortems';
/** Title of the postmortem library view of the SRE page. */
export const POSTMORTEM_LIBRARY_TITLE = 'Postmortem library';
/** Shown above the postmortem library. */
export const POSTMORTEM_LIBRARY_DESCRIPTION =
  'Every team’s postmortems in one place: search them, and learn from incidents elsewhere before they happen to you.';
/** Title of the recent learnings view of the SRE page. */
export const RECENT_LEARNINGS_TITLE = 'Recent learnings';
/** Shown above the recent learnings. */
export const RECENT_LEARNINGS_DESCRIPTION =
  'The lessons of the latest published postmortems, across teams.';

/** The message shown when an edit was based on a version someone else replaced. */
export const STALE_VERSION_MESSAGE =
  'Someone else changed this postmortem; reload it and apply your edit again.';

/** The error budget policy, in words, next to a postmortem that does not meet it. */
export const POLICY_FLAG_MESSAGE = `This incident used more than ${Math.round(
  POSTMORTEM_BUDGET_THRESHOLD * 100,
)}% of an SLO's budget: add a P0 action item.`;

/** One line per severity. */
export const SEVERITY_DESCRIPTIONS: Record<PostmortemSeverity, string> = {
  SEV1: 'Critical: a core journey down for many users, or data loss.',
  SEV2: 'Major: a core journey degraded, or a feature down for many users.',
  SEV3: 'Minor: a feature degraded for some users, with a workaround.',
  SEV4: 'Low: little or no user impact; worth learning from.',
};

/** Human labels of the postmortem states. */
export const POSTMORTEM_STATUS_LABELS: Record<PostmortemStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  published: 'Published',
};

/** Human labels of the two templates. */
export const TEMPLATE_LABELS: Record<PostmortemTemplate, string> = {
  quick: 'Quick',
  full: 'Full (blameless)',
};

/** Human labels of the action item priorities. */
export const PRIORITY_LABELS: Record<ActionItemPriority, string> = {
  P0: 'P0 (now)',
  P1: 'P1',
  P2: 'P2',
  P3: 'P3',
};

/** Human labels of the action item states. */
export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  'wont-do': "Won't do",
};

/** Whether an action item still needs work. */
export function isOpenActionItem(item: Pick<ActionItem, 'status'>): boolean {
  return (OPEN_ACTION_ITEM_STATUSES as readonly string[]).includes(item.status);
}

/** Today in UTC, `YYYY-MM-DD`, as the backend counts overdue items. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Due before today (UTC) and still open or in progress, as the backend counts it. */
export function isOverdueActionItem(
  item: Pick<ActionItem, 'status' | 'dueDate'>,
  now: Date = new Date(),
): boolean {
  return (
    isOpenActionItem(item) && !!item.dueDate && item.dueDate < todayUtc(now)
  );
}

/** Open and overdue action items of a postmortem. */
export function countActionItems(items: ActionItem[]): {
  open: number;
  overdue: number;
} {
  return {
    open: items.filter(isOpenActionItem).length,
    overdue: items.filter(item => isOverdueActionItem(item)).length,
  };
}

/** How long from one time to another, e.g. `1 h 25 min`; undefined when unknown. */
export function formatDuration(
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
    days ? `${days} d` : '',
    hours ? `${hours} h` : '',
    rest || (!days && !hours) ? `${rest} min` : '',
  ].filter(Boolean);
  return parts.join(' ');
}

/** A fraction of an error budget as a percentage: 0.253 -> `25.3%`. */
export function formatBudget(fraction: number): string {
  const percent = fraction * 100;
  return `${Number.isInteger(percent) ? percent : Number(percent.toFixed(1))}%`;
}

/** A field the backend named in a 400 answer, and what is wrong with it. */
export type FieldError = {
  /** The wire name, e.g. `title` or `actionItems[0].owner`. */
  field: string;
  message: string;
};

/** The message of a backend error, from its JSON body when there is one. */
export function errorMessage(error: Error): string {
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    const body = (error as ResponseError).body;
    return body?.error?.message ?? error.message;
  }
  return error.message;
}

/**
 * The field a 400 from the postmortem API names (`Invalid <field>: <message>`), or
 * undefined for other errors.
 */
export function fieldErrorOf(error: Error): FieldError | undefined {
  const status = (error as Partial<ResponseError>).statusCode;
  if (status !== 400) return undefined;
  const match = /^Invalid ([A-Za-z0-9_.[\]]+): ([\s\S]*)$/.exec(
    errorMessage(error),
  );
  return match ? { field: match[1], message: match[2] } : undefined;
}

/** Whether the error is the 409 of an edit based on a stale version. */
export function isStaleVersionError(error: Error): boolean {
  return (error as Partial<ResponseError>).statusCode === 409;
}

/** Whether the backend refused a write because the permission policy denied it (403). */
export function isNotAllowedError(error: Error): boolean {
  return (
    (error as Partial<ResponseError>).statusCode === 403 ||
    error.name === 'NotAllowedError'
  );
}
