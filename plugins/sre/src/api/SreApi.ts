import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  CoverageResponse,
  GetCoverageRequest,
  ListSliDeadLettersResponse,
  ListSlosResponse,
  Ownership,
  SloEvaluatorHealth,
  SloHistoryResponse,
  SloStatus,
  TeamSreSupport,
  ListSliDeadLettersRequest,
  ListSlosRequest,
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
 * Client of the SRE Catalog backend (`/api/sre`): ownership, SLOs, runbooks and
 * postmortems. Every method rejects with a `ResponseError` from
 * `@backstage/errors` on a non-2xx answer; a 400 names the bad field
 * (`Invalid <field>: ...`), an update based on a stale version is refused with 409.
 *
 * @public
 */
export interface SreApi {
  /**
   * Who is responsible for the reliability of a Component, System or Resource.
   * Rejects with a `ResponseError` (status 404) when the catalog does not know the entity.
   */
  getOwnership(entityRef: CompoundEntityRef | string): Promise<Ownership>;

  /** The SRE coverage of all services, optionally of one owner Group or System. */
  getCoverage(request?: GetCoverageRequest): Promise<CoverageResponse>;

  /** The services a Group supports as SREs, and the SRE coverage of those it owns. */
  getTeamSupport(groupRef: CompoundEntityRef | string): Promise<TeamSreSupport>;

  /** The current status of SLOs, filtered and paged by the backend. */
  listSlos(request?: ListSlosRequest): Promise<ListSlosResponse>;

  /**
   * The current status of one SLO (`slo:default/name` or `default/name`).
   * Rejects with a `ResponseError` (status 404) for an unknown SLO.
   */
  getSloStatus(sloRef: CompoundEntityRef | string): Promise<SloStatus>;

  /** One point per day over the last `days` days (30 when not given). */
  getSloHistory(
    sloRef: CompoundEntityRef | string,
    days?: number,
  ): Promise<SloHistoryResponse>;

  /** Whether SLO evaluation keeps up: its last runs, the push queue and the dead letters. */
  getSloEvaluatorHealth(): Promise<SloEvaluatorHealth>;

  /** Pushes of SLI data that could not be applied, of the SLOs the user can see. */
  listSliDeadLetters(
    request?: ListSliDeadLettersRequest,
  ): Promise<ListSliDeadLettersResponse>;

  /** Queues a dead letter to be applied again (`sre.slo.deadletter.manage`). */
  retrySliDeadLetter(id: string): Promise<void>;

  /** Drops a dead letter for good (`sre.slo.deadletter.manage`). */
  discardSliDeadLetter(id: string): Promise<void>;

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
 * API reference of {@link SreApi}.
 *
 * @public
 */
export const sreApiRef = createApiRef<SreApi>({
  id: 'plugin.sre.api',
});
