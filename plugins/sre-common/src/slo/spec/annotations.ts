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
