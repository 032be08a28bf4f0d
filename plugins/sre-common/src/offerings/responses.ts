import { EngagementExpiry, InteractionMode } from '../ownership/types';
import { SloStatus } from '../slo/status';
import {
  AdoptionState,
  OfferingCategory,
  OfferingLink,
  OfferingRequestChannels,
} from './types';

/** @public Services that use an offering, per adoption state, and in all. */
export type AdopterCounts = Record<AdoptionState, number> & { total: number };

/** @public One of an offering's own SLOs, with its last status once evaluated. */
export type OfferingSlo = {
  sloRef: string;
  title?: string;
  status?: SloStatus;
};

/** @public An offering as the API returns it (`GET /offerings`). */
export type Offering = {
  entityRef: string;
  title?: string;
  description?: string;
  provider: string;
  providerTitle?: string;
  category: OfferingCategory;
  interaction: {
    mode: InteractionMode;
    until?: string;
    then?: InteractionMode;
    expiry?: EngagementExpiry;
  };
  request: OfferingRequestChannels;
  officeHours?: string;
  documentation: OfferingLink[];
  implementedBy: string[];
  slos: OfferingSlo[];
  adopters: AdopterCounts;
};

/** @public A page of offerings. */
export type ListOfferingsResponse = { items: Offering[]; totalCount: number };

/** @public A service that uses an offering. */
export type OfferingAdopter = {
  entityRef: string;
  title?: string;
  owner?: string;
  state: AdoptionState;
};

/** @public One offering and its adopters (`GET /offerings/{namespace}/{name}`). */
export type OfferingDetails = {
  offering: Offering;
  adopters: OfferingAdopter[];
};

/** @public The offerings an entity uses (`GET /offerings/used-by/...`). */
export type EntityOfferings = {
  entityRef: string;
  offerings: Array<{ state: AdoptionState; offering: Offering }>;
};

/** @public A time-boxed engagement that is expired or ends within 14 days. */
export type ExpiringEngagement = {
  type: 'service' | 'offering';
  entityRef: string;
  title?: string;
  /** The offering's provider, or the service's central SRE team. */
  team?: string;
  /** The engagement model or interaction mode that ends. */
  current: string;
  until: string;
  daysLeft: number;
  expiry: 'expiring' | 'expired';
  then?: string;
};

/** @public `GET /engagements/expiring`. */
export type ExpiringEngagements = { items: ExpiringEngagement[] };
