/**
 * Annotation keys read by the SRE Catalog. Defined once here and used by the catalog
 * module, the backend and the frontend.
 *
 * @public
 */
export const SRE_ANNOTATION_PREFIX = 'sre-catalog.io/';

/** @public The SRE engagement model of a Component, System or Resource. */
export const ANNOTATION_ENGAGEMENT = 'sre-catalog.io/engagement';
/** @public Comma-separated User refs of the SREs embedded in the owning team. */
export const ANNOTATION_EMBEDDED_SRES = 'sre-catalog.io/embedded-sres';
/** @public The Group ref of the central SRE team that supports the entity. */
export const ANNOTATION_CENTRAL_SRE = 'sre-catalog.io/central-sre';
/** @public The Team Topologies interaction mode between the team and its SREs. */
export const ANNOTATION_INTERACTION_MODE = 'sre-catalog.io/interaction-mode';
/** @public Prefix of per-area overrides: `sre-catalog.io/responsibility.<area>`. */
export const ANNOTATION_RESPONSIBILITY_PREFIX =
  'sre-catalog.io/responsibility.';
/** @public The Team Topologies type of a Group. */
export const ANNOTATION_TEAM_TYPE = 'sre-catalog.io/team-type';

/** @public Relation from a service to a User or Group that gives it SRE support. */
export const RELATION_SRE_SUPPORTED_BY = 'sreSupportedBy';
/** @public Reverse of {@link RELATION_SRE_SUPPORTED_BY}. */
export const RELATION_SRE_SUPPORTS = 'sreSupports';

/** @public Relation from an SLO to the service (Component) it measures. */
export const RELATION_SLO_OF = 'sloOf';
/** @public Reverse of {@link RELATION_SLO_OF}: a service has this SLO. */
export const RELATION_HAS_SLO = 'hasSlo';

/**
 * @public Where the entity's Markdown runbooks are: `dir:<path>` relative to the
 * entity's own catalog file (resolved like TechDocs resolves `dir:`), or
 * `url:<location>` of a folder or of one `.md` file, read through the URL reader.
 */
export const ANNOTATION_RUNBOOKS = 'sre-catalog.io/runbooks';
/** @public The `type` of a `metadata.links` entry that is a runbook. */
export const RUNBOOK_LINK_TYPE = 'runbook';

/**
 * @public `restricted` marks an entity that only members of its owner Group (and
 * service principals) may read, when the permission policy is built with the SRE
 * Catalog's policy helpers; any other value, or none, leaves it readable by everyone
 * signed in.
 */
export const ANNOTATION_VISIBILITY = 'sre-catalog.io/visibility';
/** @public The value of {@link ANNOTATION_VISIBILITY} that restricts reading. */
export const VISIBILITY_RESTRICTED = 'restricted';
/**
 * @public Names the Group whose members may read a restricted entity that has no
 * owner of its own in the catalog, such as an OpenSLO `SLO`, a Group or a User (e.g.
 * `group:default/risk-engineering`). Only read together with
 * {@link ANNOTATION_VISIBILITY} `restricted`.
 */
export const ANNOTATION_RESTRICTED_TO = 'sre-catalog.io/restricted-to';

/**
 * @public The date (`YYYY-MM-DD`, a UTC calendar day, inclusive) on which the
 * entity's own SRE engagement ({@link ANNOTATION_ENGAGEMENT}) ends: a time-boxed
 * ("parachute") engagement. Needs {@link ANNOTATION_ENGAGEMENT_THEN} and an
 * engagement on the same entity.
 */
export const ANNOTATION_ENGAGEMENT_UNTIL = 'sre-catalog.io/engagement-until';
/**
 * @public The engagement model that follows a time-boxed engagement after
 * {@link ANNOTATION_ENGAGEMENT_UNTIL} (e.g. `platform` after a central SRE's
 * parachute, or `none`).
 */
export const ANNOTATION_ENGAGEMENT_THEN = 'sre-catalog.io/engagement-then';

/**
 * @public The platform offerings a Component, Resource or System uses: a
 * comma-separated list of `SreOffering` refs, each optionally followed by
 * `=<state>` with state `requested`, `onboarding`, `adopted` (the default) or
 * `leaving`, e.g. `managed-postgres=onboarding, sreoffering:platform/ci-runners`.
 */
export const ANNOTATION_OFFERINGS = 'sre-catalog.io/offerings';

/** @public Relation from a Component, Resource or System to an `SreOffering` it uses. */
export const RELATION_CONSUMES_OFFERING = 'consumesOffering';
/** @public Reverse of {@link RELATION_CONSUMES_OFFERING}: the offering is used by the service. */
export const RELATION_OFFERING_CONSUMED_BY = 'offeringConsumedBy';
/** @public Relation from a Group to the `SreOffering` it provides (`spec.provider`). */
export const RELATION_PROVIDES_OFFERING = 'providesOffering';
/** @public Reverse of {@link RELATION_PROVIDES_OFFERING}: the offering's provider Group. */
export const RELATION_OFFERING_PROVIDED_BY = 'offeringProvidedBy';
/** @public Relation from a Component or Resource to the `SreOffering` it implements (`spec.implementedBy`). */
export const RELATION_IMPLEMENTS_OFFERING = 'implementsOffering';
/** @public Reverse of {@link RELATION_IMPLEMENTS_OFFERING}: what runs the offering. */
export const RELATION_OFFERING_IMPLEMENTED_BY = 'offeringImplementedBy';
/** @public Relation from an `SreOffering` to an SLO that measures it (`spec.slos`). */
export const RELATION_OFFERING_MEASURED_BY = 'offeringMeasuredBy';
/** @public Reverse of {@link RELATION_OFFERING_MEASURED_BY}: the SLO measures the offering. */
export const RELATION_MEASURES_OFFERING = 'measuresOffering';
