import {
  mockCredentials,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';

/** Where `mockServices.discovery()` puts the `sre` plugin. */
export const SRE_BASE_URL = 'http://localhost:0/api/sre';

/**
 * The Authorization header the `sre` backend receives from a collator: the search
 * plugin's own service token, for the sre plugin.
 */
export const SEARCH_SERVICE_AUTHORIZATION = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:search'),
  targetPluginId: 'sre',
});

/** An msw server that stands in for the `sre` backend, its handlers reset after each test. */
export function setupSreBackend() {
  const server = setupServer();
  registerMswTestHooks(server);
  return server;
}
