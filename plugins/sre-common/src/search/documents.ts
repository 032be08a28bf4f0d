import { IndexableDocument } from '@backstage/plugin-search-common';

/**
 * The search document type of published postmortems, indexed by the SRE Catalog's
 * search module and rendered by the `sre` frontend plugin's result list item.
 *
 * @public
 */
export const SRE_POSTMORTEM_DOCUMENT_TYPE = 'sre-postmortem';

/**
 * The search document type of runbooks.
 *
 * @public
 */
export const SRE_RUNBOOK_DOCUMENT_TYPE = 'sre-runbook';

/**
 * A published postmortem in the search index (document type `sre-postmortem`).
 *
 * @public
 */
export interface SrePostmortemDocument extends IndexableDocument {
  /** The postmortem's id in the `sre` backend. */
  postmortemId: string;
  /** `SEV1` .. `SEV4`. */
  severity: string;
  /** Always `published`: drafts and postmortems in review are not indexed. */
  status: string;
  /** When the incident started (ISO 8601). */
  startedAt: string | undefined;
  /** Every affected entity, as full refs. */
  entityRefs: string[];
  /** The first affected entity, whose page the result links to. */
  entityRef: string;
  /**
   * The team: the owner of the first affected entity, else of the first
   * affected entity whose owner the catalog knows, else the first owner
   * recorded on the postmortem.
   */
  owner: string | undefined;
  /**
   * The owners of all affected entities that the catalog knows; if it knows
   * none, the owners recorded on the postmortem when it was last written.
   */
  owners: string[];
  tags: string[];
}

/**
 * A runbook of a catalog entity in the search index (document type
 * `sre-runbook`).
 *
 * @public
 */
export interface SreRunbookDocument extends IndexableDocument {
  /** The runbook's id in the `sre` backend. */
  runbookId: string;
  /** The entity (service) the runbook belongs to. */
  entityRef: string;
  /** The entity's owner (team). */
  owner: string | undefined;
  /** `link` (catalog link), `file` (repository Markdown) or `slo` (an alert's runbook URL). */
  source: string;
  /** The alerts the runbook covers. */
  alerts: string[];
  /** Whether its last review is older than the `sre` plugin's staleness limit. */
  stale: boolean;
  /** The date of its last review (ISO 8601). */
  lastReviewed: string | undefined;
}
