import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { SloService } from './services/slo/SloService';

/**
 * `POST /slos/events`: one tick of many built-in SLOs in one request,
 * `{ slos: [{ slo, bucketSeconds?, buckets }] }`, validated per SLO like the
 * single-SLO push, with the same permission rule, stored all-or-nothing.
 *
 * @internal
 */
export function createSloEventsRouter(options: {
  httpAuth: HttpAuthService;
  slos: SloService;
}): express.Router {
  const { httpAuth, slos } = options;
  const router = Router();
  // A minute of 10,000 SLOs is about 1 MB; leave room for a few minutes each.
  router.post(
    '/slos/events',
    express.json({ limit: '16mb' }),
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      res.status(202).json(await slos.pushEventsBatch(req.body, credentials));
    },
  );
  return router;
}
