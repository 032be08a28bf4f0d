import { HttpAuthService } from '@backstage/backend-plugin-api';
import { entityRefFromPath } from '../http/entityRefs';
import { SreApiRouter } from '../schema/openapi';
import { RunbooksService } from './RunbooksService';

/** @internal */
export type RunbooksRouterOptions = {
  httpAuth: HttpAuthService;
  runbooks: RunbooksService;
};

/**
 * `GET /runbooks/{kind}/{namespace}/{name}`: the entity's runbooks from every
 * source, the alerts they cover and the problems found on the way.
 */
export function addRunbookRoutes(
  router: SreApiRouter,
  options: RunbooksRouterOptions,
) {
  const { httpAuth, runbooks } = options;

  router.get('/runbooks/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await runbooks.getRunbooks(entityRefFromPath(req.params), {
        credentials,
      }),
    );
  });
}
