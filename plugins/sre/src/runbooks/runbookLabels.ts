import { RunbookSource } from '@sre-catalog/backstage-plugin-sre-common';

/** Title of the entity tab with the runbooks. */
export const RUNBOOKS_TITLE = 'Runbooks';

/** Where a runbook came from, in words. */
export const RUNBOOK_SOURCE_LABELS: Record<RunbookSource, string> = {
  link: 'Catalog link',
  file: 'Repository file',
  slo: 'SLO alert',
};
