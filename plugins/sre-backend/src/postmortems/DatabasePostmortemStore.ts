import {
  ListActionItemsResponse,
  Postmortem,
  PostmortemRevision,
} from '@sre-catalog/backstage-plugin-sre-common';
import { Knex } from 'knex';
import { loadPostmortems } from './loadPostmortems';
import { PostmortemResource } from './PostmortemResource';
import { readRevisions } from './postmortemRevisions';
import {
  ListActionItemsQuery,
  ListPostmortemsQuery,
  PostmortemEntityFacts,
  PostmortemReadFilter,
  PostmortemStore,
  PostmortemWrite,
} from './PostmortemStore';
import {
  BATCH,
  ENTITIES,
  EntityRow,
  OWNERS,
  OwnerRow,
  REFS,
  SRES,
  SreRow,
} from './postmortemTables';
import { listActionItems } from './queryActionItems';
import {
  getStartTimes,
  listPolicyViolations,
  listPostmortems,
} from './queryPostmortems';
import { insertPostmortem, updatePostmortem } from './writePostmortem';

export { searchTextOf } from './postmortemRows';

/**
 * Postmortems in the plugin's database (SQLite or PostgreSQL). The tables are in
 * postmortemTables.ts, their rows in postmortemRows.ts; writes, read queries and
 * revisions have a file each.
 */
export class DatabasePostmortemStore implements PostmortemStore {
  private constructor(private readonly db: Knex) {}

  /** On a migrated client: SreDatabase hands this store out. */
  static create(options: { client: Knex }): DatabasePostmortemStore {
    return new DatabasePostmortemStore(options.client);
  }

  create(id: string, write: PostmortemWrite): Promise<PostmortemResource> {
    return insertPostmortem(this.db, id, write);
  }

  update(
    id: string,
    expectedVersion: number,
    write: PostmortemWrite,
  ): Promise<PostmortemResource> {
    return updatePostmortem(this.db, id, expectedVersion, write);
  }

  async get(id: string): Promise<PostmortemResource | undefined> {
    return (await loadPostmortems(this.db, [id]))[0];
  }

  async getMany(ids: string[]): Promise<Array<PostmortemResource | undefined>> {
    const found = new Map<string, PostmortemResource>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = await loadPostmortems(this.db, ids.slice(i, i + BATCH));
      batch.forEach(p => p && found.set(p.id, p));
    }
    return ids.map(id => found.get(id));
  }

  async getEntityFacts(id: string): Promise<PostmortemEntityFacts> {
    const owners = await this.db<OwnerRow>(OWNERS)
      .where({ postmortem_id: id })
      .orderBy(['entity_ref', 'owner_ref'])
      .select('entity_ref', 'owner_ref');
    const sres = await this.db<SreRow>(SRES)
      .where({ postmortem_id: id })
      .orderBy(['entity_ref', 'sre_ref'])
      .select('entity_ref', 'sre_ref');
    const restricted = await this.db<EntityRow>(ENTITIES)
      .where({ postmortem_id: id, restricted: true })
      .orderBy('entity_ref')
      .select('entity_ref');
    return {
      owners: owners.map(r => ({
        entityRef: r.entity_ref,
        ownerRef: r.owner_ref,
      })),
      sres: sres.map(r => ({ entityRef: r.entity_ref, sreRef: r.sre_ref })),
      restrictedEntityRefs: restricted.map(r => r.entity_ref),
    };
  }

  async listNamedRefs(): Promise<string[]> {
    const rows: { entity_ref: string }[] = await this.db(REFS)
      .distinct('entity_ref')
      .orderBy('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  list(
    query: ListPostmortemsQuery,
    filter: PostmortemReadFilter,
  ): Promise<{ items: Postmortem[]; totalCount: number }> {
    return listPostmortems(this.db, query, filter);
  }

  getStartTimes(
    query: { entityRefs: string[]; fromMs: number; toMs: number },
    filter: PostmortemReadFilter,
  ): Promise<Map<string, number[]>> {
    return getStartTimes(this.db, query, filter);
  }

  listPolicyViolations(
    query: { limit: number; offset: number },
    filter: PostmortemReadFilter,
  ): Promise<{ items: Postmortem[]; totalCount: number }> {
    return listPolicyViolations(this.db, query, filter);
  }

  getRevisions(id: string): Promise<PostmortemRevision[]> {
    return readRevisions(this.db, id);
  }

  listActionItems(
    query: ListActionItemsQuery,
    filter: PostmortemReadFilter,
  ): Promise<ListActionItemsResponse> {
    return listActionItems(this.db, query, filter);
  }
}
