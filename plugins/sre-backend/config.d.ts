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
     * Prometheus servers that SLIs read. An OpenSLO `metricSourceRef` names one;
     * SLIs without one read the source marked `default: true`, or else the first.
     */
    sources?: Array<{
      /** Unique name that SLIs refer to: letters, digits, `.`, `-`, `_`. */
      name: string;
      /** The only source type so far. */
      type: 'prometheus';
      /**
       * The API root, e.g. http://prometheus:9090 (without /api/v1). A URL with
       * credentials (`https://user:pass@host`) is refused at start-up: put them in
       * `headers`, e.g. `Authorization: Basic …`. Errors name the source by its
       * `name`, never by this URL.
       */
      baseUrl: string;
      /** Whether SLIs without a source name read this one (at most one source). */
      default?: boolean;
      /**
       * Headers sent with every query, e.g. Authorization or X-Scope-OrgID. Every
       * value is a secret: credentials belong here, never in `baseUrl`.
       * @deepVisibility secret
       */
      headers?: { [name: string]: string };
      /** How long one query may take: `30s`, ISO 8601 or { seconds: 30 }. Default 30 s. */
      timeout?: string | HumanDuration;
      /**
       * How long all the queries of one evaluation may take together for this
       * source (same formats as `timeout`). Default 25 s: keep it under
       * `sre.evaluation.frequency`. When it passes, the queries still running are
       * aborted and the source's SLOs say unavailable with their last numbers;
       * other sources are not held up.
       */
      deadline?: string | HumanDuration;
    }>;
    /** SLO evaluation. */
    evaluation?: {
      /**
       * How often the SLO statuses are evaluated: `30s`, ISO 8601 or
       * { seconds: 30 }; at least 1 second, default 30 s. One replica evaluates
       * each time. A status not evaluated for three times this is marked stale.
       * A run times out after three times this (at least 60 s) and saves nothing
       * once two thirds of that have passed; every replica applies accepted
       * pushes every 5 s (or every interval, when shorter).
       */
      frequency?: string | HumanDuration;
    };
    /** Catalog visibility of what the SLO and postmortem reads show. */
    visibility?: {
      /**
       * How long a caller's catalog visibility answers are reused by the SLO and
       * postmortem lists, action items, status and history: `10s`, ISO 8601 or
       * { seconds: 10 }; default 10 s, at most 1 hour; `0s` asks the catalog on
       * every request. It is the longest an entity newly hidden from a user can stay in
       * their lists. A busy caller's answers are asked again in the background from
       * half of it on, so that requests do not wait for the catalog.
       */
      cacheTtl?: string | HumanDuration;
    };
    /** Pushed SLI events (the built-in SLI store). */
    ingest?: {
      /**
       * The bounds of the queue of accepted pushes waiting to be applied (by the
       * SLO evaluation, every evaluation interval). Over any of them a push is
       * refused with 503 and a `Retry-After` header (seconds) naming the bound,
       * and nothing of it is stored: the exporter sends it again later. Each
       * replica checks a count of the queue at most a second old, so several
       * replicas may pass a bound by about a second of pushes.
       */
      queue?: {
        /** Pending pushes (one per request) at most; default 10000. */
        maxRows?: number;
        /**
         * Size of the pending payloads at most, in bytes (characters of the stored
         * JSON, about 100 per bucket); default 268435456 (256 MiB).
         */
        maxBytes?: number;
        /**
         * Age of the oldest pending push at most, in seconds; default 600. An older
         * one means the evaluation is not applying pushes (stopped, or behind):
         * pushes are refused until it catches up.
         */
        maxAgeSeconds?: number;
      };
    };
    /** Runbooks: review dates and staleness. */
    runbooks?: {
      /**
       * A runbook whose `last-reviewed` is older than this many days is stale
       * (default 180; a whole number from 1 to 3650). A runbook without a review
       * date (catalog links, SLO runbook URLs, files without one) is always stale.
       * @visibility frontend
       */
      staleAfterDays?: number;
      /**
       * URL prefixes, besides the entity's own source repository, that runbook
       * files may be read from: the `url:` and `dir:` locations of the
       * `sre-catalog.io/runbooks` annotation. By default an entity's runbooks are
       * read only from the repository its catalog file (or
       * `backstage.io/source-location`) is in, on the same host. A location
       * outside both is not read and is shown as a problem on the Runbooks tab.
       *
       * Each entry is an http(s) URL without credentials, query or fragment; it
       * allows itself and everything below it, e.g.
       * `https://github.com/acme/runbooks` allows
       * `https://github.com/acme/runbooks/tree/main/payments` but not
       * `https://github.com/acme/runbooks-old`.
       */
      allowedLocations?: string[];
    };
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
