import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ActionItem,
  ActionItemEntry,
  ActionItemPriority,
  ActionItemStatus,
  ListActionItemsResponse,
  OPEN_ACTION_ITEM_STATUSES,
  Postmortem,
  PostmortemFieldChange,
  PostmortemRevision,
  PostmortemSeverity,
  PostmortemStatus,
  PostmortemTemplate,
} from '@sre-catalog/backstage-plugin-sre-common';
import { Knex } from 'knex';
import { applyPostmortemReadFilter } from './applyPostmortemReadFilter';
import {
  PostmortemResource,
  restrictedFacts,
  postmortemNamedRefs,
  toWirePostmortem,
} from './PostmortemResource';
import {
  ListActionItemsQuery,
  ListPostmortemsQuery,
  PostmortemContent,
  PostmortemEntityFacts,
  PostmortemReadFilter,
  PostmortemStore,
  PostmortemWrite,
} from './PostmortemStore';

const POSTMORTEMS = 'sre_postmortems';
const ENTITIES = 'sre_postmortem_entities';
const OWNERS = 'sre_postmortem_owners';
const TAGS = 'sre_postmortem_tags';
const ACTION_ITEMS = 'sre_postmortem_action_items';
const REVISIONS = 'sre_postmortem_revisions';
const REFS = 'sre_postmortem_refs';
const SRES = 'sre_postmortem_sres';

// SQLite limits bound parameters per statement; keep batches well under it.
const BATCH = 50;
// Refs per `where in` list: under the 999 bound parameters of older SQLite builds.
const REFS_PER_QUERY = 500;

type Millis = number | string;

type PostmortemRow = {
  id: string;
  version: number;
  template: string;
  title: string;
  severity: string;
  status: string;
  started_at: Millis;
  detected_at: Millis | null;
  mitigated_at: Millis | null;
  resolved_at: Millis | null;
  entity_refs: string;
  impacted_slos: string;
  summary: string;
  impact: string | null;
  timeline: string;
  contributing_factors: string;
  went_well: string | null;
  went_poorly: string | null;
  lessons: string | null;
  tags: string;
  links: string;
  policy_required: boolean | number;
  policy_satisfied: boolean | number;
  policy_reason: string;
  search_text: string;
  created_at: Millis;
  created_by: string;
  updated_at: Millis;
  updated_by: string;
};

type ActionItemRow = {
  id: string;
  postmortem_id: string;
  position: number;
  title: string;
  owner_ref: string;
  due_date: string | null;
  priority: string;
  status: string;
  tracking_url: string | null;
};

type OwnerRow = {
  postmortem_id: string;
  entity_ref: string;
  owner_ref: string;
};

type SreRow = {
  postmortem_id: string;
  entity_ref: string;
  sre_ref: string;
};

type EntityRow = {
  postmortem_id: string;
  entity_ref: string;
  restricted: boolean | number;
};

type RevisionRow = {
  postmortem_id: string;
  version: number;
  changed_at: Millis;
  changed_by: string;
  changed_fields: string;
  changes: string | null;
};

const iso = (ms: Millis) => new Date(Number(ms)).toISOString();
const isoOrUndefined = (ms: Millis | null) =>
  ms === null || ms === undefined ? undefined : iso(ms);
const msOf = (value: string) => Date.parse(value);
const msOrNull = (value: string | undefined) =>
  value === undefined ? null : Date.parse(value);
const orUndefined = <T>(value: T | null): T | undefined =>
  value === null ? undefined : value;

/** Escapes LIKE wildcards; `!` is the escape character of every LIKE below. */
const likeLiteral = (text: string) => text.replace(/[!%_]/g, c => `!${c}`);

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

/** Postmortems in the plugin's database (SQLite or PostgreSQL). */
export class DatabasePostmortemStore implements PostmortemStore {
  private constructor(private readonly db: Knex) {}

  /** On a migrated client: SreDatabase hands this store out. */
  static create(options: { client: Knex }): DatabasePostmortemStore {
    return new DatabasePostmortemStore(options.client);
  }

  async create(
    id: string,
    write: PostmortemWrite,
  ): Promise<PostmortemResource> {
    return this.db.transaction(async tx => {
      await tx<PostmortemRow>(POSTMORTEMS).insert({
        ...this.toRow(write),
        id,
        version: 1,
        created_at: write.at.getTime(),
        created_by: write.by,
      });
      await this.writeChildren(tx, id, write, 1);
      return (await this.load(tx, [id]))[0]!;
    });
  }

  async update(
    id: string,
    expectedVersion: number,
    write: PostmortemWrite,
  ): Promise<PostmortemResource> {
    return this.db.transaction(async tx => {
      const version = expectedVersion + 1;
      const updated = await tx<PostmortemRow>(POSTMORTEMS)
        .where({ id, version: expectedVersion })
        .update({ ...this.toRow(write), version });
      if (!updated) {
        const current = await tx<PostmortemRow>(POSTMORTEMS)
          .where({ id })
          .first('version');
        if (!current) throw new NotFoundError(`No postmortem ${id}`);
        throw new ConflictError(
          `Postmortem ${id} is at version ${current.version}, but the edit is based on version ${expectedVersion}; reload it and apply the edit again`,
        );
      }
      for (const table of [ENTITIES, OWNERS, SRES, REFS, TAGS, ACTION_ITEMS]) {
        await tx(table).where({ postmortem_id: id }).delete();
      }
      await this.writeChildren(tx, id, write, version);
      return (await this.load(tx, [id]))[0]!;
    });
  }

  async get(id: string): Promise<PostmortemResource | undefined> {
    return (await this.load(this.db, [id]))[0];
  }

  async getMany(ids: string[]): Promise<Array<PostmortemResource | undefined>> {
    const found = new Map<string, PostmortemResource>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = await this.load(this.db, ids.slice(i, i + BATCH));
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

  async list(
    query: ListPostmortemsQuery,
    filter: PostmortemReadFilter,
  ): Promise<{ items: Postmortem[]; totalCount: number }> {
    const filtered = applyPostmortemReadFilter(
      this.db,
      this.db<PostmortemRow>(`${POSTMORTEMS} as p`),
      filter,
    );
    const idsWhere = (table: string, column: string, value: string) =>
      filtered.whereIn(
        'p.id',
        this.db(table).select('postmortem_id').where(column, value),
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
    return this.page(filtered, query);
  }

  async getStartTimes(
    query: {
      entityRefs: string[];
      fromMs: number;
      toMs: number;
    },
    filter: PostmortemReadFilter,
  ): Promise<Map<string, number[]>> {
    const refs = [...new Set(query.entityRefs)];
    const rows: { entity_ref: string; started_at: Millis }[] = [];
    for (let i = 0; i < refs.length; i += REFS_PER_QUERY) {
      const selected = this.db(`${ENTITIES} as e`)
        .join(`${POSTMORTEMS} as p`, 'p.id', 'e.postmortem_id')
        .whereIn('e.entity_ref', refs.slice(i, i + REFS_PER_QUERY))
        .whereBetween('p.started_at', [query.fromMs, query.toMs]);
      rows.push(
        ...(await applyPostmortemReadFilter(this.db, selected, filter)
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

  async listPolicyViolations(
    query: {
      limit: number;
      offset: number;
    },
    filter: PostmortemReadFilter,
  ): Promise<{ items: Postmortem[]; totalCount: number }> {
    return this.page(
      applyPostmortemReadFilter(
        this.db,
        this.db<PostmortemRow>(`${POSTMORTEMS} as p`)
          .where('p.policy_required', true)
          .andWhere('p.policy_satisfied', false),
        filter,
      ),
      query,
    );
  }

  async getRevisions(id: string): Promise<PostmortemRevision[]> {
    const rows = await this.db<RevisionRow>(REVISIONS)
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
      if (r.changes !== null && r.changes !== undefined) {
        revision.changes = JSON.parse(r.changes) as PostmortemFieldChange[];
      }
      return revision;
    });
  }

  async listActionItems(
    query: ListActionItemsQuery,
    filter: PostmortemReadFilter,
  ): Promise<ListActionItemsResponse> {
    const open = [...OPEN_ACTION_ITEM_STATUSES];
    const filtered = applyPostmortemReadFilter(
      this.db,
      this.db(`${ACTION_ITEMS} as a`).join(
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
        this.db(ENTITIES)
          .select('postmortem_id')
          .where('entity_ref', query.entityRef),
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
    const rows: (ActionItemRow & {
      postmortem_title: string;
      postmortem_severity: string;
      postmortem_status: string;
      postmortem_started_at: Millis;
      postmortem_entity_refs: string;
    })[] = await filtered
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

  private async page(
    filtered: Knex.QueryBuilder,
    query: { limit: number; offset: number },
  ): Promise<{ items: Postmortem[]; totalCount: number }> {
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
      items: (await this.hydrate(this.db, rows)).map(toWirePostmortem),
      totalCount: Number(count),
    };
  }

  private toRow(
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

  private async writeChildren(
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
    const sres = new Map(
      write.sres.map(o => [`${o.entityRef} ${o.sreRef}`, o]),
    );
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
    await insert(
      ACTION_ITEMS,
      content.actionItems.map(
        (item, position): ActionItemRow => ({
          id: item.id,
          postmortem_id: id,
          position,
          title: item.title,
          owner_ref: item.owner,
          due_date: item.dueDate ?? null,
          priority: item.priority,
          status: item.status,
          tracking_url: item.trackingUrl ?? null,
        }),
      ),
    );
    await tx<RevisionRow>(REVISIONS).insert({
      postmortem_id: id,
      version,
      changed_at: write.at.getTime(),
      changed_by: write.by,
      changed_fields: JSON.stringify(write.changedFields),
      changes: JSON.stringify(write.changes),
    });
  }

  private async load(
    db: Knex | Knex.Transaction,
    ids: string[],
  ): Promise<Array<PostmortemResource | undefined>> {
    const rows = await db<PostmortemRow>(POSTMORTEMS)
      .whereIn('id', ids)
      .select();
    const loaded = new Map(
      (await this.hydrate(db, rows)).map(p => [p.id, p] as const),
    );
    return ids.map(id => loaded.get(id));
  }

  /**
   * Adds action items, owners, SREs and restricted flags to rows, in five queries for
   * any number of rows.
   */
  private async hydrate(
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
}

function groupBy<T>(values: T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const k = key(value);
    const group = groups.get(k);
    if (group) group.push(value);
    else groups.set(k, [value]);
  }
  return groups;
}

function toActionItem(row: ActionItemRow): ActionItem {
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

function toPostmortem(
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
