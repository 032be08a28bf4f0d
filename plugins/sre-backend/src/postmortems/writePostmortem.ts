import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { PostmortemResource, postmortemNamedRefs } from './PostmortemResource';
import { PostmortemWrite } from './PostmortemStore';
import { insertRevision } from './postmortemRevisions';
import { toActionItemRows, toPostmortemRow } from './postmortemRows';
import {
  ACTION_ITEMS,
  BATCH,
  CHILD_TABLES,
  ENTITIES,
  EntityRow,
  OWNERS,
  POSTMORTEMS,
  PostmortemRow,
  REFS,
  SRES,
  SreRow,
  TAGS,
} from './postmortemTables';
import { loadPostmortems } from './loadPostmortems';

/** Stores version 1 of a new postmortem, with its children and first revision. */
export async function insertPostmortem(
  db: Knex,
  id: string,
  write: PostmortemWrite,
): Promise<PostmortemResource> {
  return db.transaction(async tx => {
    await tx<PostmortemRow>(POSTMORTEMS).insert({
      ...toPostmortemRow(write),
      id,
      version: 1,
      created_at: write.at.getTime(),
      created_by: write.by,
    });
    await writeChildren(tx, id, write, 1);
    return (await loadPostmortems(tx, [id]))[0]!;
  });
}

/**
 * Replaces a postmortem that is still at `expectedVersion` (ConflictError when it
 * moved on), its children as a whole, and adds a revision.
 */
export async function updatePostmortem(
  db: Knex,
  id: string,
  expectedVersion: number,
  write: PostmortemWrite,
): Promise<PostmortemResource> {
  return db.transaction(async tx => {
    const version = expectedVersion + 1;
    const updated = await tx<PostmortemRow>(POSTMORTEMS)
      .where({ id, version: expectedVersion })
      .update({ ...toPostmortemRow(write), version });
    if (!updated) {
      const current = await tx<PostmortemRow>(POSTMORTEMS)
        .where({ id })
        .first('version');
      if (!current) throw new NotFoundError(`No postmortem ${id}`);
      throw new ConflictError(
        `Postmortem ${id} is at version ${current.version}, but the edit is based on version ${expectedVersion}; reload it and apply the edit again`,
      );
    }
    for (const table of CHILD_TABLES) {
      await tx(table).where({ postmortem_id: id }).delete();
    }
    await writeChildren(tx, id, write, version);
    return (await loadPostmortems(tx, [id]))[0]!;
  });
}

/** The rows of the child tables, without duplicates, and the revision. */
async function writeChildren(
  tx: Knex.Transaction,
  id: string,
  write: PostmortemWrite,
  version: number,
) {
  const { content } = write;
  const insert = async (table: string, rows: object[]) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx(table).insert(rows.slice(i, i + BATCH));
    }
  };
  const restricted = new Set(write.restrictedEntityRefs);
  await insert(
    ENTITIES,
    [...new Set(content.entityRefs)].map(
      (entity_ref): EntityRow => ({
        postmortem_id: id,
        entity_ref,
        restricted: restricted.has(entity_ref),
      }),
    ),
  );
  await insert(
    REFS,
    postmortemNamedRefs({
      ...content,
      ownerRefs: write.owners.map(o => o.ownerRef),
    }).map(entity_ref => ({ postmortem_id: id, entity_ref })),
  );
  const sres = new Map(write.sres.map(o => [`${o.entityRef} ${o.sreRef}`, o]));
  await insert(
    SRES,
    [...sres.values()].map(
      (o): SreRow => ({
        postmortem_id: id,
        entity_ref: o.entityRef,
        sre_ref: o.sreRef,
      }),
    ),
  );
  const owners = new Map(
    write.owners.map(o => [`${o.entityRef} ${o.ownerRef}`, o]),
  );
  await insert(
    OWNERS,
    [...owners.values()].map(o => ({
      postmortem_id: id,
      entity_ref: o.entityRef,
      owner_ref: o.ownerRef,
    })),
  );
  await insert(
    TAGS,
    [...new Set(content.tags)].map(tag => ({ postmortem_id: id, tag })),
  );
  await insert(ACTION_ITEMS, toActionItemRows(id, content.actionItems));
  await insertRevision(tx, id, version, write);
}
