import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v4';
import { auditSloPush } from './http/auditSloPush';
import { jsonBody } from './http/jsonBody';
import { setRetryAfter } from './http/retryAfter';
import {
  entityRefFromPath,
  entityRefParam,
  parseQuery,
  sloRefFromPath,
} from './http/requestValidation';
import { OwnershipService } from './ownership/OwnershipService';
import { SloService } from './slos/SloService';
import { createPostmortemsRouter } from './postmortems/postmortemsRouter';
import { createRunbooksRouter } from './runbooks/runbooksRouter';
import { createSloEventsRouter } from './slos/sloEventsRouter';
import { createDeadLettersRouter } from './slos/ingest/deadLettersRouter';
import { SliDeadLetterService } from './slos/ingest/SliDeadLetterService';
import { createEvaluatorRouter } from './slos/evaluation/evaluatorRouter';
import { SloEvaluatorHealthService } from './slos/evaluation/SloEvaluatorHealthService';
import { RunbooksService } from './runbooks/RunbooksService';
import { PostmortemService } from './postmortems/PostmortemService';

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
};

const sloListQuery = z
  .object({
    entityRef: entityRefParam('component').optional(),
    owner: entityRefParam('group').optional(),
    system: entityRefParam('system').optional(),
    alert: z.enum(['page', 'ticket', 'none']).optional(),
    orderBy: z.enum(['budget', 'alert']).default('budget'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const historyQuery = z
  .object({ days: z.coerce.number().int().min(1).max(400).default(30) })
  .strict();

const coverageQuery = z
  .object({
    owner: entityRefParam('group').optional(),
    system: entityRefParam('system').optional(),
  })
  .strict();

/**
 * HTTP layer of the SRE plugin: takes identity from credentials, validates paths and
 * queries, and leaves the rules to the services.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, ownership, slos, postmortems, runbooks } = options;
  const router = Router();
  // Postmortems parse their own bodies, with a smaller limit.
  router.use(createPostmortemsRouter({ httpAuth, postmortems }));
  router.use(createRunbooksRouter({ httpAuth, runbooks }));
  router.use(
    createEvaluatorRouter({
      httpAuth,
      evaluatorHealth: options.evaluatorHealth,
    }),
  );
  router.use(
    createDeadLettersRouter({
      httpAuth,
      auditor,
      deadLetters: options.deadLetters,
    }),
  );
  // The batch push parses its own (larger) bodies.
  router.use(createSloEventsRouter({ httpAuth, auditor, slos }));
  // Big enough for the documented maximum of buckets per push.
  router.use(jsonBody({ limit: '2mb' }));

  router.get('/ownership/:kind/:namespace/:name', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await httpAuth.credentials(req);
    res.json(await ownership.getOwnership(entityRef, { credentials }));
  });

  // A few MB at 10,000 services, and often the very same report (see
  // DefaultOwnershipService): serialized once per report.
  const coverageJson = new WeakMap<object, string>();
  router.get('/coverage', async (req, res) => {
    const query = parseQuery(coverageQuery, req.query);
    const credentials = await httpAuth.credentials(req);
    const coverage = await ownership.getCoverage(query, { credentials });
    let json = coverageJson.get(coverage);
    if (json === undefined) {
      json = JSON.stringify(coverage);
      coverageJson.set(coverage, json);
    }
    res.type('application/json').send(json);
  });

  router.get('/teams/:namespace/:name', async (req, res) => {
    const groupRef = entityRefFromPath({ kind: 'group', ...req.params });
    const credentials = await httpAuth.credentials(req);
    res.json(await ownership.getTeamSupport(groupRef, { credentials }));
  });

  router.get('/slos', async (req, res) => {
    const query = parseQuery(sloListQuery, req.query);
    const credentials = await httpAuth.credentials(req);
    const scope = query.owner
      ? {
          ownerRefs: [query.owner],
          // "The team's SLOs" includes the services it supports as SREs.
          serviceRefs: (
            await ownership.getTeamSupport(parseEntityRef(query.owner), {
              credentials,
            })
          ).supports.map(s => s.entityRef),
        }
      : undefined;
    res.json(
      await slos.list(
        {
          serviceRef: query.entityRef,
          scope,
          systemRef: query.system,
          alert: query.alert,
          orderBy: query.orderBy,
          limit: query.limit,
          offset: query.offset,
        },
        credentials,
      ),
    );
  });

  router.get('/slos/:namespace/:name/status', async (req, res) => {
    const sloRef = sloRefFromPath(req.params);
    const credentials = await httpAuth.credentials(req);
    res.json(await slos.getStatus(sloRef, credentials));
  });

  router.get('/slos/:namespace/:name/history', async (req, res) => {
    const sloRef = sloRefFromPath(req.params);
    const { days } = parseQuery(historyQuery, req.query);
    const credentials = await httpAuth.credentials(req);
    res.json(await slos.getHistory(sloRef, credentials, days));
  });

  router.post('/slos/:namespace/:name/events', async (req, res) => {
    const sloRef = sloRefFromPath(req.params);
    try {
      const result = await auditSloPush(
        { httpAuth, auditor, request: req, sloRef },
        credentials => slos.pushEvents(sloRef, req.body, credentials),
      );
      // Accepted: applied before the next evaluation, within a minute.
      res.status(202).json(result);
    } catch (error) {
      // 503 when the queue is over a bound: say when to come back.
      setRetryAfter(res, error);
      throw error;
    }
  });

  // A path that starts like an entity route but does not have its shape.
  router.use(['/ownership', '/teams', '/slos', '/postmortems'], async req => {
    await httpAuth.credentials(req);
    throw new InputError(
      `Malformed path ${req.originalUrl}; expected /ownership/{kind}/{namespace}/{name}, /teams/{namespace}/{name}, /slos/{namespace}/{name}/(status|history|events) or /postmortems/{id}(/history)`,
    );
  });

  return router;
}
