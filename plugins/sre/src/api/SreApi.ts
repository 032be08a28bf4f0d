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
} from '@sre-catalog/backstage-plugin-sre-common';

/**
 * Filters, order and page of {@link SreApi.listSlos}. The filters combine; without any
 * the list holds every SLO the backend knows.
 *
 * @public
 */
export type ListSlosRequest = {
  /** The SLOs of one service (a Component ref); the answer then also lists its invalid SLO documents. */
  entityRef?: CompoundEntityRef | string;
  /** The SLOs of the services a Group owns or supports as SREs. */
  owner?: CompoundEntityRef | string;
  /** The SLOs of a System's components. */
  system?: CompoundEntityRef | string;
  /** Only SLOs in this alert state. */
  alert?: SloStatus['alert'];
  /** `budget` (the default): least budget left first, no data last; `alert`: page, ticket, none, then budget. */
  orderBy?: 'budget' | 'alert';
  /** Page size, 1 to 500 (the backend defaults to 100). */
  limit?: number;
  offset?: number;
};

/**
 * A page of {@link SreApi.listSliDeadLetters}.
 *
 * @public
 */
export type ListSliDeadLettersRequest = {
  /** Page size (the backend decides the default and maximum). */
  limit?: number;
  offset?: number;
};

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
