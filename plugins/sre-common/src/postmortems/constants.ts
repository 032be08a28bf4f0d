/** @public Incident severities, most severe first. */
export const POSTMORTEM_SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;

/** @public Postmortem review states, in their usual order. */
export const POSTMORTEM_STATUSES = ['draft', 'in-review', 'published'] as const;

/**
 * @public The two templates: `quick` after every incident, `full` (the blameless
 * template) when it matters. A quick postmortem can be expanded into a full one.
 */
export const POSTMORTEM_TEMPLATES = ['quick', 'full'] as const;

/** @public Action item priorities, most urgent first. */
export const ACTION_ITEM_PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;

/** @public Action item states. `open` and `in-progress` count as not done. */
export const ACTION_ITEM_STATUSES = [
  'open',
  'in-progress',
  'done',
  'wont-do',
] as const;

/** @public Action item states that still need work (and can be overdue). */
export const OPEN_ACTION_ITEM_STATUSES = ['open', 'in-progress'] as const;

/**
 * The fields of a postmortem's content that a revision can change, in wire order:
 * the backend records changes of these, the frontend labels them.
 *
 * @public
 */
export const POSTMORTEM_CONTENT_FIELDS = [
  'template',
  'title',
  'severity',
  'status',
  'startedAt',
  'detectedAt',
  'mitigatedAt',
  'resolvedAt',
  'entityRefs',
  'impactedSlos',
  'summary',
  'impact',
  'timeline',
  'contributingFactors',
  'wentWell',
  'wentPoorly',
  'lessons',
  'tags',
  'links',
  'actionItems',
] as const;

/**
 * The permission resource type of postmortems, for conditional decisions on
 * `sre.postmortem.update`.
 *
 * @public
 */
export const POSTMORTEM_RESOURCE_TYPE = 'sre-postmortem';

/**
 * Documented limits of a postmortem. Longer input is refused with 400 naming the
 * field; lengths count UTF-16 code units, as JavaScript's `String.length` does.
 *
 * @public
 */
export const POSTMORTEM_LIMITS = {
  /** Characters of the title. */
  title: 200,
  /** Characters of each long text: summary, impact, wentWell, wentPoorly, lessons. */
  text: 20_000,
  /** Entries of the timeline. */
  timelineEntries: 200,
  /** Characters of one timeline entry's description. */
  timelineDescription: 2_000,
  /** Contributing factors, and characters of each. */
  contributingFactors: 50,
  contributingFactor: 2_000,
  /** Affected entities. */
  entityRefs: 50,
  /** Impacted SLOs. */
  impactedSlos: 50,
  /** Largest budget consumed one incident may record (a fraction; 1 = the whole budget). */
  budgetConsumed: 1_000,
  /** Tags, and characters of each. */
  tags: 20,
  tag: 50,
  /** Links, and characters of a link title and URL. */
  links: 50,
  linkTitle: 200,
  url: 2_000,
  /** Action items, and characters of an action item title. */
  actionItems: 100,
  actionItemTitle: 500,
  /** Characters of the free-text search `q`. */
  query: 200,
  /** Bytes of a JSON request body. */
  bodyBytes: 1_048_576,
} as const;

/**
 * The error budget policy: one incident that consumed more than this fraction of an
 * SLO's error budget requires a postmortem with at least one P0 action item.
 *
 * @public
 */
export const POSTMORTEM_BUDGET_THRESHOLD = 0.2;
