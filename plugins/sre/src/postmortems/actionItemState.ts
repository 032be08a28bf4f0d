import {
  ActionItem,
  OPEN_ACTION_ITEM_STATUSES,
} from '@sre-catalog/backstage-plugin-sre-common';

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
