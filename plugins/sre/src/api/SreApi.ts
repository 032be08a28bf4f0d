import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  CoverageResponse,
  GetCoverageRequest,
  Ownership,
  TeamSreSupport,
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
}

/**
 * API reference of {@link SreApi}.
 *
 * @public
 */
export const sreApiRef = createApiRef<SreApi>({
  id: 'plugin.sre.api',
});
