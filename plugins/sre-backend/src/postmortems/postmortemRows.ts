import {
  ActionItem,
  ActionItemPriority,
  ActionItemStatus,
  Postmortem,
  PostmortemSeverity,
  PostmortemStatus,
  PostmortemTemplate,
} from '@sre-catalog/backstage-plugin-sre-common';
import { PostmortemContent, PostmortemWrite } from './PostmortemStore';
import { ActionItemRow, Millis, PostmortemRow } from './postmortemTables';

/** Conversions between postmortems and their table rows, both ways. */

export const iso = (ms: Millis) => new Date(Number(ms)).toISOString();
const isoOrUndefined = (ms: Millis | null) =>
  ms === null || ms === undefined ? undefined : iso(ms);
const msOf = (value: string) => Date.parse(value);
const msOrNull = (value: string | undefined) =>
  value === undefined ? null : Date.parse(value);
const orUndefined = <T>(value: T | null): T | undefined =>
  value === null ? undefined : value;

/** The lower-case text that the free-text filter searches. */
export function searchTextOf(content: PostmortemContent): string {
  return [
    content.title,
    content.summary,
    content.impact,
    content.lessons,
    ...content.tags,
    ...content.timeline.map(t => t.description),
  ]
    .filter(Boolean)
    .join('\n')
    .toLocaleLowerCase('en-US');
}

/** The columns of `sre_postmortems` a write sets (identity and creation aside). */
export function toPostmortemRow(
  write: PostmortemWrite,
): Omit<PostmortemRow, 'id' | 'version' | 'created_at' | 'created_by'> {
  const { content: c, policy } = write;
  return {
    template: c.template,
    title: c.title,
    severity: c.severity,
    status: c.status,
    started_at: msOf(c.startedAt),
    detected_at: msOrNull(c.detectedAt),
    mitigated_at: msOrNull(c.mitigatedAt),
    resolved_at: msOrNull(c.resolvedAt),
    entity_refs: JSON.stringify(c.entityRefs),
    impacted_slos: JSON.stringify(c.impactedSlos),
    summary: c.summary,
    impact: c.impact ?? null,
    timeline: JSON.stringify(c.timeline),
    contributing_factors: JSON.stringify(c.contributingFactors),
    went_well: c.wentWell ?? null,
    went_poorly: c.wentPoorly ?? null,
    lessons: c.lessons ?? null,
    tags: JSON.stringify(c.tags),
    links: JSON.stringify(c.links),
    policy_required: policy.required,
    policy_satisfied: policy.satisfied,
    policy_reason: policy.reason,
    search_text: searchTextOf(c),
    updated_at: write.at.getTime(),
    updated_by: write.by,
  };
}

/** The rows of `sre_postmortem_action_items` of one postmortem, in its order. */
export function toActionItemRows(
  postmortemId: string,
  actionItems: ActionItem[],
): ActionItemRow[] {
  return actionItems.map((item, position) => ({
    id: item.id,
    postmortem_id: postmortemId,
    position,
    title: item.title,
    owner_ref: item.owner,
    due_date: item.dueDate ?? null,
    priority: item.priority,
    status: item.status,
    tracking_url: item.trackingUrl ?? null,
  }));
}

export function toActionItem(row: ActionItemRow): ActionItem {
  return {
    id: row.id,
    title: row.title,
    owner: row.owner_ref,
    dueDate: orUndefined(row.due_date),
    priority: row.priority as ActionItemPriority,
    status: row.status as ActionItemStatus,
    trackingUrl: orUndefined(row.tracking_url),
  };
}

export function toPostmortem(
  row: PostmortemRow,
  actionItems: ActionItem[],
  ownerRefs: string[],
): Postmortem {
  return {
    id: row.id,
    version: Number(row.version),
    template: row.template as PostmortemTemplate,
    title: row.title,
    severity: row.severity as PostmortemSeverity,
    status: row.status as PostmortemStatus,
    startedAt: iso(row.started_at),
    detectedAt: isoOrUndefined(row.detected_at),
    mitigatedAt: isoOrUndefined(row.mitigated_at),
    resolvedAt: isoOrUndefined(row.resolved_at),
    entityRefs: JSON.parse(row.entity_refs),
    ownerRefs,
    impactedSlos: JSON.parse(row.impacted_slos),
    summary: row.summary,
    impact: orUndefined(row.impact),
    timeline: JSON.parse(row.timeline),
    contributingFactors: JSON.parse(row.contributing_factors),
    wentWell: orUndefined(row.went_well),
    wentPoorly: orUndefined(row.went_poorly),
    lessons: orUndefined(row.lessons),
    tags: JSON.parse(row.tags),
    links: JSON.parse(row.links),
    actionItems,
    policy: {
      required: Boolean(row.policy_required),
      satisfied: Boolean(row.policy_satisfied),
      reason: row.policy_reason,
    },
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by,
  };
}

/** Rows by a key, such as child rows by their postmortem, in their order. */
export function groupBy<T>(
  values: T[],
  key: (value: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const k = key(value);
    const group = groups.get(k);
    if (group) group.push(value);
    else groups.set(k, [value]);
  }
  return groups;
}
