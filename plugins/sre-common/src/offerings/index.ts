export * from './types';
export { validateSreOffering } from './validateSreOffering';
export type { ValidateSreOfferingResult } from './validateSreOffering';
export { parseOfferingAnnotation } from './parseOfferingAnnotation';
export type { ParsedOfferingAnnotation } from './parseOfferingAnnotation';
export type {
  AdopterCounts,
  EntityOfferings,
  ExpiringEngagement,
  ExpiringEngagements,
  ListOfferingsResponse,
  Offering,
  OfferingAdopter,
  OfferingDetails,
  OfferingSlo,
} from './responses';
