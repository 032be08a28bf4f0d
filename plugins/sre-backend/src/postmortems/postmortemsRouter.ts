import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CustomErrorBase, InputError } from '@backstage/errors';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  POSTMORTEM_LIMITS,
  POSTMORTEM_SEVERITIES,
  POSTMORTEM_STATUSES,
} from '@sre-catalog/backstage-plugin-sre-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod/v4';
import { jsonBody } from '../http/jsonBody';
import { PostmortemService } from './PostmortemService';

/** @internal */
export type PostmortemsRouterOptions = {
  httpAuth: HttpAuthService;
  postmortems: PostmortemService;
};

/** A request body over the documented limit (413). */
class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;
const POSTMORTEM_ID = /^[a-zA-Z0-9._-]{1,100}$/;

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

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

const page = (max: number, fallback: number) => ({
  limit: z.coerce.number().int().min(1).max(max).default(fallback),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Free text of a query: PostgreSQL cannot compare text holding a NUL character. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine(value => !value.includes('\u0000'), 'must not contain NUL');

const listQuery = z
  .object({
    entityRef: entityRefParam('component').optional(),
    owner: entityRefParam('group').optional(),
    severity: oneOf(POSTMORTEM_SEVERITIES).optional(),
    status: oneOf(POSTMORTEM_STATUSES).optional(),
    tag: text(POSTMORTEM_LIMITS.tag).optional(),
    from: text(40).optional(),
    to: text(40).optional(),
    q: text(POSTMORTEM_LIMITS.query).optional(),
    ...page(100, 20),
  })
  .strict();

const actionItemsQuery = z
  .object({
    overdue: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform(value => value === 'true')
      .optional(),
    owner: entityRefParam('group').optional(),
    team: entityRefParam('group').optional(),
    status: oneOf(ACTION_ITEM_STATUSES).optional(),
    priority: oneOf(ACTION_ITEM_PRIORITIES).optional(),
    entityRef: entityRefParam('component').optional(),
    ...page(500, 100),
  })
  .strict();

const requiredQuery = z.object(page(500, 100)).strict();

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
 * HTTP layer of the postmortem registry, under `/postmortems` and `/action-items`:
 * identity from credentials, query validation and status codes. Bodies are validated
 * by the service so that a caller without permission learns nothing from them; the
 * service also audits each write, attributed to the request's caller.
 *
 * @internal
 */
export function createPostmortemsRouter(
  options: PostmortemsRouterOptions,
): express.Router {
  const { httpAuth, postmortems } = options;
  const router = Router();
  const paths = ['/postmortems', '/action-items'];

  // Only this router's paths: other routes of the plugin keep their own limits. A
  // parser mounted before this router may already have read the body; the declared
  // length still has to fit.
  router.use(paths, (req, _res, next) => {
    if (Number(req.headers['content-length']) > POSTMORTEM_LIMITS.bodyBytes) {
      throw new PayloadTooLargeError(
        `Invalid body: larger than the ${POSTMORTEM_LIMITS.bodyBytes} bytes a postmortem may take`,
      );
    }
    next();
  });
  router.use(paths, jsonBody({ limit: POSTMORTEM_LIMITS.bodyBytes }));

  router.post('/postmortems', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res
      .status(201)
      .json(await postmortems.create(req.body, { credentials, request: req }));
  });

  router.get('/postmortems', async (req, res) => {
    const query = parseQuery(listQuery, req.query);
    const credentials = await httpAuth.credentials(req);
    res.json(await postmortems.list(query, { credentials }));
  });

  router.get('/postmortems/required', async (req, res) => {
    const query = parseQuery(requiredQuery, req.query);
    const credentials = await httpAuth.credentials(req);
    res.json(await postmortems.listRequired(query, { credentials }));
  });

  // Ids are generated UUIDs; anything else never reaches SQL (PostgreSQL refuses a NUL
  // in text, which would be a 500).
  router.param('id', (_req, _res, next, id: string) => {
    if (!POSTMORTEM_ID.test(id)) {
      throw new InputError(
        'Invalid id: a postmortem id has 1 to 100 letters, digits, dots, dashes or underscores',
      );
    }
    next();
  });

  router.get('/postmortems/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await postmortems.get(req.params.id, { credentials }));
  });

  router.put('/postmortems/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await postmortems.update(req.params.id, req.body, {
        credentials,
        request: req,
      }),
    );
  });

  router.get('/postmortems/:id/history', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await postmortems.getHistory(req.params.id, { credentials }));
  });

  router.get('/action-items', async (req, res) => {
    const query = parseQuery(actionItemsQuery, req.query);
    const credentials = await httpAuth.credentials(req);
    res.json(await postmortems.listActionItems(query, { credentials }));
  });

  return router;
}
