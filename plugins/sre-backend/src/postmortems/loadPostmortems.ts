import { Knex } from 'knex';
import { PostmortemResource, restrictedFacts } from './PostmortemResource';
import { groupBy, toActionItem, toPostmortem } from './postmortemRows';
import {
  ACTION_ITEMS,
  ActionItemRow,
  ENTITIES,
  EntityRow,
  OWNERS,
  OwnerRow,
  POSTMORTEMS,
  PostmortemRow,
  SRES,
  SreRow,
} from './postmortemTables';

/** Postmortems by id, in the order of `ids` (undefined where there is none). */
export async function loadPostmortems(
  db: Knex | Knex.Transaction,
  ids: string[],
): Promise<Array<PostmortemResource | undefined>> {
  const rows = await db<PostmortemRow>(POSTMORTEMS).whereIn('id', ids).select();
  const loaded = new Map(
    (await hydratePostmortems(db, rows)).map(p => [p.id, p] as const),
  );
  return ids.map(id => loaded.get(id));
}

/**
 * Adds action items, owners, SREs and restricted flags to rows, in five queries for
 * any number of rows.
 */
export async function hydratePostmortems(
  db: Knex | Knex.Transaction,
  rows: PostmortemRow[],
): Promise<PostmortemResource[]> {
  if (!rows.length) return [];
  const ids = rows.map(r => r.id);
  const items = await db<ActionItemRow>(ACTION_ITEMS)
    .whereIn('postmortem_id', ids)
    .orderBy(['postmortem_id', 'position'])
    .select();
  const owners = await db<OwnerRow>(OWNERS)
    .whereIn('postmortem_id', ids)
    .orderBy('owner_ref')
    .select('postmortem_id', 'entity_ref', 'owner_ref');
  const sres = await db<SreRow>(SRES)
    .whereIn('postmortem_id', ids)
    .orderBy('sre_ref')
    .select('postmortem_id', 'sre_ref');
  const restricted = await db<EntityRow>(ENTITIES)
    .whereIn('postmortem_id', ids)
    .where('restricted', true)
    .orderBy('entity_ref')
    .select('postmortem_id', 'entity_ref');
  const itemsOf = groupBy(items, r => r.postmortem_id);
  const ownersOf = groupBy(owners, r => r.postmortem_id);
  const sresOf = groupBy(sres, r => r.postmortem_id);
  const restrictedOf = groupBy(restricted, r => r.postmortem_id);
  return rows.map(row => ({
    ...toPostmortem(row, (itemsOf.get(row.id) ?? []).map(toActionItem), [
      ...new Set((ownersOf.get(row.id) ?? []).map(o => o.owner_ref)),
    ]),
    sreRefs: [...new Set((sresOf.get(row.id) ?? []).map(o => o.sre_ref))],
    ...restrictedFacts(
      (restrictedOf.get(row.id) ?? []).map(r => r.entity_ref),
      (ownersOf.get(row.id) ?? []).map(o => ({
        entityRef: o.entity_ref,
        ownerRef: o.owner_ref,
      })),
    ),
  }));
}
