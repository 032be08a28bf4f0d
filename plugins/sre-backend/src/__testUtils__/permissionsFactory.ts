import {
  PermissionsService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * The permissions service of a test backend: the test's own `authorize` and
 * `authorizeConditional` where given; a method not given allows every request.
 */
export function permissionsFactory(methods: Partial<PermissionsService>) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: (): PermissionsService => ({
      authorize: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      authorizeConditional: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      ...methods,
    }),
  });
}
