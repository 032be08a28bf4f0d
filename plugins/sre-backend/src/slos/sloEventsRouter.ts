import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { auditSloPush } from '../http/auditSloPush';
import { jsonBody } from '../http/jsonBody';
import { setRetryAfter } from '../http/retryAfter';
import { SloService } from './SloService';

/**
 * `POST /slos/events`: one tick of many built-in SLOs in one request,
 * `{ slos: [{ slo, bucketSeconds?, replace?, buckets }] }`, validated per SLO like
 * the single-SLO push, with one permission decision for the whole request, stored
 * all-or-nothing, and audited. 503 with `Retry-After` when the queue of accepted
 * pushes is over a bound (`sre.ingest.queue`).
 *
 * @internal
 */
export function createSloEventsRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  slos: SloService;
}): express.Router {
  const { httpAuth, auditor, slos } = options;
  const router = Router();
  // A minute of 10,000 SLOs is about 1 MB; leave room for a few minutes each.
  router.post('/slos/events', jsonBody({ limit: '16mb' }), async (req, res) => {
    try {
      const result = await auditSloPush(
        { httpAuth, auditor, request: req },
        credentials => slos.pushEventsBatch(req.body, credentials),
      );
      res.status(202).json(result);
    } catch (error) {
      // 503 when the queue is over a bound: say when to come back.
      setRetryAfter(res, error);
      throw error;
    }
  });
  return router;
}
