/** @public How SREs engage with a service (see {@link ENGAGEMENT_DESCRIPTIONS}). */
export type EngagementModel =
  | 'embedded'
  | 'central'
  | 'enabling'
  | 'platform'
  | 'hybrid'
  | 'none';

/** @public */
export const ENGAGEMENT_MODELS: readonly EngagementModel[] = [
  'embedded',
  'central',
  'enabling',
  'platform',
  'hybrid',
  'none',
];

/** @public One line per engagement model, shown next to it in the UI. */
export const ENGAGEMENT_DESCRIPTIONS: Record<EngagementModel, string> = {
  embedded:
    'SREs sit in the product team and share its backlog, alerts and on-call.',
  central:
    'A central SRE team supports the service from outside the product team.',
  enabling:
    'Enabling SREs coach the team for a while; the team runs the service itself.',
  platform:
    'The team self-serves reliability tooling that a platform team offers as a service.',
  hybrid:
    'Embedded SREs work with the team, backed by a central SRE team for shared concerns.',
  none: 'No SRE support: the owning team alone is responsible for reliability.',
};

/**
 * Where a time-boxed engagement stands on a given day: `active`, `expiring` (it
 * ends within {@link ENGAGEMENT_EXPIRY_WARNING_DAYS} days, the last day included)
 * or `expired` (its last day is past).
 *
 * @public
 */
export type EngagementExpiry = 'active' | 'expiring' | 'expired';

/** @public How many days before its end a time-boxed engagement is `expiring`. */
export const ENGAGEMENT_EXPIRY_WARNING_DAYS = 14;

/** @public Team Topologies team types. */
export type TeamType =
  | 'stream-aligned'
  | 'platform'
  | 'enabling'
  | 'complicated-subsystem';

/** @public */
export const TEAM_TYPES: readonly TeamType[] = [
  'stream-aligned',
  'platform',
  'enabling',
  'complicated-subsystem',
];

/** @public Team Topologies interaction modes. */
export type InteractionMode =
  | 'collaboration'
  | 'x-as-a-service'
  | 'facilitating';

/** @public */
export const INTERACTION_MODES: readonly InteractionMode[] = [
  'collaboration',
  'x-as-a-service',
  'facilitating',
];

/**
 * A party named by a responsibility cell: one of the roles, or an explicit
 * User/Group entity ref (normalised, e.g. `group:default/dba-guild`).
 *
 * @public
 */
export type PartyRole = 'team' | 'embedded-sre' | 'central-sre' | 'platform';

/** @public */
export const PARTY_ROLES: readonly PartyRole[] = [
  'team',
  'embedded-sre',
  'central-sre',
  'platform',
];

/** @public Where a resolved value came from. */
export type ValueSource = 'entity' | 'system' | 'baseline' | 'config' | 'none';

/** @public A bad annotation value, reported instead of dropping the entity. */
export type AnnotationProblem = {
  /** The entity whose annotation is bad (a Component's System can be the culprit). */
  entityRef: string;
  annotation: string;
  value: string;
  message: string;
};

/**
 * Whether a service has SRE support: `undeclared` (no engagement anywhere),
 * `none` (declared as none), `unstaffed` (a model whose SREs resolve to nobody).
 *
 * @public
 */
export type SreSupport = 'supported' | 'unstaffed' | 'none' | 'undeclared';

/** @public One cell of the responsibility matrix for one service. */
export type ResolvedResponsibility = {
  area: string;
  /** A {@link PartyRole} or an entity ref. */
  party: string;
  /** Who actually holds it: entity refs; empty means a gap. */
  holders: string[];
  source: ValueSource;
};

/** @public Response of `GET /api/sre/ownership/{kind}/{namespace}/{name}`. */
export type Ownership = {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  engagement?: EngagementModel;
  engagementSource: ValueSource;
  embeddedSres: string[];
  embeddedSresSource: ValueSource;
  centralSre?: string;
  centralSreSource: ValueSource;
  interactionMode?: InteractionMode;
  interactionModeSource: ValueSource;
  /**
   * The last day (`YYYY-MM-DD`, UTC) of a time-boxed engagement
   * (`sre-catalog.io/engagement-until`), from the same entity as the engagement.
   */
  engagementUntil?: string;
  /** The engagement model that follows {@link Ownership.engagementUntil}. */
  engagementThen?: EngagementModel;
  /** Where the time-boxed engagement stands; set only with an `engagementUntil`. */
  engagementExpiry?: EngagementExpiry;
  /** Only for Groups. */
  teamType?: TeamType;
  sreSupport: SreSupport;
  responsibilities: ResolvedResponsibility[];
  gaps: string[];
  problems: AnnotationProblem[];
};
