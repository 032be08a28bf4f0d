import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { SreClient, sreApiRef } from '../api';
import { sreIncidentsApiRef } from '../api/SreIncidentsApi';

/** The {@link SreApi} client, `api:sre`. */
export const sreApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sreApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SreClient({ discoveryApi, fetchApi }),
    }),
});

/** `api:sre/incidents`: the deprecated `sreIncidentsApiRef`, for apps that still read it. */
export const sreIncidentsApi = ApiBlueprint.make({
  name: 'incidents',
  params: defineParams =>
    defineParams({
      api: sreIncidentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SreClient({ discoveryApi, fetchApi }),
    }),
});
