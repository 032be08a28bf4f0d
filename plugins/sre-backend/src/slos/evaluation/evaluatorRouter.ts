import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
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
export function createEvaluatorRouter(
  options: EvaluatorRouterOptions,
): express.Router {
  const { httpAuth, evaluatorHealth } = options;
  const router = Router();

  router.get('/slos/evaluator', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await evaluatorHealth.getHealth());
  });

  return router;
}
