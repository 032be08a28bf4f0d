import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModelExtensionPoint } from '@backstage/plugin-catalog-node/alpha';
import { readOwnershipConfig } from '@sre-catalog/backstage-plugin-sre-common';
import { createSloDocumentParser } from './parsers/sloDocumentParser';
import { SloEntityProcessor } from './processors/SloEntityProcessor';
import { SreOfferingProcessor } from './processors/SreOfferingProcessor';
import { SreOwnershipProcessor } from './processors/SreOwnershipProcessor';

/**
 * Adds the SRE Catalog to the catalog: SRE support relations, OpenSLO entities,
 * Sloth/Pyrra files read as OpenSLO, and platform offerings (`SreOffering`).
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
        model: catalogModelExtensionPoint,
      },
      async init({ config, processing, model }) {
        processing.addProcessor(
          SreOwnershipProcessor.fromConfig(readOwnershipConfig(config)),
          new SloEntityProcessor(),
          new SreOfferingProcessor(),
        );
        if (
          config.getOptionalBoolean('sre.catalog.parseSlothAndPyrra') ??
          true
        ) {
          model.setEntityDataParser(createSloDocumentParser());
        }
      },
    });
  },
});
