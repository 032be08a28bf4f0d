export { SreApiClient } from './SreApiClient';
export type { SreApiClientOptions } from './SreApiClient';
export type {
  ListRequiredPostmortemsRequest,
  ListSliDeadLettersRequest,
  ListSlosRequest,
} from './requests';
