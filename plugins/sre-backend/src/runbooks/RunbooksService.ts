import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityRunbooksResponse } from '@sre-catalog/backstage-plugin-sre-common';

/** @public Options of every runbooks call: the caller, for catalog permissions. */
export type RunbooksRequestOptions = { credentials: BackstageCredentials };

/**
 * The runbooks of catalog entities, merged from catalog links, Markdown files and
 * the runbook URLs of their SLOs, with the alerts they cover.
 *
 * @public
 */
export interface RunbooksService {
  /**
   * Throws NotFoundError when the caller cannot see the entity. A broken source
   * (annotation, file, SLO) is a problem in the response, never an error.
   */
  getRunbooks(
    entityRef: CompoundEntityRef,
    options: RunbooksRequestOptions,
  ): Promise<EntityRunbooksResponse>;
}
