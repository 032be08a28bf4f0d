import {
  POSTMORTEM_CONTENT_FIELDS,
  PostmortemFieldChange,
} from '@sre-catalog/backstage-plugin-sre-common';
import { PostmortemContent } from './PostmortemStore';

/** The fields a revision can change, in wire order (shared with the frontend). */
const CONTENT_FIELDS: ReadonlyArray<keyof PostmortemContent> =
  POSTMORTEM_CONTENT_FIELDS;

/** JSON with sorted keys and without undefined values, so equal content compares equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, inner]) => inner !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

const isEmpty = (value: unknown) =>
  value === undefined || (Array.isArray(value) && value.length === 0);

/**
 * The wire names of the fields that differ between two versions of a postmortem; for
 * a new one (no `before`), the fields it was written with.
 */
export function changedPostmortemFields(
  before: PostmortemContent | undefined,
  after: PostmortemContent,
): string[] {
  return CONTENT_FIELDS.filter(field =>
    before
      ? canonical(before[field]) !== canonical(after[field])
      : !isEmpty(after[field]),
  );
}

/**
 * The old and new value of each changed field, in the order of `changedFields`
 * (wire names of content fields). `before` is left out on a new postmortem and for a
 * field that had no value, `after` for a field that was cleared.
 */
export function postmortemFieldChanges(
  before: PostmortemContent | undefined,
  after: PostmortemContent,
  changedFields: string[],
): PostmortemFieldChange[] {
  return changedFields.map(field => {
    const key = field as keyof PostmortemContent;
    const change: PostmortemFieldChange = { field };
    if (before && before[key] !== undefined) change.before = before[key];
    if (after[key] !== undefined) change.after = after[key];
    return change;
  });
}
