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
import { SloService } from './services/slo/SloService';

/** @internal */
export type RouterOptions = {
  httpAuth: HttpAuthService;
  ownership: OwnershipService;
  slos: SloService;
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
function sloRefFromPath(params: Record<string, string>): string {
  return stringifyEntityRef(
    entityRefFromPath({ kind: 'slo', ...params }),
  ).toLocaleLowerCase('en-US');
}

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

const sloListQuery = z
  .object({
    entityRef: entityRefParam('component').optional(),
    owner: entityRefParam('group').optional(),
    system: entityRefParam('system').optional(),
    alert: z.enum(['page', 'ticket', 'none']).optional(),
    orderBy: z.enum(['budget', 'alert']).default('budget'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const historyQuery = z
  .object({ days: z.coerce.number().int().min(1).max(400).default(30) })
  .strict();

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
  const { httpAuth, ownership, slos } = options;
  const router = Router();
  // Big enough for the documented maximum of buckets per push.
  router.use(express.json({ limit: '2mb' }));

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

  router.get('/slos', async (req, res) => {
    const query = parseQuery(sloListQuery, req.query);
    const credentials = await httpAuth.credentials(req);
    const scope = query.owner
      ? {
          ownerRefs: [query.owner],
          // "The team's SLOs" includes the services it supports as SREs.
          serviceRefs: (
            await ownership.getTeamSupport(parseEntityRef(query.owner), {
              credentials,
            })
          ).supports.map(s => s.entityRef),
        }
      : undefined;
    res.json(
      await slos.list({
        serviceRef: query.entityRef,
        scope,
        systemRef: query.system,
        alert: query.alert,
        orderBy: query.orderBy,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });

  router.get('/slos/:namespace/:name/status', async (req, res) => {
    const sloRef = sloRefFromPath(req.params);
    const credentials = await httpAuth.credentials(req);
    res.json(await slos.getStatus(sloRef, credentials));
  });

  router.get('/slos/:namespace/:name/history', async (req, res) => {
    const sloRef = sloRefFromPath(req.params);
    const { days } = parseQuery(historyQuery, req.query);
    const credentials = await httpAuth.credentials(req);
    res.json(await slos.getHistory(sloRef, credentials, days));
  });

  router.post('/slos/:namespace/:name/events', async (req, res) => {
    const sloRef = sloRefFromPath(req.params);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await slos.pushEvents(sloRef, req.body, credentials));
  });

  // A path that starts like an entity route but does not have its shape.
  router.use(['/ownership', '/teams', '/slos'], async req => {
    await httpAuth.credentials(req);
    throw new InputError(
      `Malformed path ${req.originalUrl}; expected /ownership/{kind}/{namespace}/{name}, /teams/{namespace}/{name} or /slos/{namespace}/{name}/(status|history|events)`,
    );
  });

  return router;
}
