import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { SreClient, sreApiRef } from '../api';

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
