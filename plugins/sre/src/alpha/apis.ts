import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { SreClient, sreApiRef } from '../api';
import { sreIncidentsApiRef } from '../api/incidents';

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

/** `api:sre/incidents`, the {@link SreIncidentsApi} client. */
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
