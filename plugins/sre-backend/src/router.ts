import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { OwnershipService } from './services/ownership/OwnershipService';

/** @internal */
export type RouterOptions = {
  httpAuth: HttpAuthService;
  ownership: OwnershipService;
};

// The catalog's own rules for names, namespaces and kinds.
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

/** An entity ref in a query string, normalised to `kind:namespace/name`. */
const entityRefParam = (defaultKind: string) =>
  z
    .string()
    .max(300)
    .transform((value, ctx) => {
      try {
        const ref = parseEntityRef(value, {
          defaultKind,
          defaultNamespace: 'default',
        });
        if (NAME.test(ref.name) && NAME.test(ref.namespace)) {
          return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
        }
      } catch {
        // reported below
      }
      ctx.addIssue({
        code: 'custom',
        message: `must be an entity ref such as ${defaultKind}:default/name`,
      });
      return z.NEVER;
    });

const coverageQuery = z
  .object({
    owner: entityRefParam('group').optional(),
    system: entityRefParam('system').optional(),
  })
  .strict();

function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const result = schema.safeParse(query);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || 'query';
    throw new InputError(
      issue.code === 'unrecognized_keys'
        ? `Unknown query parameter ${issue.keys.join(', ')}`
        : `Invalid query parameter ${field}: ${issue.message}`,
    );
  }
  return result.data;
}

/**
 * HTTP layer of the SRE plugin: takes identity from credentials, validates paths and
 * queries, and leaves the rules to the services.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, ownership } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  router.get('/ownership/:kind/:namespace/:name', async (req, res) => {
    const entityRef = entityRefFromPath(req.params);
    const credentials = await httpAuth.credentials(req);
    res.json(await ownership.getOwnership(entityRef, { credentials }));
  });

  router.get('/coverage', async (req, res) => {
    const query = parseQuery(coverageQuery, req.query);
    const credentials = await httpAuth.credentials(req);
    res.json(await ownership.getCoverage(query, { credentials }));
  });

  router.get('/teams/:namespace/:name', async (req, res) => {
    const groupRef = entityRefFromPath({ kind: 'group', ...req.params });
    const credentials = await httpAuth.credentials(req);
    res.json(await ownership.getTeamSupport(groupRef, { credentials }));
  });

  // A path that starts like an entity route but does not have its shape.
  router.use(['/ownership', '/teams'], async req => {
    await httpAuth.credentials(req);
    throw new InputError(
      `Malformed path ${req.originalUrl}; expected /ownership/{kind}/{namespace}/{name} or /teams/{namespace}/{name}`,
    );
  });

  return router;
}
