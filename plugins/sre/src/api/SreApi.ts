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
} from '@sre-catalog/backstage-plugin-sre-common';

/**
 * Client of the SRE Catalog backend (`/api/sre`).
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
}

/**
 * API reference of {@link SreApi}.
 *
 * @public
 */
export const sreApiRef = createApiRef<SreApi>({
  id: 'plugin.sre.api',
});
