/** The postmortem tables (migrations in plugins/sre-backend/migrations). */
export const POSTMORTEMS = 'sre_postmortems';
export const ENTITIES = 'sre_postmortem_entities';
export const OWNERS = 'sre_postmortem_owners';
export const TAGS = 'sre_postmortem_tags';
export const ACTION_ITEMS = 'sre_postmortem_action_items';
export const REVISIONS = 'sre_postmortem_revisions';
/** Every ref a postmortem names, for the read filter's visibility check. */
export const REFS = 'sre_postmortem_refs';
export const SRES = 'sre_postmortem_sres';

/** The child tables a write replaces as a whole (revisions are only ever added). */
export const CHILD_TABLES = [ENTITIES, OWNERS, SRES, REFS, TAGS, ACTION_ITEMS];

// SQLite limits bound parameters per statement; keep batches well under it.
export const BATCH = 50;
// Refs per `where in` list: under the 999 bound parameters of older SQLite builds.
export const REFS_PER_QUERY = 500;

/** Epoch milliseconds: PostgreSQL's bigint columns come back as strings. */
export type Millis = number | string;

export type PostmortemRow = {
  id: string;
  version: number;
  template: string;
  title: string;
  severity: string;
  status: string;
  started_at: Millis;
  detected_at: Millis | null;
  mitigated_at: Millis | null;
  resolved_at: Millis | null;
  entity_refs: string;
  impacted_slos: string;
  summary: string;
  impact: string | null;
  timeline: string;
  contributing_factors: string;
  went_well: string | null;
  went_poorly: string | null;
  lessons: string | null;
  tags: string;
  links: string;
  policy_required: boolean | number;
  policy_satisfied: boolean | number;
  policy_reason: string;
  search_text: string;
  created_at: Millis;
  created_by: string;
  updated_at: Millis;
  updated_by: string;
};

export type ActionItemRow = {
  id: string;
  postmortem_id: string;
  position: number;
  title: string;
  owner_ref: string;
  due_date: string | null;
  priority: string;
  status: string;
  tracking_url: string | null;
};

export type OwnerRow = {
  postmortem_id: string;
  entity_ref: string;
  owner_ref: string;
};

export type SreRow = {
  postmortem_id: string;
  entity_ref: string;
  sre_ref: string;
};

export type EntityRow = {
  postmortem_id: string;
  entity_ref: string;
  restricted: boolean | number;
};

export type RevisionRow = {
  postmortem_id: string;
  version: number;
  changed_at: Millis;
  changed_by: string;
  changed_fields: string;
  changes: string | null;
};
