import { createFetchApi, FetchMiddlewares } from '@backstage/core-app-api';
import { DiscoveryApi, IdentityApi } from '@backstage/core-plugin-api';
import { setupServer } from 'msw/node';
import { SreClient } from '../api';

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

/**
 * An msw server for the `sre` backend at `baseUrl`, started and reset around each
 * test of the calling `describe`, and the plugin's client talking to it through
 * {@link backstageFetchApi}.
 */
export function setupSreBackend(baseUrl = 'http://localhost:7007/api/sre') {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  beforeEach(() => jest.clearAllMocks());

  const discoveryApi = { getBaseUrl: jest.fn(async () => baseUrl) };
  const fetchApi = backstageFetchApi(discoveryApi, baseUrl);
  const client = new SreClient({ discoveryApi, fetchApi });
  return { server, client, discoveryApi, fetchApi, baseUrl };
}
