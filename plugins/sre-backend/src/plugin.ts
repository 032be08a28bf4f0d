import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  readOwnershipConfig,
  srePermissions,
} from '@sre-catalog/backstage-plugin-sre-common';
import { createRouter } from './router';
import { readVisibilityCacheTtlMs } from './catalog/readVisibilityCacheTtl';
import { DefaultOfferingService } from './offerings/DefaultOfferingService';
import { DefaultOwnershipService } from './ownership/DefaultOwnershipService';
import { DefaultPostmortemService } from './postmortems/DefaultPostmortemService';
import { PostmortemPermissionResources } from './postmortems/PostmortemPermissionResources';
import { postmortemPermissionResourceType } from './postmortems/postmortemPermissionRules';
import { DefaultRunbooksService } from './runbooks/DefaultRunbooksService';
import { CatalogSloRegistry } from './slos/CatalogSloRegistry';
import { subscribeToCatalogSloErrors } from './slos/status/catalogSloErrors';
import { SloEvaluator } from './slos/evaluation/SloEvaluator';
import { readEvaluationIntervalMs } from './slos/evaluationInterval';
import { SloEvaluatorHealthService } from './slos/evaluation/SloEvaluatorHealthService';
import { scheduleSloEvaluation } from './slos/evaluation/evaluationTask';
import { readSliQueueLimits } from './slos/ingest/queueLimits';
import { SloBudgetCalculator } from './slos/evaluation/SloBudgetCalculator';
import { SloIncidentDetector } from './slos/evaluation/SloIncidentDetector';
import { PrometheusSliSource } from './slos/prometheus';
import { PrometheusRangeSliSource } from './slos/prometheus/PrometheusRangeSliSource';
import { DefaultSloIncidentsService } from './slos/DefaultSloIncidentsService';
import { DefaultSloService } from './slos/DefaultSloService';
import { SliDeadLetterService } from './slos/ingest/SliDeadLetterService';
import { sloPermissionResourceType } from './slos/sloPermissionRules';
import { SreDatabase } from './database/SreDatabase';

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
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        urlReader: coreServices.urlReader,
        cache: coreServices.cache,
        auditor: coreServices.auditor,
      },
      async init(deps) {
        const { config, logger, auth, httpAuth, httpRouter, catalog } = deps;
        deps.permissionsRegistry.addPermissions(srePermissions);

        const ownershipConfig = readOwnershipConfig(config);
        // auth: the coverage and team roll-ups share one catalog-wide resolution.
        const ownership = DefaultOwnershipService.create({
          catalog,
          auth,
          config: ownershipConfig,
        });
        const queueLimits = readSliQueueLimits(config);
        // Migrates once; every store below works on the migrated schema.
        const database = await SreDatabase.create(deps);
        const sliStore = database.sliStore({ queueLimits });
        const statusStore = database.statusStore();
        const registry = new CatalogSloRegistry(catalog, auth);
        // The evaluator also finds fast burns for the error budget policy's list of
        // incidents that need a postmortem.
        const incidentStore = database.incidentStore();
        // Range queries give Prometheus SLOs incidents and postmortem budgets too.
        const prometheusRanges = PrometheusRangeSliSource.fromConfig(config, {
          logger,
        });
        const evaluator = new SloEvaluator(
          registry,
          sliStore,
          statusStore,
          PrometheusSliSource.fromConfig(config, { logger }),
          logger,
          new SloIncidentDetector(incidentStore, logger, prometheusRanges),
          { cacheSnapshots: sliStore.cacheSnapshots },
        );
        const evaluationIntervalMs = readEvaluationIntervalMs(config);
        // How long the lists (and status, history) reuse a caller's catalog visibility.
        const visibilityCacheTtlMs = readVisibilityCacheTtlMs(config);
        const slos = DefaultSloService.create({
          evaluationIntervalMs,
          visibilityCacheTtlMs,
          catalog,
          auth,
          permissions: deps.permissions,
          permissionsRegistry: deps.permissionsRegistry,
          ownershipConfig,
          ownership,
          sliStore,
          statusStore,
        });
        deps.permissionsRegistry.addResourceType(
          sloPermissionResourceType(slos.permissionResources),
        );

        // One replica evaluates each interval; every replica applies pushes.
        await scheduleSloEvaluation({
          scheduler: deps.scheduler,
          evaluator,
          sliStore,
          statusStore,
          intervalMs: evaluationIntervalMs,
          logger,
        });

        const postmortemStore = database.postmortemStore();
        deps.permissionsRegistry.addResourceType(
          postmortemPermissionResourceType(
            PostmortemPermissionResources.create({
              store: postmortemStore,
              catalog,
              auth,
              ownership,
            }),
          ),
        );
        const postmortems = DefaultPostmortemService.create({
          catalog,
          auth,
          permissions: deps.permissions,
          permissionsRegistry: deps.permissionsRegistry,
          auditor: deps.auditor,
          ownership,
          store: postmortemStore,
          sloIncidents: DefaultSloIncidentsService.create({
            incidentStore,
            budgets: new SloBudgetCalculator({
              catalog,
              auth,
              sliStore,
              prometheus: prometheusRanges,
            }),
          }),
          visibilityTtlMs: visibilityCacheTtlMs,
        });
        const runbooks = DefaultRunbooksService.fromConfig(config, {
          catalog,
          urlReader: deps.urlReader,
          cache: deps.cache,
          logger,
        });

        await subscribeToCatalogSloErrors(deps.events, statusStore);
        httpRouter.use(
          await createRouter({
            httpAuth,
            auditor: deps.auditor,
            ownership,
            slos,
            deadLetters: new SliDeadLetterService({
              catalog,
              auth,
              permissions: deps.permissions,
              store: sliStore.deadLetters,
            }),
            evaluatorHealth: new SloEvaluatorHealthService({
              statusStore,
              sliStore,
              evaluationIntervalMs,
              queueLimits,
            }),
            postmortems,
            runbooks,
            offerings: new DefaultOfferingService({
              catalog,
              slos,
              ownershipConfig,
            }),
          }),
        );
        // The published contract, for CI jobs and exporters to code against.
        httpRouter.addAuthPolicy({
          path: '/openapi.json',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
