export { sreApiRef } from './SreApi';
export type { SreApi } from './SreApi';
// The default SreApi: the client of the `sre` backend
// generated from its OpenAPI spec, shared with backend modules in sre-common.
export { SreApiClient as SreClient } from '@sre-catalog/backstage-plugin-sre-common';
export type {
  SreApiClientOptions as SreClientOptions,
  ListSlosRequest,
  ListSliDeadLettersRequest,
  ListRequiredPostmortemsRequest,
} from '@sre-catalog/backstage-plugin-sre-common';
