import { HttpAuthService } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { RunbooksService } from './RunbooksService';

/** @internal */
export type RunbooksRouterOptions = {
  httpAuth: HttpAuthService;
  runbooks: RunbooksService;
};

// The catalog's own rules for names, namespaces and kinds (as in router.ts).
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;
const KIND = /^[a-zA-Z][a-zA-Z0-9-]{0,62}$/;

function entityRefFromPath(params: Record<string, string>): CompoundEntityRef {
  const { kind, namespace, name } = params;
  for (const [field, value, pattern] of [
    ['kind', kind, KIND],
    ['namespace', namespace, NAME],
    ['name', name, NAME],
  ] as const) {
    if (!pattern.test(value)) {
      throw new InputError(`Invalid ${field} "${value}" in the entity path`);
    }
  }
  return { kind, namespace, name };
}

/**
 * `GET /runbooks/{kind}/{namespace}/{name}`: the entity's runbooks from every
 * source, the alerts they cover and the problems found on the way.
 *
 * @internal
 */
export function createRunbooksRouter(
  options: RunbooksRouterOptions,
): express.Router {
  const { httpAuth, runbooks } = options;
  const router = Router();

  router.get('/runbooks/:kind/:namespace/:name', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await httpAuth.credentials(req);
    res.json(await runbooks.getRunbooks(entityRef, { credentials }));
  });

  // A path that starts like the runbooks route but does not have its shape.
  router.use('/runbooks', async req => {
    await httpAuth.credentials(req);
    throw new InputError(
      `Malformed path ${req.originalUrl}; expected GET /runbooks/{kind}/{namespace}/{name}`,
    );
  });

  return router;
}
