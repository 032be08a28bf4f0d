import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the SRE Catalog plugins. */
  sre?: {
    /**
     * The organisation-wide central SRE team (a Group ref), holder of the
     * `central-sre` party for services that do not name their own with the
     * `sre-catalog.io/central-sre` annotation.
     * @visibility frontend
     */
    centralSreTeam?: string;
    /**
     * The platform team (a Group ref), holder of the `platform` party.
     * @visibility frontend
     */
    platformTeam?: string;
    /**
     * The organisation baseline responsibility matrix: for each area (for example
     * release, ci-cd-pipeline, alerting, on-call, incident-response, postmortems,
     * capacity, database-operations, network, ci-cd-infrastructure,
     * observability-platform, security, cost), the party that holds it by default.
     *
     * A party is `team` (the owning Group), `embedded-sre`, `central-sre`,
     * `platform`, or a User/Group entity ref. Either one party for every service,
     * or an object with a `default` and one party per engagement model
     * (`embedded`, `central`, `enabling`, `platform`, `hybrid`, `none`).
     *
     * Services override an area with `sre-catalog.io/responsibility.<area>`, on the
     * entity or on its System. When this block is absent the plugin uses its
     * built-in baseline.
     * @visibility frontend
     */
    /**
     * Prometheus servers that SLIs read. An OpenSLO `metricSourceRef` names one;
     * SLIs without one read the source marked `default: true`, or else the first.
     */
    sources?: Array<{
      /** Unique name that SLIs refer to: letters, digits, `.`, `-`, `_`. */
      name: string;
      /** The only source type so far. */
      type: 'prometheus';
      /** The API root, e.g. http://prometheus:9090 (without /api/v1). */
      baseUrl: string;
      /** Whether SLIs without a source name read this one (at most one source). */
      default?: boolean;
      /**
       * Headers sent with every query, e.g. Authorization or X-Scope-OrgID.
       * @visibility secret
       */
      headers?: { [name: string]: string };
      /** How long one query may take: `30s`, ISO 8601 or { seconds: 30 }. Default 30 s. */
      timeout?: string | HumanDuration;
    }>;
    /** Runbooks: review dates and staleness. */
    runbooks?: {
      /**
       * A runbook whose `last-reviewed` is older than this many days is stale
       * (default 180; a whole number from 1 to 3650). A runbook without a review
       * date (catalog links, SLO runbook URLs, files without one) is always stale.
       * @visibility frontend
       */
      staleAfterDays?: number;
    };
    responsibilities?: {
      [area: string]:
        | string
        | {
            default: string;
            embedded?: string;
            central?: string;
            enabling?: string;
            platform?: string;
            hybrid?: string;
            none?: string;
          };
    };
  };
}
