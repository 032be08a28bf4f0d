import {
  ActionItemPriority,
  ActionItemStatus,
  ListActionItemsResponse,
  Postmortem,
  PostmortemPolicy,
  PostmortemRevision,
  PostmortemSeverity,
  PostmortemStatus,
} from '@sre-catalog/backstage-plugin-sre-common';

/** What a postmortem says: everything but identity, version, audit and derived fields. */
export type PostmortemContent = Omit<
  Postmortem,
  | 'id'
  | 'version'
  | 'ownerRefs'
  | 'policy'
  | 'createdAt'
  | 'createdBy'
  | 'updatedAt'
  | 'updatedBy'
>;

/** An owner of an affected entity, as the catalog said when the postmortem was written. */
export type PostmortemEntityOwner = {
  entityRef: string;
  ownerRef: string;
};

/** One write of a postmortem: its new content, what is derived from it, and who wrote it. */
export type PostmortemWrite = {
  content: PostmortemContent;
  owners: PostmortemEntityOwner[];
  policy: PostmortemPolicy;
  /** Recorded in the revision history. */
  changedFields: string[];
  /** User entity ref or service subject. */
  by: string;
  at: Date;
};

/** Filters of a postmortem list; all given ones must match. */
export type ListPostmortemsQuery = {
  entityRef?: string;
  ownerRef?: string;
  severity?: PostmortemSeverity;
  status?: PostmortemStatus;
  tag?: string;
  /** `startedAt` range, inclusive, epoch milliseconds. */
  fromMs?: number;
  toMs?: number;
  /** Lower-case words that must all appear in the searchable text. */
  terms?: string[];
  limit: number;
  offset: number;
};

/** Filters of the action items across postmortems. */
export type ListActionItemsQuery = {
  /** With `today` (YYYY-MM-DD, UTC): only overdue items, or only the others. */
  overdue?: boolean;
  today: string;
  ownerRef?: string;
  /** Items owned by any of these. */
  ownerRefs?: string[];
  status?: ActionItemStatus;
  priority?: ActionItemPriority;
  entityRef?: string;
  limit: number;
  offset: number;
};

/** Postmortems in the plugin's database; SQL only. */
export interface PostmortemStore {
  /** Stores a new postmortem at version 1 with its first revision. */
  create(id: string, write: PostmortemWrite): Promise<Postmortem>;

  /**
   * Replaces a postmortem if it is still at `expectedVersion`, adds one to the version
   * and records a revision, all in one transaction. Throws NotFoundError for an unknown
   * id and ConflictError for a stale version.
   */
  update(
    id: string,
    expectedVersion: number,
    write: PostmortemWrite,
  ): Promise<Postmortem>;

  get(id: string): Promise<Postmortem | undefined>;

  /** In the order of `ids`; undefined for unknown ones. */
  getMany(ids: string[]): Promise<Array<Postmortem | undefined>>;

  /** The stored owners of each affected entity. */
  getEntityOwners(id: string): Promise<PostmortemEntityOwner[]>;

  /** Newest `startedAt` first. */
  list(
    query: ListPostmortemsQuery,
  ): Promise<{ items: Postmortem[]; totalCount: number }>;

  /**
   * When the postmortems of each of these entities started (epoch milliseconds,
   * ascending), for those that started in `[fromMs, toMs]`; entities without one are
   * left out.
   */
  getStartTimes(query: {
    entityRefs: string[];
    fromMs: number;
    toMs: number;
  }): Promise<Map<string, number[]>>;

  /** Postmortems the error budget policy requires that lack their P0 action item. */
  listPolicyViolations(query: {
    limit: number;
    offset: number;
  }): Promise<{ items: Postmortem[]; totalCount: number }>;

  /** Newest first; empty for an unknown id. */
  getRevisions(id: string): Promise<PostmortemRevision[]>;

  /** By due date (none last), then priority. */
  listActionItems(
    query: ListActionItemsQuery,
  ): Promise<ListActionItemsResponse>;
}
