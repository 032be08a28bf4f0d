import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import { createSreApiRouter } from './http/createSreApiRouter';
import { addOfferingRoutes } from './offerings/offeringsRouter';
import { OfferingService } from './offerings/OfferingService';
import { addOwnershipRoutes } from './ownership/ownershipRouter';
import { OwnershipService } from './ownership/OwnershipService';
import { addPostmortemRoutes } from './postmortems/postmortemsRouter';
import { PostmortemService } from './postmortems/PostmortemService';
import { addRunbookRoutes } from './runbooks/runbooksRouter';
import { RunbooksService } from './runbooks/RunbooksService';
import { addEvaluatorRoutes } from './slos/evaluation/evaluatorRouter';
import { SloEvaluatorHealthService } from './slos/evaluation/SloEvaluatorHealthService';
import { addDeadLetterRoutes } from './slos/ingest/deadLettersRouter';
import { SliDeadLetterService } from './slos/ingest/SliDeadLetterService';
import { addSloEventRoutes } from './slos/sloEventsRouter';
import { addSloRoutes } from './slos/slosRouter';
import { SloService } from './slos/SloService';

/** @internal */
export type RouterOptions = {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  ownership: OwnershipService;
  slos: SloService;
  deadLetters: SliDeadLetterService;
  evaluatorHealth: SloEvaluatorHealthService;
  postmortems: PostmortemService;
  runbooks: RunbooksService;
  offerings: OfferingService;
};

/** Where a path that starts like a route of the plugin has to go. */
const ROUTE_SHAPES: Record<string, string> = {
  '/ownership': '/ownership/{kind}/{namespace}/{name}',
  '/teams': '/teams/{namespace}/{name}',
  '/slos': '/slos/{namespace}/{name}/(status|history|events)',
  '/postmortems': '/postmortems/{id}(/history)',
  '/runbooks': 'GET /runbooks/{kind}/{namespace}/{name}',
  '/offerings':
    'GET /offerings(/{namespace}/{name}|/used-by/{kind}/{namespace}/{name})',
  '/engagements': 'GET /engagements/expiring',
};

/**
 * HTTP layer of the SRE plugin, built on the OpenAPI router of openapi.yaml
 * (served at `/openapi.json`): paths, queries and bodies are checked against the
 * spec before any handler runs; each domain's routes take identity from
 * credentials and leave the rules to its service.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, ownership, slos } = options;
  const { router, handler } = await createSreApiRouter();

  addOwnershipRoutes(router, { httpAuth, ownership });
  addSloRoutes(router, { httpAuth, slos });
  addEvaluatorRoutes(router, {
    httpAuth,
    evaluatorHealth: options.evaluatorHealth,
  });
  addDeadLetterRoutes(router, {
    httpAuth,
    auditor,
    deadLetters: options.deadLetters,
  });
  addSloEventRoutes(router, { httpAuth, auditor, slos });
  addPostmortemRoutes(router, {
    httpAuth,
    postmortems: options.postmortems,
  });
  addRunbookRoutes(router, { httpAuth, runbooks: options.runbooks });
  addOfferingRoutes(router, { httpAuth, offerings: options.offerings });

  // A path that starts like a route but does not have its shape (the spec's
  // validator lets undocumented paths through).
  for (const [prefix, shape] of Object.entries(ROUTE_SHAPES)) {
    router.use(prefix, async req => {
      await httpAuth.credentials(req);
      throw new InputError(
        `Malformed path ${req.originalUrl}; expected ${shape}`,
      );
    });
  }

  return handler;
}
