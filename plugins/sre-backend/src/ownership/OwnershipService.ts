import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  CoverageResponse,
  GetCoverageRequest,
  Ownership,
  TeamSreSupport,
} from '@sre-catalog/backstage-plugin-sre-common';

/** @public Options every ownership call takes: the caller, for catalog permissions. */
export type OwnershipRequestOptions = { credentials: BackstageCredentials };

/**
 * Who is responsible for the reliability of what: per entity, per team and across
 * the organisation.
 *
 * @public
 */
export interface OwnershipService {
  /** Throws NotFoundError when the entity is not in the catalog. */
  getOwnership(
    entityRef: CompoundEntityRef,
    options: OwnershipRequestOptions,
  ): Promise<Ownership>;

  getCoverage(
    request: GetCoverageRequest,
    options: OwnershipRequestOptions,
  ): Promise<CoverageResponse>;

  /** Throws NotFoundError when the Group is not in the catalog. */
  getTeamSupport(
    groupRef: CompoundEntityRef,
    options: OwnershipRequestOptions,
  ): Promise<TeamSreSupport>;
}
