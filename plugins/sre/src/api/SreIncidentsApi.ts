import { createApiRef } from '@backstage/core-plugin-api';
import {
  SreApiClient,
  SreApiClientOptions,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SreApi } from './SreApi';

// Runbooks and postmortems once had an API of their own; they are part of SreApi.

/**
 * @public
 * @deprecated Runbooks and postmortems are part of {@link SreApi}.
 */
export type SreIncidentsApi = Pick<
  SreApi,
  | 'getRunbooks'
  | 'listPostmortems'
  | 'getPostmortem'
  | 'createPostmortem'
  | 'updatePostmortem'
  | 'getPostmortemHistory'
  | 'listRequiredPostmortems'
  | 'listActionItems'
>;

/**
 * @public
 * @deprecated Use `sreApiRef`: the plugin's components read runbooks and
 * postmortems through it.
 */
export const sreIncidentsApiRef = createApiRef<SreIncidentsApi>({
  id: 'plugin.sre.incidents',
});

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
