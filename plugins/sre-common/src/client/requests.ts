import { CompoundEntityRef } from '@backstage/catalog-model';
import { OfferingCategory } from '../offerings';
import { SloStatus } from '../slo';

/**
 * Filters, order and page of {@link SreApiClient.listSlos}. The filters combine;
 * without any the list holds every SLO the backend knows.
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
 * A page of {@link SreApiClient.listSliDeadLetters}.
 *
 * @public
 */
export type ListSliDeadLettersRequest = {
  /** Page size (the backend decides the default and maximum). */
  limit?: number;
  offset?: number;
};

/**
 * Paging of {@link SreApiClient.listRequiredPostmortems}.
 *
 * @public
 */
export type ListRequiredPostmortemsRequest = {
  /** 1 to 500 (the backend defaults to 100). */
  limit?: number;
  offset?: number;
};

/**
 * Filters and page of {@link SreApiClient.listOfferings}.
 *
 * @public
 */
export type ListOfferingsRequest = {
  /** The offerings of one provider Group. */
  provider?: CompoundEntityRef | string;
  category?: OfferingCategory;
  /** 1 to 500 (the backend defaults to 100). */
  limit?: number;
  offset?: number;
};
