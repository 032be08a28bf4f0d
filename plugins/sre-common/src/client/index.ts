export { SreApiClient } from './SreApiClient';
export type { SreApiClientOptions } from './SreApiClient';
export type {
  ListOfferingsRequest,
  ListRequiredPostmortemsRequest,
  ListSliDeadLettersRequest,
  ListSlosRequest,
} from './requests';
