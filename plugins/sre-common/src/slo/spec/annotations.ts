/**
 * Annotation keys of SLO entities. They sit beside the spec code because only SLO
 * entities carry them.
 */

/** @public Which format an SLO was written in: `openslo` (default), `sloth` or `pyrra`. */
export const ANNOTATION_SLO_FORMAT = 'sre-catalog.io/slo-format';

/** @public Timeslices: what a slice without data counts as, `good`, `bad` or `skip`. */
export const ANNOTATION_NO_DATA_SLICES = 'sre-catalog.io/no-data-slices';

/** @public One or more runbook URLs of the SLO's alerts, separated by whitespace. */
export const ANNOTATION_RUNBOOK_URL = 'sre-catalog.io/runbook-url';

/** @public Pyrra: the service (a Component name or entity ref) an SLO measures. */
export const ANNOTATION_SLO_SERVICE = 'sre-catalog.io/service';

/**
 * @public Sloth: the `sloth_service` of the recording rules that hold the SLO's
 * error ratios. With {@link ANNOTATION_SLOTH_SLO}, makes a Prometheus SLO read
 * `slo:sli_error:ratio_rate<window>` instead of its raw counters.
 */
export const ANNOTATION_SLOTH_SERVICE = 'sre-catalog.io/sloth-service';

/** @public Sloth: the `sloth_slo` (the SLO's name in its Sloth document). */
export const ANNOTATION_SLOTH_SLO = 'sre-catalog.io/sloth-slo';

/** @public Sloth: the `sloth_id`, when it is not Sloth's default `<service>-<slo>`. */
export const ANNOTATION_SLOTH_ID = 'sre-catalog.io/sloth-id';
