import {
  ActionItemEntry,
  ListActionItemsResponse,
  OPEN_ACTION_ITEM_STATUSES,
  PostmortemSeverity,
  PostmortemStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import { Knex } from 'knex';
import { applyPostmortemReadFilter } from './applyPostmortemReadFilter';
import { iso, toActionItem } from './postmortemRows';
import { ListActionItemsQuery, PostmortemReadFilter } from './PostmortemStore';
import {
  ACTION_ITEMS,
  ActionItemRow,
  ENTITIES,
  Millis,
  POSTMORTEMS,
} from './postmortemTables';

/** An action item row with the columns of its postmortem that an entry shows. */
type ActionItemEntryRow = ActionItemRow & {
  postmortem_title: string;
  postmortem_severity: string;
  postmortem_status: string;
  postmortem_started_at: Millis;
  postmortem_entity_refs: string;
};

/**
 * Action items across postmortems the caller may read: those without a due date
 * last, then by due date, priority, newest incident and position.
 */
export async function listActionItems(
  db: Knex,
  query: ListActionItemsQuery,
  filter: PostmortemReadFilter,
): Promise<ListActionItemsResponse> {
  const open = [...OPEN_ACTION_ITEM_STATUSES];
  const filtered = applyPostmortemReadFilter(
    db,
    db(`${ACTION_ITEMS} as a`).join(
      `${POSTMORTEMS} as p`,
      'p.id',
      'a.postmortem_id',
    ),
    filter,
  );
  if (query.ownerRef) filtered.where('a.owner_ref', query.ownerRef);
  if (query.ownerRefs) filtered.whereIn('a.owner_ref', query.ownerRefs);
  if (query.status) filtered.where('a.status', query.status);
  if (query.priority) filtered.where('a.priority', query.priority);
  if (query.entityRef) {
    filtered.whereIn(
      'a.postmortem_id',
      db(ENTITIES).select('postmortem_id').where('entity_ref', query.entityRef),
    );
  }
  if (query.overdue === true) {
    filtered.where('a.due_date', '<', query.today).whereIn('a.status', open);
  } else if (query.overdue === false) {
    filtered.where(q =>
      q
        .whereNull('a.due_date')
        .orWhere('a.due_date', '>=', query.today)
        .orWhereNotIn('a.status', open),
    );
  }
  const [{ count }] = (await filtered.clone().count({ count: '*' })) as {
    count: number | string;
  }[];
  const rows: ActionItemEntryRow[] = await filtered
    .clone()
    .select(
      'a.*',
      'p.title as postmortem_title',
      'p.severity as postmortem_severity',
      'p.status as postmortem_status',
      'p.started_at as postmortem_started_at',
      'p.entity_refs as postmortem_entity_refs',
    )
    .orderByRaw('case when a.due_date is null then 1 else 0 end')
    .orderBy([
      { column: 'a.due_date', order: 'asc' },
      { column: 'a.priority', order: 'asc' },
      { column: 'p.started_at', order: 'desc' },
      { column: 'a.postmortem_id', order: 'asc' },
      { column: 'a.position', order: 'asc' },
    ])
    .limit(query.limit)
    .offset(query.offset);
  const items: ActionItemEntry[] = rows.map(row => {
    const item = toActionItem(row);
    return {
      ...item,
      overdue:
        !!item.dueDate &&
        item.dueDate < query.today &&
        open.some(s => s === item.status),
      postmortem: {
        id: row.postmortem_id,
        title: row.postmortem_title,
        severity: row.postmortem_severity as PostmortemSeverity,
        status: row.postmortem_status as PostmortemStatus,
        startedAt: iso(row.postmortem_started_at),
        entityRefs: JSON.parse(row.postmortem_entity_refs),
      },
    };
  });
  return { items, totalCount: Number(count) };
}
