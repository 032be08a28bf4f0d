import { auditSloPush } from '../http/auditSloPush';
import { sloRefFromPath } from '../http/entityRefs';
import { setRetryAfter } from '../http/retryAfter';
import { SreApiRouter } from '../schema/openapi';
import { AuditedRouteServices } from './auditedRouteServices';
import { SloService } from './SloService';

/**
 * The pushes of SLI data of built-in SLOs, audited, answered 202 (applied before
 * the next evaluation, within a minute) or 503 with `Retry-After` when the queue
 * of accepted pushes is over a bound (`sre.ingest.queue`):
 *
 * - `POST /slos/{namespace}/{name}/events`: buckets of one SLO;
 * - `POST /slos/events`: one tick of many SLOs, `{ slos: [{ slo, bucketSeconds?,
 *   replace?, buckets }] }`, validated per SLO like the single push, with one
 *   permission decision for the whole request, stored all-or-nothing.
 */
export function addSloEventRoutes(
  router: SreApiRouter,
  options: AuditedRouteServices & { slos: SloService },
) {
  const { httpAuth, auditor, slos } = options;

  router.post('/slos/events', async (req, res) => {
    try {
      const result = await auditSloPush(
        { httpAuth, auditor, request: req },
        credentials => slos.pushEventsBatch(req.body, { credentials }),
      );
      res.status(202).json(result);
    } catch (error) {
      setRetryAfter(res, error);
      throw error;
    }
  });

  router.post('/slos/:namespace/:name/events', async (req, res) => {
    const sloRef = sloRefFromPath(req.params);
    try {
      const result = await auditSloPush(
        { httpAuth, auditor, request: req, sloRef },
        credentials =>
          slos.pushEvents({ sloRef, body: req.body }, { credentials }),
      );
      res.status(202).json(result);
    } catch (error) {
      setRetryAfter(res, error);
      throw error;
    }
  });
}
