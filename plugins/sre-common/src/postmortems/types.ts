import type {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  POSTMORTEM_SEVERITIES,
  POSTMORTEM_STATUSES,
  POSTMORTEM_TEMPLATES,
} from './constants';

/** @public `SEV1` (most severe) .. `SEV4`. */
export type PostmortemSeverity = (typeof POSTMORTEM_SEVERITIES)[number];

/** @public `draft` | `in-review` | `published`. */
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

/** @public `quick` | `full`. */
export type PostmortemTemplate = (typeof POSTMORTEM_TEMPLATES)[number];

/** @public `P0` (most urgent) .. `P3`. */
export type ActionItemPriority = (typeof ACTION_ITEM_PRIORITIES)[number];

/** @public `open` | `in-progress` | `done` | `wont-do`. */
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/**
 * The error budget an incident consumed on one SLO.
 *
 * @public
 */
export type ImpactedSlo = {
  /** `slo:namespace/name`. */
  sloRef: string;
  /** Fraction of the SLO's error budget for its period: 0.25 = a quarter; may exceed 1. */
  budgetConsumed: number;
  /** True when computed from the SLO's data for the incident window, false when entered. */
  computed: boolean;
};

/**
 * @public An impacted SLO as a write request gives it: the budget consumed may be
 * left to the backend to compute.
 */
export type ImpactedSloInput = Omit<
  ImpactedSlo,
  'budgetConsumed' | 'computed'
> & {
  budgetConsumed?: number;
  computed?: boolean;
};

/** @public One entry of an incident timeline. */
export type PostmortemTimelineEntry = {
  /** ISO-8601 timestamp. */
  at: string;
  description: string;
};

/** @public A link from a postmortem: chat thread, ticket, document. `http`/`https` only. */
export type PostmortemLink = {
  title: string;
  url: string;
};

/** @public A follow-up action of a postmortem, as stored. */
export type ActionItem = {
  /** Assigned by the server; unique across all postmortems. */
  id: string;
  title: string;
  /** `user:namespace/name` or `group:namespace/name`. */
  owner: string;
  /** `YYYY-MM-DD`. */
  dueDate?: string;
  priority: ActionItemPriority;
  status: ActionItemStatus;
  trackingUrl?: string;
};

/**
 * An action item in a create or update request. Items without `id` are new; an `id`
 * must be one of the postmortem's stored items (ids are assigned by the server).
 *
 * @public
 */
export type ActionItemInput = {
  id?: string;
  title: string;
  owner: string;
  dueDate?: string;
  priority: ActionItemPriority;
  /** Defaults to `open`. */
  status?: ActionItemStatus;
  trackingUrl?: string;
};

/**
 * Whether the error budget policy asks for this postmortem, and whether it is met.
 *
 * @public
 */
export type PostmortemPolicy = {
  /** An impacted SLO lost more than 20% of its error budget in this incident. */
  required: boolean;
  /** Not required, or at least one P0 action item that is not `wont-do`. */
  satisfied: boolean;
  /** A sentence that explains both. */
  reason: string;
};

/**
 * Body of `POST /api/sre/postmortems`. Quick postmortems need `title`, `severity`,
 * `entityRefs`, `startedAt` and `summary`; full ones also `impact`, `detectedAt` and
 * `resolvedAt`, and at least one contributing factor once `published`.
 *
 * @public
 */
export type CreatePostmortemRequest = {
  /** Defaults to `quick` on create, and to the stored template on update. */
  template?: PostmortemTemplate;
  title: string;
  severity: PostmortemSeverity;
  /** Defaults to `draft`. */
  status?: PostmortemStatus;
  /** ISO-8601 timestamps; none of the others may be before `startedAt`. */
  startedAt: string;
  detectedAt?: string;
  mitigatedAt?: string;
  /** Not before `mitigatedAt`. */
  resolvedAt?: string;
  /** Catalog refs of the affected entities; at least one, all in the catalog. */
  entityRefs: string[];
  /**
   * The SLOs the incident hit. Leave `budgetConsumed` out (or send `computed: true`)
   * to have it computed from the SLO's data in the built-in store for the incident
   * window (`startedAt` to `resolvedAt`, else `mitigatedAt`, else now).
   */
  impactedSlos?: ImpactedSloInput[];
  summary: string;
  impact?: string;
  timeline?: PostmortemTimelineEntry[];
  contributingFactors?: string[];
  wentWell?: string;
  wentPoorly?: string;
  lessons?: string;
  tags?: string[];
  links?: PostmortemLink[];
  actionItems?: ActionItemInput[];
};

/**
 * Body of `PUT /api/sre/postmortems/{id}`: a full replacement, based on `version`.
 * Read-only fields of a fetched postmortem (`id`, `createdAt`, `createdBy`,
 * `updatedAt`, `updatedBy`, `ownerRefs`, `policy`) may be sent back and are ignored.
 *
 * @public
 */
export type UpdatePostmortemRequest = CreatePostmortemRequest & {
  /** The version the edit is based on; a stale one is refused with 409. */
  version: number;
};

/**
 * A stored postmortem, as `GET /api/sre/postmortems/{id}` returns it. Text is
 * returned exactly as written (it may contain markup; render it as text or sanitised
 * Markdown).
 *
 * @public
 */
export type Postmortem = {
  id: string;
  /** Starts at 1; every change adds one. */
  version: number;
  template: PostmortemTemplate;
  title: string;
  severity: PostmortemSeverity;
  status: PostmortemStatus;
  startedAt: string;
  detectedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  /** Normalised: `kind:namespace/name`, lower case. */
  entityRefs: string[];
  /** Owners of the affected entities when the postmortem was last written. */
  ownerRefs: string[];
  impactedSlos: ImpactedSlo[];
  summary: string;
  impact?: string;
  timeline: PostmortemTimelineEntry[];
  contributingFactors: string[];
  wentWell?: string;
  wentPoorly?: string;
  lessons?: string;
  tags: string[];
  links: PostmortemLink[];
  actionItems: ActionItem[];
  policy: PostmortemPolicy;
  createdAt: string;
  /** User entity ref, or the subject of a service principal. */
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
};

/**
 * Query of `GET /api/sre/postmortems`. Results are sorted by `startedAt`, newest first.
 *
 * @public
 */
export type ListPostmortemsRequest = {
  /** An affected entity. */
  entityRef?: string;
  /** A Group (or User): postmortems of entities it owned when they were written. */
  owner?: string;
  severity?: PostmortemSeverity;
  status?: PostmortemStatus;
  tag?: string;
  /** `startedAt` on or after (ISO timestamp, or a date meaning its start in UTC). */
  from?: string;
  /** `startedAt` on or before (ISO timestamp, or a date meaning its end in UTC). */
  to?: string;
  /** Words that must all appear in title, summary, impact, lessons, tags or timeline. */
  q?: string;
  /** 1..100, default 20. */
  limit?: number;
  offset?: number;
};

/** @public Response of `GET /api/sre/postmortems`. */
export type ListPostmortemsResponse = {
  items: Postmortem[];
  totalCount: number;
};

/** @public One change of a postmortem. */
export type PostmortemRevision = {
  /** The version this change produced. */
  version: number;
  changedAt: string;
  changedBy: string;
  /** Wire names of the fields that changed; on version 1, the fields it was created with. */
  changedFields: string[];
  /**
   * The old and new value of each changed field, in the order of `changedFields`.
   * Revisions written before values were recorded have none. A change whose values
   * name an entity the caller cannot see in the catalog has only its `field`.
   */
  changes?: PostmortemFieldChange[];
};

/**
 * One field of a postmortem revision: its value before and after (JSON values as in
 * the postmortem's wire form; `before` is absent on version 1, `after` when a field
 * was cleared).
 *
 * @public
 */
export type PostmortemFieldChange = {
  field: string;
  before?: unknown;
  after?: unknown;
};

/** @public Response of `GET /api/sre/postmortems/{id}/history`, newest first. */
export type PostmortemHistoryResponse = {
  postmortemId: string;
  revisions: PostmortemRevision[];
};

/**
 * Query of `GET /api/sre/action-items`. Results are sorted by due date (items without
 * one last), then priority.
 *
 * @public
 */
export type ListActionItemsRequest = {
  /** `true`: due before today (UTC) and still open or in progress; `false`: the others. */
  overdue?: boolean;
  /** The item's owner: `user:…` or `group:…`. */
  owner?: string;
  /** Items of a team: owned by the Group or by one of its direct members. */
  team?: string;
  status?: ActionItemStatus;
  priority?: ActionItemPriority;
  /** Items of postmortems about this entity. */
  entityRef?: string;
  /** 1..500, default 100. */
  limit?: number;
  offset?: number;
};

/** @public An action item with the postmortem it belongs to. */
export type ActionItemEntry = ActionItem & {
  overdue: boolean;
  postmortem: {
    id: string;
    title: string;
    severity: PostmortemSeverity;
    status: PostmortemStatus;
    startedAt: string;
    entityRefs: string[];
  };
};

/** @public Response of `GET /api/sre/action-items`. */
export type ListActionItemsResponse = {
  items: ActionItemEntry[];
  totalCount: number;
};

/**
 * An incident that the error budget policy says needs a postmortem with a P0 action
 * item, and the postmortem written for it, if any.
 *
 * @public
 */
export type RequiredPostmortemEntry = {
  startedAt: string;
  /** When the incident ended (resolved, else mitigated), when known. */
  endedAt?: string;
  entityRefs: string[];
  /** The SLOs that lost more than the threshold. */
  impactedSlos: ImpactedSlo[];
  reason: string;
  /** Undefined when no postmortem has been written for the incident. */
  postmortem?: {
    id: string;
    title: string;
    status: PostmortemStatus;
    policy: PostmortemPolicy;
  };
};

/**
 * Response of `GET /api/sre/postmortems/required`: incidents whose postmortem the
 * error budget policy requires but that is missing or lacks a P0 action item.
 *
 * @public
 */
export type ListRequiredPostmortemsResponse = {
  items: RequiredPostmortemEntry[];
  totalCount: number;
};
