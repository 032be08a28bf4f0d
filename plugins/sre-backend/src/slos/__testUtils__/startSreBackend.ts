import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  ServiceFactory,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { SreDatabase } from '../../database/SreDatabase';
import { srePlugin } from '../../plugin';

/**
 * The real SRE plugin on `knex` with the test's catalog (e.g. catalogHidingFrom),
 * and its permission policy, auditor and config when given. Nothing is evaluated in
 * the background (the scheduler is a mock): a test applies pending pushes, or saves
 * statuses, itself through the returned database's stores.
 */
export async function startSreBackend(
  knex: Knex,
  options: {
    catalog: CatalogService;
    permissions?: ServiceFactory;
    auditor?: ReturnType<typeof mockServices.auditor.mock>;
    config?: JsonObject;
  },
) {
  const { catalog, permissions, auditor, config } = options;
  const backend = await startTestBackend({
    features: [
      srePlugin,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      ...(permissions ? [permissions] : []),
      ...(auditor ? [auditor.factory] : []),
      ...(config ? [mockServices.rootConfig.factory({ data: config })] : []),
      mockServices.scheduler.mock().factory,
      mockServices.database.factory({ knex }),
    ],
  });
  const database = await SreDatabase.create({
    database: mockServices.database({ knex }),
  });
  return { server: backend.server, stop: () => backend.stop(), database };
}
