import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readOwnershipConfig } from '@sre-catalog/backstage-plugin-sre-common';
import { SreOwnershipProcessor } from './processors/SreOwnershipProcessor';

/**
 * Adds the SRE Catalog's processors to the catalog.
 *
 * @public
 */
export const catalogModuleSre = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'sre',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ config, processing }) {
        processing.addProcessor(
          SreOwnershipProcessor.fromConfig(readOwnershipConfig(config)),
        );
      },
    });
  },
});
