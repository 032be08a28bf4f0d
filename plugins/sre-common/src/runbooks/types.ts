import type { AlertSeverity } from '../slo/alerting';

/**
 * Where a runbook came from: a `metadata.links` entry with `type: runbook`, a
 * Markdown file found through the `sre-catalog.io/runbooks` annotation, or a
 * `runbook_url` declared by one of the service's SLOs.
 *
 * @public
 */
export type RunbookSource = 'link' | 'file' | 'slo';

/**
 * Every {@link RunbookSource}.
 *
 * @public
 */
export const RUNBOOK_SOURCES: readonly RunbookSource[] = [
  'link',
  'file',
  'slo',
];

/** @public One runbook of an entity, whatever its source. */
export type Runbook = {
  /** Stable for the same source and location; usable in a page URL. */
  id: string;
  title: string;
  /**
   * Where to open it. Absent for Markdown files the backend read from its own file
   * system (a `file:` catalog location): their `markdown` is the content to show.
   */
  url?: string;
  source: RunbookSource;
  /** For files: the path inside the runbooks folder, e.g. `payments/declines.md`. */
  path?: string;
  /** Names of the alerts it covers (see {@link sloAlertName} for SLO alerts). */
  alerts: string[];
  /** `YYYY-MM-DD` of the last review; `null` when the source gives none. */
  lastReviewed: string | null;
  /**
   * Whether the last review is older than the configured age
   * (`sre.runbooks.staleAfterDays`). A runbook without a review date is stale too:
   * nobody can tell it still matches the service.
   */
  stale: boolean;
  /**
   * The Markdown body of a file runbook, front matter removed. Untrusted: render it
   * sanitised (no script, no event handlers, no `javascript:` links).
   */
  markdown?: string;
};

/** @public One alert of the service, and the runbooks that cover it. */
export type RunbookAlert = {
  /** `<slo-name>:page`, `<slo-name>:ticket`, or an alert name a runbook declares. */
  name: string;
  /** The SLO that raises it, for SLO alerts. */
  sloRef?: string;
  severity?: AlertSeverity;
  /** Ids of the runbooks that cover it; empty when none does. */
  runbookIds: string[];
};

/** @public Where a runbook problem was found. */
export type RunbookProblemSource = 'annotation' | RunbookSource;

/**
 * Something that kept a runbook source from being read completely: a broken
 * annotation, an unreadable or oversized file, bad front matter, an invalid SLO.
 *
 * @public
 */
export type RunbookProblem = {
  source: RunbookProblemSource;
  /** The file path, link URL or SLO ref the problem is about, when there is one. */
  location?: string;
  message: string;
};

/** @public Response of `GET /api/sre/runbooks/{kind}/{namespace}/{name}`. */
export type EntityRunbooksResponse = {
  entityRef: string;
  runbooks: Runbook[];
  /** Every alert of the service: its SLOs' alerts, then alerts runbooks declare. */
  alerts: RunbookAlert[];
  /** Names of the alerts no runbook covers. */
  uncoveredAlerts: string[];
  problems: RunbookProblem[];
  /** The age after which a review is stale, as configured. */
  staleAfterDays: number;
};
