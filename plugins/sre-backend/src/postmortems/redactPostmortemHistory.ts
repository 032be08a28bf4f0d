import {
  PostmortemFieldChange,
  PostmortemRevision,
} from '@sre-catalog/backstage-plugin-sre-common';

/** The entity refs a recorded value of a postmortem field holds. */
function refsInValue(field: string, value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const strings = (values: unknown[]) =>
    values.filter((v): v is string => typeof v === 'string');
  switch (field) {
    case 'entityRefs':
      return strings(value);
    case 'impactedSlos':
      return strings(value.map(v => (v as { sloRef?: unknown })?.sloRef));
    case 'actionItems':
      return strings(value.map(v => (v as { owner?: unknown })?.owner));
    default:
      return [];
  }
}

const refsInChange = (change: PostmortemFieldChange) => [
  ...refsInValue(change.field, change.before),
  ...refsInValue(change.field, change.after),
];

/**
 * Every ref the recorded changes name: earlier versions may have named entities
 * that the current one no longer does.
 */
export const refsInRevisions = (revisions: PostmortemRevision[]) =>
  revisions.flatMap(r => (r.changes ?? []).flatMap(refsInChange));

/** The revisions with the values of each change that names a hidden ref left out. */
export function redactRevisions(
  revisions: PostmortemRevision[],
  hidden: Set<string>,
): PostmortemRevision[] {
  return revisions.map(
    (revision): PostmortemRevision =>
      revision.changes && hidden.size
        ? {
            ...revision,
            changes: revision.changes.map(change =>
              refsInChange(change).some(ref => hidden.has(ref))
                ? { field: change.field }
                : change,
            ),
          }
        : revision,
  );
}
