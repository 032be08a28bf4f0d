import { HttpAuthService } from '@backstage/backend-plugin-api';
import { entityRefFromQuery, sloRefFromPath } from '../http/entityRefs';
import { SreApiRouter } from '../schema/openapi';
import { SloService } from './SloService';

/**
 * `GET /slos`, `GET /slos/{namespace}/{name}/status` and `.../history`: the
 * evaluated SLOs the caller can see.
 */
export function addSloRoutes(
  router: SreApiRouter,
  options: {
    httpAuth: HttpAuthService;
    slos: SloService;
  },
) {
  const { httpAuth, slos } = options;

  router.get('/slos', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await slos.list(
        {
          serviceRef: entityRefFromQuery(req.query.entityRef, 'component'),
          ownerRef: entityRefFromQuery(req.query.owner, 'group'),
          systemRef: entityRefFromQuery(req.query.system, 'system'),
          alert: req.query.alert,
          // Defaults of the spec, filled in by the validator.
          orderBy: req.query.orderBy ?? 'budget',
          limit: req.query.limit ?? 100,
          offset: req.query.offset ?? 0,
        },
        { credentials },
      ),
    );
  });

  router.get('/slos/:namespace/:name/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await slos.getStatus(sloRefFromPath(req.params), { credentials }));
  });

  router.get('/slos/:namespace/:name/history', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await slos.getHistory(
        { sloRef: sloRefFromPath(req.params), days: req.query.days ?? 30 },
        { credentials },
      ),
    );
  });
}
