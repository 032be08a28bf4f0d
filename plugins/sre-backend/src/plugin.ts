import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readOwnershipConfig } from '@sre-catalog/backstage-plugin-sre-common';
import { createRouter } from './router';
import { DefaultOwnershipService } from './services/ownership/DefaultOwnershipService';

/**
 * The SRE Catalog backend plugin, mounted at `/api/sre`.
 *
 * @public
 */
export const srePlugin = createBackendPlugin({
  pluginId: 'sre',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
      },
      async init({ config, httpAuth, httpRouter, catalog }) {
        const ownership = DefaultOwnershipService.create({
          catalog,
          config: readOwnershipConfig(config),
        });
        httpRouter.use(await createRouter({ httpAuth, ownership }));
      },
    });
  },
});
