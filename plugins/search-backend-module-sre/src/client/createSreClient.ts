import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { SreApiClient } from '@sre-catalog/backstage-plugin-sre-common';

/**
 * The `sre` backend's client (generated from its spec, in sre-common), calling
 * with the search plugin's own service credentials.
 *
 * @internal
 */
export function createSreClient(options: {
  auth: AuthService;
  discovery: DiscoveryService;
}): SreApiClient {
  const { auth, discovery } = options;
  return new SreApiClient({
    discoveryApi: discovery,
    fetchApi: {
      async fetch(input, init) {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: 'sre',
        });
        const request = new Request(input, init);
        request.headers.set('Authorization', `Bearer ${token}`);
        return fetch(request);
      },
    },
  });
}
