/**
 * The parts of the `sre` backend's wire types that the collators read. The
 * backend sends more; unknown fields are ignored.
 */

/** A postmortem as listed by `GET /api/sre/postmortems`. */
export interface SrePostmortem {
  id: string;
  title: string;
  severity: string;
  status: string;
  startedAt?: string;
  entityRefs: string[];
  /** The owners of the affected entities when the postmortem was last written. */
  ownerRefs?: string[];
  summary?: string;
  impact?: string;
  /** Free text, or a list of lessons. */
  lessons?: string | string[];
  tags?: string[];
  updatedAt?: string;
}

/** One page of `GET /api/sre/postmortems`. */
export interface ListPostmortemsResponse {
  items: SrePostmortem[];
  totalCount: number;
}

/** A runbook as returned by `GET /api/sre/runbooks/{kind}/{namespace}/{name}`. */
export interface SreRunbook {
  id: string;
  title: string;
  url?: string;
  source: 'link' | 'file' | 'slo';
  alerts?: string[];
  lastReviewed?: string | null;
  stale?: boolean;
  /** The Markdown body of repository runbooks. */
  markdown?: string;
}

/** The answer of `GET /api/sre/runbooks/{kind}/{namespace}/{name}`. */
export interface GetRunbooksResponse {
  runbooks: SreRunbook[];
  uncoveredAlerts?: unknown[];
  problems?: unknown[];
}
