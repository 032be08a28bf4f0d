import {
  SreApiClient,
  SreApiClientOptions,
} from '@sre-catalog/backstage-plugin-sre-common';

export { sreIncidentsApiRef } from './SreIncidentsApi';
export type { SreIncidentsApi } from './SreIncidentsApi';
export type { ListRequiredPostmortemsRequest } from '@sre-catalog/backstage-plugin-sre-common';

/**
 * @public
 * @deprecated The one client of the backend is `SreClient`; this is the same.
 */
export class SreIncidentsClient extends SreApiClient {}

/**
 * @public
 * @deprecated Use `SreClientOptions`.
 */
export type SreIncidentsClientOptions = SreApiClientOptions;
