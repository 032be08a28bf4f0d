import { createFetchApi, FetchMiddlewares } from '@backstage/core-app-api';
import { DiscoveryApi, IdentityApi } from '@backstage/core-plugin-api';

/**
 * Backstage's own fetch API with the middlewares an app installs, signed in with
 * `user-token`, as a spy. The middlewares rebuild the request, so a client must
 * hand them a URL and init, not a Request.
 */
export function backstageFetchApi(discoveryApi: DiscoveryApi, baseUrl: string) {
  const identityApi = {
    getCredentials: async () => ({ token: 'user-token' }),
  } as unknown as IdentityApi;
  const fetchApi = createFetchApi({
    // The global fetch of each call, which msw intercepts once listening.
    baseImplementation: (input, init) => fetch(input, init),
    middleware: [
      FetchMiddlewares.resolvePluginProtocol({ discoveryApi }),
      FetchMiddlewares.injectIdentityAuth({
        identityApi,
        urlPrefixAllowlist: [baseUrl],
      }),
    ],
  });
  return { fetch: jest.fn(fetchApi.fetch) };
}
