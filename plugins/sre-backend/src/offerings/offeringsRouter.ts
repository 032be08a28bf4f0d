import { HttpAuthService } from '@backstage/backend-plugin-api';
import { entityRefFromPath, entityRefFromQuery } from '../http/entityRefs';
import { SreApiRouter } from '../schema/openapi';
import { OfferingService } from './OfferingService';

/**
 * `GET /offerings`, `GET /offerings/{namespace}/{name}`,
 * `GET /offerings/used-by/{kind}/{namespace}/{name}` and
 * `GET /engagements/expiring`: what the platform teams offer, who uses it, and
 * which time-boxed engagements end.
 */
export function addOfferingRoutes(
  router: SreApiRouter,
  options: { httpAuth: HttpAuthService; offerings: OfferingService },
) {
  const { httpAuth, offerings } = options;

  router.get('/offerings', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await offerings.listOfferings(
        {
          provider: entityRefFromQuery(req.query.provider, 'group'),
          category: req.query.category,
          limit: req.query.limit ?? 100,
          offset: req.query.offset ?? 0,
        },
        { credentials },
      ),
    );
  });

  router.get('/offerings/used-by/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await offerings.getEntityOfferings(entityRefFromPath(req.params), {
        credentials,
      }),
    );
  });

  router.get('/offerings/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await offerings.getOffering(
        entityRefFromPath({ kind: 'sreoffering', ...req.params }),
        { credentials },
      ),
    );
  });

  router.get('/engagements/expiring', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await offerings.listExpiringEngagements(
        { group: entityRefFromQuery(req.query.group, 'group') },
        { credentials },
      ),
    );
  });
}
