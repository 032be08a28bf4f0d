import { Postmortem } from '@sre-catalog/backstage-plugin-sre-common';
import { Knex } from 'knex';
import { applyPostmortemReadFilter } from './applyPostmortemReadFilter';
import { hydratePostmortems } from './loadPostmortems';
import { toWirePostmortem } from './PostmortemResource';
import { groupBy } from './postmortemRows';
import { ListPostmortemsQuery, PostmortemReadFilter } from './PostmortemStore';
import {
  ENTITIES,
  Millis,
  OWNERS,
  POSTMORTEMS,
  PostmortemRow,
  REFS_PER_QUERY,
  TAGS,
} from './postmortemTables';

/** The read queries over postmortems; every one applies the caller's read filter. */

type Page = { items: Postmortem[]; totalCount: number };

/** Escapes LIKE wildcards; `!` is the escape character of every LIKE below. */
const likeLiteral = (text: string) => text.replace(/[!%_]/g, c => `!${c}`);

export async function listPostmortems(
  db: Knex,
  query: ListPostmortemsQuery,
  filter: PostmortemReadFilter,
): Promise<Page> {
  const filtered = applyPostmortemReadFilter(
    db,
    db<PostmortemRow>(`${POSTMORTEMS} as p`),
    filter,
  );
  const idsWhere = (table: string, column: string, value: string) =>
    filtered.whereIn(
      'p.id',
      db(table).select('postmortem_id').where(column, value),
    );
  if (query.entityRef) idsWhere(ENTITIES, 'entity_ref', query.entityRef);
  if (query.ownerRef) idsWhere(OWNERS, 'owner_ref', query.ownerRef);
  if (query.tag) idsWhere(TAGS, 'tag', query.tag);
  if (query.severity) filtered.where('p.severity', query.severity);
  if (query.status) filtered.where('p.status', query.status);
  if (query.fromMs !== undefined) {
    filtered.where('p.started_at', '>=', query.fromMs);
  }
  if (query.toMs !== undefined) {
    filtered.where('p.started_at', '<=', query.toMs);
  }
  for (const term of query.terms ?? []) {
    filtered.whereRaw(`p.search_text like ? escape '!'`, [
      `%${likeLiteral(term)}%`,
    ]);
  }
  return page(db, filtered, query);
}

/** The start times (epoch ms) of the postmortems of each entity, in a time span. */
export async function getStartTimes(
  db: Knex,
  query: { entityRefs: string[]; fromMs: number; toMs: number },
  filter: PostmortemReadFilter,
): Promise<Map<string, number[]>> {
  const refs = [...new Set(query.entityRefs)];
  const rows: { entity_ref: string; started_at: Millis }[] = [];
  for (let i = 0; i < refs.length; i += REFS_PER_QUERY) {
    const selected = db(`${ENTITIES} as e`)
      .join(`${POSTMORTEMS} as p`, 'p.id', 'e.postmortem_id')
      .whereIn('e.entity_ref', refs.slice(i, i + REFS_PER_QUERY))
      .whereBetween('p.started_at', [query.fromMs, query.toMs]);
    rows.push(
      ...(await applyPostmortemReadFilter(db, selected, filter)
        .orderBy('p.started_at')
        .select('e.entity_ref', 'p.started_at')),
    );
  }
  const starts = groupBy(rows, r => r.entity_ref);
  return new Map(
    [...starts].map(([ref, group]) => [
      ref,
      group.map(r => Number(r.started_at)),
    ]),
  );
}

/** Postmortems the error budget policy requires more of (a P0 action item). */
export async function listPolicyViolations(
  db: Knex,
  query: { limit: number; offset: number },
  filter: PostmortemReadFilter,
): Promise<Page> {
  return page(
    db,
    applyPostmortemReadFilter(
      db,
      db<PostmortemRow>(`${POSTMORTEMS} as p`)
        .where('p.policy_required', true)
        .andWhere('p.policy_satisfied', false),
      filter,
    ),
    query,
  );
}

/** One page of a filtered query, newest incident first, with the total count. */
async function page(
  db: Knex,
  filtered: Knex.QueryBuilder,
  query: { limit: number; offset: number },
): Promise<Page> {
  const [{ count }] = (await filtered.clone().count({ count: '*' })) as {
    count: number | string;
  }[];
  const rows: PostmortemRow[] = await filtered
    .clone()
    .select('p.*')
    .orderBy([
      { column: 'p.started_at', order: 'desc' },
      { column: 'p.id', order: 'asc' },
    ])
    .limit(query.limit)
    .offset(query.offset);
  return {
    items: (await hydratePostmortems(db, rows)).map(toWirePostmortem),
    totalCount: Number(count),
  };
}
