import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  CreatePostmortemRequest,
  EntityRunbooksResponse,
  ListActionItemsRequest,
  ListActionItemsResponse,
  ListPostmortemsRequest,
  ListPostmortemsResponse,
  ListRequiredPostmortemsResponse,
  Postmortem,
  PostmortemHistoryResponse,
  UpdatePostmortemRequest,
  ListRequiredPostmortemsRequest,
} from '@sre-catalog/backstage-plugin-sre-common';

/**
 * Client of the runbooks and the postmortem registry of the SRE Catalog backend
 * (`/api/sre/runbooks`, `/api/sre/postmortems`, `/api/sre/action-items`). Every
 * method rejects with a `ResponseError` from `@backstage/errors` on a non-2xx answer;
 * a 400 names the bad field (`Invalid <field>: ...`), an update based on a stale
 * version is refused with 409.
 *
 * @public
 */
export interface SreIncidentsApi {
  /**
   * The runbooks of an entity from every source, the alerts they cover and the
   * problems found reading them.
   */
  getRunbooks(
    entityRef: CompoundEntityRef | string,
  ): Promise<EntityRunbooksResponse>;

  /** Postmortems, newest incident first, filtered and paged by the backend. */
  listPostmortems(
    request?: ListPostmortemsRequest,
  ): Promise<ListPostmortemsResponse>;

  /** One postmortem; rejects with status 404 for an unknown id. */
  getPostmortem(id: string): Promise<Postmortem>;

  /** Writes a new postmortem and returns it as stored (version 1). */
  createPostmortem(request: CreatePostmortemRequest): Promise<Postmortem>;

  /**
   * Replaces a postmortem. `request.version` is the version the edit is based on;
   * when someone changed it since, the backend refuses with 409.
   */
  updatePostmortem(
    id: string,
    request: UpdatePostmortemRequest,
  ): Promise<Postmortem>;

  /** Who changed which fields of a postmortem, and when; newest first. */
  getPostmortemHistory(id: string): Promise<PostmortemHistoryResponse>;

  /**
   * Incidents the error budget policy says need a postmortem with a P0 action item,
   * where that postmortem is missing or lacks one.
   */
  listRequiredPostmortems(
    request?: ListRequiredPostmortemsRequest,
  ): Promise<ListRequiredPostmortemsResponse>;

  /** Action items across postmortems, by due date then priority. */
  listActionItems(
    request?: ListActionItemsRequest,
  ): Promise<ListActionItemsResponse>;
}

/**
 * API reference of {@link SreIncidentsApi}.
 *
 * @public
 */
export const sreIncidentsApiRef = createApiRef<SreIncidentsApi>({
  id: 'plugin.sre.incidents',
});
