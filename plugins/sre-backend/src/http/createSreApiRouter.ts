import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { spec, SreApiRouter } from '../schema/openapi';
import { bodyParsers } from './bodyParsers';

type Spec = typeof spec;
type ValidatorSpec = Parameters<typeof createValidatedOpenApiRouter>[0];
type Operation = { requestBody?: unknown };

/**
 * The spec as the request validator reads it: paths and queries as published,
 * bodies left to their domain's own schema (the zod schemas of sre-common, shared
 * with the frontend's forms), which runs after the permission check and names
 * the field as the form does (`Invalid title: is required`). openapi.yaml still
 * describes every body. (bench/pushValidation.ts measures what the validator
 * would cost on the batch push.)
 *
 * @internal
 */
export function withBodiesLeftToTheDomains(published: Spec) {
  const paths = Object.fromEntries(
    Object.entries(published.paths).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => {
          const { requestBody } = operation as Operation;
          if (!requestBody) return [method, operation];
          return [
            method,
            {
              ...operation,
              requestBody: {
                ...requestBody,
                content: { 'application/json': { schema: {} } },
              },
            },
          ];
        }),
      ),
    ]),
  );
  return { ...published, paths };
}

/**
 * `GET /openapi.json`: the published spec with the paths under the plugin's mount
 * point, as Backstage's own OpenAPI routers serve theirs.
 */
const servePublishedSpec: express.RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' || req.path !== '/openapi.json') {
    next();
    return;
  }
  const base = req.originalUrl.replace(/\/openapi\.json(\?.*)?$/, '');
  res.json({
    ...spec,
    paths: Object.fromEntries(
      Object.entries(spec.paths).map(([path, item]) => [
        `${base}${path}`,
        item,
      ]),
    ),
  });
};

/** A path the validator could not decode, refused with the path's own words. */
const refuseUndecodablePaths: express.RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    throw new InputError(
      `Malformed path ${req.originalUrl}: invalid percent-encoding`,
    );
  }
  next();
};

/**
 * `?limit=Infinity` passes the validator as the number Infinity, within any
 * minimum and maximum: refused here, after the validator has coerced the query.
 */
const refuseInfiniteNumbers: express.RequestHandler = (req, _res, next) => {
  for (const [name, value] of Object.entries(req.query)) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new InputError(
        `Invalid query parameter ${name}: must be a finite number`,
      );
    }
  }
  next();
};

/**
 * The validator's messages (`request/query/limit must be <= 100`) in the words
 * of the rest of the API (`Invalid query parameter limit: must be <= 100`).
 */
function validatorMessage(message: string): string | undefined {
  const invalid = /^request\/(params|query)\/(\w+) (.*)$/s.exec(message);
  if (invalid) {
    const [, where, field, problem] = invalid;
    return `Invalid ${
      where === 'params' ? 'path' : 'query'
    } parameter ${field}: ${problem}`;
  }
  const unknown = /^Unknown query parameter '(.*)'$/s.exec(message);
  if (unknown) return `Unknown query parameter ${unknown[1]}`;
  const empty = /^Empty value found for query parameter '(.*)'$/s.exec(message);
  if (empty) return `Invalid query parameter ${empty[1]}: must not be empty`;
  return undefined;
}

const rewordValidatorErrors: express.ErrorRequestHandler = (
  error,
  _req,
  _res,
  next,
) => {
  const message =
    error instanceof InputError ? validatorMessage(error.message) : undefined;
  next(message ? new InputError(message) : error);
};

/**
 * An empty router of the plugin's OpenAPI contract: the domains add their routes
 * to `router` (router.ts all of them, a domain's tests its own) and `handler` is
 * what gets mounted. The body parsers run ahead of the OpenAPI router, whose
 * validator would turn their 413s into 400s.
 */
export async function createSreApiRouter(): Promise<{
  router: SreApiRouter;
  handler: express.Router;
}> {
  const validated: express.Router = createValidatedOpenApiRouter(
    withBodiesLeftToTheDomains(spec) as ValidatorSpec,
    {
      middleware: [servePublishedSpec],
      // Credentials are checked by httpAuth in every handler, which also takes
      // cookies and the test backend's default principal.
      validatorOptions: { validateSecurity: false },
    },
  );
  validated.use(refuseInfiniteNumbers);
  const handler = Router();
  handler.use(refuseUndecodablePaths, ...bodyParsers());
  handler.use(validated, rewordValidatorErrors);
  // Typed by the published spec: the validator's copy differs only in bodies.
  return { router: validated as unknown as SreApiRouter, handler };
}
