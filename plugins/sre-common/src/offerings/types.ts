import { Entity } from '@backstage/catalog-model';
import { InteractionMode } from '../ownership/types';

/** @public The API version of the SRE Catalog's own entity kinds. */
export const SRE_CATALOG_API_VERSION = 'sre-catalog.io/v1alpha1';

/** @public The kind of a platform offering entity. */
export const OFFERING_KIND = 'SreOffering';

/** @public What kind of work a platform offering delivers. */
export type OfferingCategory =
  | 'ci-cd'
  | 'observability'
  | 'database-operations'
  | 'incident-response'
  | 'security'
  | 'infrastructure'
  | 'coaching'
  | 'other';

/** @public */
export const OFFERING_CATEGORIES: readonly OfferingCategory[] = [
  'ci-cd',
  'observability',
  'database-operations',
  'incident-response',
  'security',
  'infrastructure',
  'coaching',
  'other',
];

/** @public Where a service stands with an offering it uses. */
export type AdoptionState = 'requested' | 'onboarding' | 'adopted' | 'leaving';

/** @public In the order a service goes through them. */
export const ADOPTION_STATES: readonly AdoptionState[] = [
  'requested',
  'onboarding',
  'adopted',
  'leaving',
];

/** @public How a team asks for an offering; at least one channel is set. */
export type OfferingRequestChannels = {
  /** A Scaffolder template ref (`template:default/request-ci-runners`). */
  template?: string;
  /** An `http(s)` URL: a form, a ticket queue. */
  url?: string;
  /** A chat channel, as the team writes it (`#platform-ci`). */
  chat?: string;
};

/** @public A link to an offering's documentation. */
export type OfferingLink = { title: string; url: string };

/**
 * @public The `spec` of a valid `SreOffering`, with every ref normalised
 * (`kind:namespace/name`, lower case).
 */
export type SreOfferingSpec = {
  /** The Group that provides the offering. */
  provider: string;
  category: OfferingCategory;
  interaction: {
    mode: InteractionMode;
    /** The last day (`YYYY-MM-DD`, UTC) of a time-boxed mode. */
    until?: string;
    /** The mode that follows `until`. */
    then?: InteractionMode;
  };
  request: OfferingRequestChannels;
  officeHours?: string;
  documentation: OfferingLink[];
  /** The Components and Resources that run the offering. */
  implementedBy: string[];
  /** The SLO entities that measure the offering itself. */
  slos: string[];
};

/** @public An `SreOffering` entity as the catalog stores it. */
export type SreOfferingEntity = Entity & {
  apiVersion: typeof SRE_CATALOG_API_VERSION;
  kind: typeof OFFERING_KIND;
  spec: SreOfferingSpec;
};

/** @public One offering a service declares it uses, with where it stands. */
export type OfferingUse = { offeringRef: string; state: AdoptionState };
