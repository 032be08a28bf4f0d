import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { SrePostmortemCollatorFactory } from './collators/SrePostmortemCollatorFactory';
import { SreRunbookCollatorFactory } from './collators/SreRunbookCollatorFactory';
import { readSreCollatorSchedule } from './config';

/**
 * Adds the SRE Catalog's published postmortems (`sre-postmortem`) and runbooks
 * (`sre-runbook`) to Backstage Search, each on its own schedule
 * (`search.collators.srePostmortems.schedule`,
 * `search.collators.sreRunbooks.schedule`).
 *
 * @public
 */
export const searchModuleSre = createBackendModule({
  pluginId: 'search',
  moduleId: 'sre-collator',
  register({ registerInit }) {
    registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        auth,
        config,
        discovery,
        logger,
        scheduler,
        catalog,
        indexRegistry,
      }) {
        const options = { auth, discovery, catalog, logger };
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(
            readSreCollatorSchedule(config, 'srePostmortems'),
          ),
          factory: SrePostmortemCollatorFactory.fromConfig(config, options),
        });
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(
            readSreCollatorSchedule(config, 'sreRunbooks'),
          ),
          factory: SreRunbookCollatorFactory.fromConfig(config, options),
        });
      },
    });
  },
});
