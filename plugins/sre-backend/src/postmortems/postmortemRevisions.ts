import {
  PostmortemFieldChange,
  PostmortemRevision,
} from '@sre-catalog/backstage-plugin-sre-common';
import { Knex } from 'knex';
import { PostmortemWrite } from './PostmortemStore';
import { iso } from './postmortemRows';
import { REVISIONS, RevisionRow } from './postmortemTables';

/** The revision history: one row per stored version, never changed afterwards. */

/** Records the write that made `version`, in the write's transaction. */
export async function insertRevision(
  tx: Knex.Transaction,
  id: string,
  version: number,
  write: PostmortemWrite,
): Promise<void> {
  await tx<RevisionRow>(REVISIONS).insert({
    postmortem_id: id,
    version,
    changed_at: write.at.getTime(),
    changed_by: write.by,
    changed_fields: JSON.stringify(write.changedFields),
    changes: JSON.stringify(write.changes),
  });
}

/** Every revision of a postmortem, newest first. */
export async function readRevisions(
  db: Knex,
  id: string,
): Promise<PostmortemRevision[]> {
  const rows = await db<RevisionRow>(REVISIONS)
    .where({ postmortem_id: id })
    .orderBy('version', 'desc')
    .select();
  return rows.map(r => {
    const revision: PostmortemRevision = {
      version: Number(r.version),
      changedAt: iso(r.changed_at),
      changedBy: r.changed_by,
      changedFields: JSON.parse(r.changed_fields),
    };
    // Revisions written before changes were recorded have none.
    if (r.changes !== null && r.changes !== undefined) {
      revision.changes = JSON.parse(r.changes) as PostmortemFieldChange[];
    }
    return revision;
  });
}
