/**
 * The normalised form every SLO takes once validated, whatever its source format
 * (OpenSLO v1, Sloth prometheus/v1, Pyrra v1alpha1). The backend evaluates only this.
 */

/** @public */
export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

/** @public What a time slice without data counts as (Timeslices only). */
export type NoDataSlicePolicy = 'good' | 'bad' | 'skip';

/** @public The SLO's period. */
export type SloTimeWindow =
  | { kind: 'rolling'; durationMs: number; text: string }
  | {
      kind: 'calendar';
      /** Calendar unit and count, e.g. 1 month. */
      unit: 'd' | 'w' | 'M' | 'Q' | 'y';
      count: number;
      /** Anchor of the calendar periods, ISO-8601. */
      startTime: string;
      /** IANA time zone of the calendar, e.g. Europe/Berlin. */
      timeZone: string;
      text: string;
    };

/** @public A query for one side of a ratio, in the source's language. */
export type SliQuery = { query: string };

/**
 * @public The Sloth SLO whose recording rules (`slo:sli_error:ratio_rate<window>`)
 * hold this SLI's error ratios: the values of their `sloth_id`, `sloth_service` and
 * `sloth_slo` labels.
 */
export type SlothRecordingRules = { id: string; service: string; slo: string };

/** @public Where the SLI's events come from. */
export type SliSource =
  | { type: 'builtin' }
  | {
      type: 'prometheus';
      /** The `sre.sources` entry to ask; undefined means the default source. */
      sourceName?: string;
      /** Exactly two of good/bad/total are set. */
      good?: SliQuery;
      bad?: SliQuery;
      total?: SliQuery;
      /** Whether the queries are counters to be increased over a window. */
      counter: boolean;
      /**
       * Set when Sloth's recording rules exist for this SLI: its windows are then
       * read from them, and from the queries above only where a rule has no series.
       */
      sloth?: SlothRecordingRules;
    };

/** @public Where a definition came from. */
export type SloSourceFormat = 'openslo' | 'sloth' | 'pyrra';

/** @public A validated SLO. */
export type SloDefinition = {
  /** `slo:<namespace>/<name>` */
  ref: string;
  name: string;
  namespace: string;
  displayName?: string;
  description?: string;
  /** The entity ref of the service (a Component) it measures. */
  service: string;
  format: SloSourceFormat;
  target: number;
  budgetingMethod: BudgetingMethod;
  timeWindow: SloTimeWindow;
  /** Timeslices: the ratio a slice must reach to be good, and the slice length. */
  timeSliceTarget?: number;
  timeSliceWindowMs?: number;
  noDataSlicePolicy?: NoDataSlicePolicy;
  indicator: {
    /** Name of the SLI (inline or referenced). */
    name?: string;
    source: SliSource;
  };
  /** Names of AlertPolicies the SLO refers to. */
  alertPolicies: string[];
  /** `runbook_url`s declared by its alerting, for the runbooks view. */
  runbookUrls: string[];
};

/** @public One reason a document is invalid: where, and why. */
export type SpecProblem = { path: string; message: string };
