import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  ActionItemPriority,
  ActionItemStatus,
  ListActionItemsResponse,
  Postmortem,
  PostmortemFieldChange,
  PostmortemPolicy,
  PostmortemRevision,
  PostmortemSeverity,
  PostmortemStatus,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  PostmortemPermissionQuery,
  PostmortemResource,
} from './PostmortemResource';

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

/** An SRE of an affected entity, as the ownership resolution said when written. */
export type PostmortemEntitySre = {
  entityRef: string;
  sreRef: string;
};

/** What was recorded about the affected entities when the postmortem was written. */
export type PostmortemEntityFacts = {
  owners: PostmortemEntityOwner[];
  sres: PostmortemEntitySre[];
  /** Affected entities annotated `sre-catalog.io/visibility: restricted`. */
  restrictedEntityRefs: string[];
};

/** One write of a postmortem: its new content, what is derived from it, and who wrote it. */
export type PostmortemWrite = PostmortemEntityFacts & {
  content: PostmortemContent;
  policy: PostmortemPolicy;
  /** Recorded in the revision history. */
  changedFields: string[];
  /** The old and new values of `changedFields`, in their order. */
  changes: PostmortemFieldChange[];
  /** User entity ref or service subject. */
  by: string;
  at: Date;
};

/**
 * What a caller may read, applied in SQL to every list: `{}` is everything.
 */
export type PostmortemReadFilter = {
  /**
   * Only postmortems that name no entity outside these refs (so that a ref named for
   * the first time after the caller's refs were checked hides its postmortem).
   */
  visibleRefs?: string[];
  /** A conditional `sre.postmortem.read` decision, translated by the rules' toQuery. */
  condition?: PermissionCriteria<PostmortemPermissionQuery>;
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
  create(id: string, write: PostmortemWrite): Promise<PostmortemResource>;

  /**
   * Replaces a postmortem if it is still at `expectedVersion`, adds one to the version
   * and records a revision, all in one transaction. Throws NotFoundError for an unknown
   * id and ConflictError for a stale version.
   */
  update(
    id: string,
    expectedVersion: number,
    write: PostmortemWrite,
  ): Promise<PostmortemResource>;

  get(id: string): Promise<PostmortemResource | undefined>;

  /** In the order of `ids`; undefined for unknown ones. */
  getMany(ids: string[]): Promise<Array<PostmortemResource | undefined>>;

  /** The stored owners, SREs and restricted flags of each affected entity. */
  getEntityFacts(id: string): Promise<PostmortemEntityFacts>;

  /** Every distinct entity ref that some postmortem names, in any field. */
  listNamedRefs(): Promise<string[]>;

  /** Newest `startedAt` first. */
  list(
    query: ListPostmortemsQuery,
    filter: PostmortemReadFilter,
  ): Promise<{ items: Postmortem[]; totalCount: number }>;

  /**
   * When the postmortems of each of these entities started (epoch milliseconds,
   * ascending), for those that started in `[fromMs, toMs]`; entities without one are
   * left out.
   */
  getStartTimes(
    query: {
      entityRefs: string[];
      fromMs: number;
      toMs: number;
    },
    filter: PostmortemReadFilter,
  ): Promise<Map<string, number[]>>;

  /** Postmortems the error budget policy requires that lack their P0 action item. */
  listPolicyViolations(
    query: {
      limit: number;
      offset: number;
    },
    filter: PostmortemReadFilter,
  ): Promise<{ items: Postmortem[]; totalCount: number }>;

  /** Newest first; empty for an unknown id. */
  getRevisions(id: string): Promise<PostmortemRevision[]>;

  /** By due date (none last), then priority. */
  listActionItems(
    query: ListActionItemsQuery,
    filter: PostmortemReadFilter,
  ): Promise<ListActionItemsResponse>;
}
