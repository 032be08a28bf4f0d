import { HttpAuthService } from '@backstage/backend-plugin-api';
import { SreApiRouter } from '../../schema/openapi';
import { SloEvaluatorHealthService } from './SloEvaluatorHealthService';

/** @internal */
export type EvaluatorRouterOptions = {
  httpAuth: HttpAuthService;
  evaluatorHealth: SloEvaluatorHealthService;
};

/**
 * `GET /slos/evaluator`: whether SLO evaluation keeps up. Mounted before the
 * `/slos/{namespace}/{name}` routes; any signed-in caller may read it, as it
 * names no entity.
 *
 * @internal
 */
export function addEvaluatorRoutes(
  router: SreApiRouter,
  options: EvaluatorRouterOptions,
) {
  const { httpAuth, evaluatorHealth } = options;

  router.get('/slos/evaluator', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await evaluatorHealth.getHealth());
  });
}
