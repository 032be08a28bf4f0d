import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EntityOfferings,
  ExpiringEngagements,
  ListOfferingsResponse,
  OfferingCategory,
  OfferingDetails,
} from '@sre-catalog/backstage-plugin-sre-common';

/** Options of every offerings call: the caller, for catalog visibility. */
export type OfferingRequestOptions = { credentials: BackstageCredentials };

/** Filters and page of {@link OfferingService.listOfferings}. */
export type ListOfferingsQuery = {
  /** A normalised Group ref. */
  provider?: string;
  category?: OfferingCategory;
  limit: number;
  offset: number;
};

/**
 * The platform offerings of the catalog (`SreOffering` entities) as the caller
 * may see them, with their adopters (services whose `sre-catalog.io/offerings`
 * names them) and their own SLOs; and the time-boxed engagements that end soon.
 */
export interface OfferingService {
  listOfferings(
    query: ListOfferingsQuery,
    options: OfferingRequestOptions,
  ): Promise<ListOfferingsResponse>;

  /** Throws NotFoundError when the caller cannot see the offering. */
  getOffering(
    offeringRef: CompoundEntityRef,
    options: OfferingRequestOptions,
  ): Promise<OfferingDetails>;

  /** Throws NotFoundError when the caller cannot see the entity. */
  getEntityOfferings(
    entityRef: CompoundEntityRef,
    options: OfferingRequestOptions,
  ): Promise<EntityOfferings>;

  /** Expired ones and those ending within 14 days, the most overdue first. */
  listExpiringEngagements(
    query: { group?: string },
    options: OfferingRequestOptions,
  ): Promise<ExpiringEngagements>;
}
