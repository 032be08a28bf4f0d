import {
  PermissionsService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import { Server, createServer } from 'http';
import { AddressInfo } from 'net';
import { Knex } from 'knex';
import { join } from 'path';
import request, { Response } from 'supertest';
import { parse } from 'yaml';
import { srePlugin } from '../plugin';
import { catalogEntity, teamEntities } from '../__testUtils__/catalogEntity';
import { sreAnnotations } from '../__testUtils__/sreAnnotations';
import { builtinSloEntity } from '../__testUtils__/sloEntity';
import { offeringCatalog } from '../offerings/__testUtils__/offeringCatalog';
import { spec as generatedSpec } from './openapi';

/*
 * Holds the server to its published contract, openapi.yaml: every response of
 * the real plugin must match the schema the spec declares for its path, method
 * and status; every route the plugin serves must be in the spec, and every
 * operation of the spec must be served, with each status it declares.
 */

// ------------------------------------------------------------------ the spec

type Json = Record<string, any>;

const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;
type Method = (typeof METHODS)[number];

const spec: Json = parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'));

/** Follows a local `$ref` to a component (responses, parameters, headers). */
function deref(value: Json): Json {
  let node = value;
  while (typeof node?.$ref === 'string') {
    node = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((at: Json, key: string) => at[key], spec);
  }
  return node;
}

/** The spec's schema refs, pointed at the `sre` schema that holds the components. */
const forAjv = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(forAjv);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        key === '$ref' && typeof v === 'string'
          ? v.replace('#/components/schemas/', 'sre#/$defs/')
          : forAjv(v),
      ]),
    );
  }
  return value;
};

function createAjv(coerceTypes: boolean) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, coerceTypes });
  addFormats(ajv);
  ajv.addSchema({ $id: 'sre', $defs: forAjv(spec.components.schemas) });
  const compiled = new Map<unknown, ValidateFunction>();
  return {
    /** The problems of a value against a schema of the spec; empty when it matches. */
    problems(schema: Json, value: unknown): string[] {
      let validate = compiled.get(schema);
      if (!validate) {
        validate = ajv.compile(forAjv(schema) as Json);
        compiled.set(schema, validate);
      }
      if (validate(value)) return [];
      return (validate.errors ?? []).map(
        e =>
          `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(
            e.params,
          )}`,
      );
    },
  };
}

/** Bodies as they are; parameters and headers are text, coerced like a client would write them. */
const bodies = createAjv(false);
const texts = createAjv(true);

type Operation = {
  method: Method;
  path: string;
  operation: Json;
  pattern: RegExp;
  names: string[];
  literal: number;
};

const operations: Operation[] = Object.entries(spec.paths as Json).flatMap(
  ([path, item]) =>
    METHODS.filter(method => item[method]).map(method => ({
      method,
      path,
      operation: item[method],
      pattern: new RegExp(
        `^${path
          .split(/\{[^}]+\}/)
          .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('([^/]+)')}$`,
      ),
      names: [...path.matchAll(/\{([^}]+)\}/g)].map(m => m[1]),
      literal: path.replace(/\{[^}]+\}/g, '').length,
    })),
);

/** The operation of a request: literal segments win over parameters, as in OpenAPI. */
function operationOf(method: Method, path: string): Operation | undefined {
  return operations
    .filter(o => o.method === method && o.pattern.test(path))
    .sort((a, b) => b.literal - a.literal)[0];
}

/** What of a request the spec would refuse: path and query parameters, and the body. */
function requestProblems(
  found: Operation,
  path: string,
  query: URLSearchParams,
  body: unknown,
): string[] {
  const problems: string[] = [];
  const parameters: Json[] = (found.operation.parameters ?? []).map(deref);
  const values = found.pattern.exec(path)!.slice(1).map(decodeURIComponent);
  found.names.forEach((name, i) => {
    const parameter = parameters.find(p => p.in === 'path' && p.name === name);
    if (!parameter) problems.push(`path parameter ${name} is not declared`);
    else {
      problems.push(
        ...texts
          .problems(parameter.schema, values[i])
          .map(p => `${name}: ${p}`),
      );
    }
  });
  for (const name of new Set(query.keys())) {
    const parameter = parameters.find(p => p.in === 'query' && p.name === name);
    const given = query.getAll(name);
    if (!parameter) problems.push(`query parameter ${name} is not declared`);
    else if (given.length > 1) problems.push(`${name} is given twice`);
    else {
      problems.push(
        ...texts.problems(parameter.schema, given[0]).map(p => `${name}: ${p}`),
      );
    }
  }
  for (const parameter of parameters) {
    if (
      parameter.in === 'query' &&
      parameter.required &&
      !query.has(parameter.name)
    ) {
      problems.push(`query parameter ${parameter.name} is required`);
    }
  }
  const content = found.operation.requestBody?.content?.['application/json'];
  if (content) {
    if (body === undefined && found.operation.requestBody.required) {
      problems.push('the body is required');
    } else if (body !== undefined) {
      problems.push(
        ...bodies.problems(content.schema, body).map(p => `body${p}`),
      );
    }
  } else if (body !== undefined) {
    problems.push('the operation takes no body');
  }
  return problems;
}

/** `operationId status` of every response checked against the spec. */
const observed = new Set<string>();

/** Fails unless the response is what the spec declares for its operation and status. */
function expectConforms(
  res: Response,
  method: Method,
  url: string,
  body: unknown,
) {
  const { pathname, searchParams } = new URL(url, 'http://sre');
  const found = operationOf(method, pathname);
  if (!found) {
    throw new Error(
      `${method.toUpperCase()} ${pathname} answered ${
        res.status
      }, but the spec has no such operation`,
    );
  }
  const { operationId } = found.operation;
  const declared = found.operation.responses[String(res.status)];
  if (!declared) {
    throw new Error(
      `${operationId} answered ${
        res.status
      }, a status the spec does not declare: ${res.text?.slice(0, 300)}`,
    );
  }
  observed.add(`${operationId} ${res.status}`);
  const response = deref(declared);
  const json = response.content?.['application/json'];
  if (json) {
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const problems = bodies.problems(json.schema, res.body);
    if (problems.length) {
      throw new Error(
        `${operationId} ${
          res.status
        }: the body does not match the spec:\n  ${problems.join(
          '\n  ',
        )}\n${JSON.stringify(res.body).slice(0, 1500)}`,
      );
    }
  } else {
    expect(res.text ?? '').toBe('');
  }
  for (const [name, header] of Object.entries<Json>(response.headers ?? {})) {
    const { required, schema } = deref(header);
    const value = res.headers[name.toLowerCase()];
    if (required && value === undefined) {
      throw new Error(`${operationId} ${res.status}: no ${name} header`);
    }
    if (value !== undefined && texts.problems(schema, value).length) {
      throw new Error(`${operationId} ${res.status}: bad ${name} ${value}`);
    }
  }
  // What the server accepted, the spec must accept too.
  if (res.status < 300) {
    const problems = requestProblems(found, pathname, searchParams, body);
    if (problems.length) {
      throw new Error(
        `${operationId}: the server accepted a request that the spec refuses:\n  ${problems.join(
          '\n  ',
        )}`,
      );
    }
  }
  return found;
}

// ------------------------------------------------------------------ the backend

const OUTSIDER = 'user:default/outsider';
const SLO = 'slo:default/checkout-availability';

const entities: Entity[] = [
  ...teamEntities(),
  catalogEntity('User', 'priya.nair'),
  catalogEntity('User', 'mock'),
  catalogEntity('User', 'outsider'),
  catalogEntity(
    'Component',
    'checkout-api',
    {
      annotations: sreAnnotations.checkoutApi,
      links: [
        {
          url: 'https://runbooks.example.com/checkout',
          title: 'Checkout runbook',
          type: 'runbook',
        },
      ],
    },
    { type: 'service', owner: 'checkout-team', lifecycle: 'production' },
    [
      { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
      { type: 'hasSlo', targetRef: SLO },
    ],
  ),
  catalogEntity(
    'Component',
    'search-indexer',
    { annotations: sreAnnotations.searchIndexer },
    { type: 'service', owner: 'checkout-team' },
  ),
  builtinSloEntity('checkout-availability'),
  builtinSloEntity('checkout-latency'),
  // Offerings, their adopters and time-boxed engagements (no SLO entities:
  // this catalog has its own).
  ...offeringCatalog().filter(e => e.kind !== 'SLO'),
];

/** Everything is allowed but to the outsider, who may only read. */
const permissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => {
    const decide = (
      permission: string,
      principal: unknown,
    ): AuthorizeResult.ALLOW | AuthorizeResult.DENY =>
      (principal as { userEntityRef?: string }).userEntityRef === OUTSIDER &&
      !permission.endsWith('.read')
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW;
    return {
      authorize: async (requests, { credentials }) =>
        requests.map(r => ({
          result: decide(r.permission.name, credentials.principal),
        })),
      authorizeConditional: async (requests, { credentials }) =>
        requests.map(r => ({
          result: decide(r.permission.name, credentials.principal),
        })),
    };
  },
});

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function startBackend(
  knex: Knex,
  config: Json = {},
  moreEntities: Entity[] = [],
) {
  // No background work: the tests run the scheduled tasks themselves.
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    features: [
      srePlugin,
      catalogServiceMock.factory({ entities: [...entities, ...moreEntities] }),
      permissions,
      scheduler.factory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  const task = (id: string) => {
    const call = scheduler.scheduleTask.mock.calls.find(([t]) => t.id === id);
    if (!call) throw new Error(`No scheduled task ${id}`);
    return () => call[0].fn(new AbortController().signal);
  };
  return { backend, server: backend.server, task };
}

const NONE = mockCredentials.none.header();
const AS_OUTSIDER = mockCredentials.user.header(OUTSIDER);

const MIN = 60_000;
const minute = (minutesAgo: number) =>
  new Date(Math.floor(Date.now() / MIN) * MIN - minutesAgo * MIN).toISOString();
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

describe('the OpenAPI spec of the sre backend', () => {
  let knex: Knex;
  let backend: Awaited<ReturnType<typeof startBackend>>;

  /** Sends a request to /api/sre{url} and checks the response against the spec. */
  async function call(
    method: Method,
    url: string,
    options: {
      body?: unknown;
      as?: string;
      server?: Server;
      /** The request is one the spec itself refuses (a 4xx the contract predicts). */
      specRefuses?: boolean;
    } = {},
  ): Promise<Response> {
    let req = request(options.server ?? backend.server)[method](
      `/api/sre${url}`,
    );
    if (options.as) req = req.set('Authorization', options.as);
    if (options.body !== undefined) req = req.send(options.body as object);
    const res = await req;
    const found = expectConforms(res, method, url, options.body);
    if (options.specRefuses) {
      const { pathname, searchParams } = new URL(url, 'http://sre');
      expect(
        requestProblems(found, pathname, searchParams, options.body),
      ).not.toEqual([]);
    }
    return res;
  }

  /** Pending pushes that cannot be applied, made dead letters by the applier. */
  async function deadLetters(count: number): Promise<string[]> {
    const start = Math.floor(Date.now() / MIN) * MIN - MIN;
    await knex('sre_sli_pending').insert(
      Array.from({ length: count }, () => ({
        // An entry without an SLO cannot be stored.
        entries: JSON.stringify([
          [SLO, null, null, [start, 60, 1, 1]],
          [null, null, null, [start, 60, 1, 1]],
        ]),
        buckets: 2,
        received_at: Date.now(),
        pushed_by: 'user:default/mock',
      })),
    );
    await backend.task('sre-sli-apply')();
    const rows = await knex('sre_sli_dead_letters')
      .select('id')
      .orderBy('id', 'desc')
      .limit(count);
    return rows.map(r => String(r.id));
  }

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    backend = await startBackend(knex);
  });

  afterAll(async () => {
    await backend?.backend.stop();
  });

  it('is a valid OpenAPI 3.1 document whose schemas compile', async () => {
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.info.title).toBe('sre');
    expect(spec.servers).toEqual([{ url: '/' }]);
    expect(spec.security).toEqual([{ JWT: [] }]);
    const ids = operations.map(o => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { operation } of operations) {
      expect(operation.operationId).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(operation.summary).toEqual(expect.any(String));
      // Every error response is the shared Error body.
      const errors = Object.entries<Json>(operation.responses).filter(
        ([status]) => status === 'default' || Number(status) >= 400,
      );
      expect(
        errors.map(([, r]) => deref(r).content['application/json'].schema),
      ).toEqual(errors.map(() => ({ $ref: '#/components/schemas/Error' })));
    }
    // Every schema compiles in Ajv's strict mode (no unknown keywords).
    for (const name of Object.keys(spec.components.schemas)) {
      expect(
        bodies.problems({ $ref: `#/components/schemas/${name}` }, null),
      ).toEqual(expect.any(Array));
    }
  });

  it('is served at /api/sre/openapi.json, paths under the mount point, without a token', async () => {
    const res = await request(backend.server)
      .get('/api/sre/openapi.json')
      .set('Authorization', NONE);
    expect(res.status).toBe(200);
    const { paths, ...rest } = res.body;
    expect(paths).toEqual(
      Object.fromEntries(
        Object.entries(spec.paths).map(([path, item]) => [
          `/api/sre${path}`,
          item,
        ]),
      ),
    );
    const { paths: _paths, ...specRest } = spec;
    expect(rest).toEqual(specRest);
    // The typed module the router is built on is the same document.
    expect(generatedSpec).toEqual(spec);
  });

  it('has exactly the routes the plugin serves', async () => {
    // The routes of the plugin's Express routers (Express 4 keeps them in
    // `_router.stack`): Backstage's own `/.backstage` and `/.well-known` routes
    // aside, they must be the operations of the spec.
    const app = backend.server.listeners('request')[0] as any;
    expect(app._router?.stack).toBeDefined();
    const routes: string[] = [];
    const visit = (stack: any[], inPlugin: boolean) => {
      for (const layer of stack) {
        const mountsPlugin = String(layer.regexp).includes('\\/api\\/sre');
        if (layer.route && inPlugin) {
          for (const path of [layer.route.path].flat()) {
            for (const method of Object.keys(layer.route.methods)) {
              routes.push(`${method.toUpperCase()} ${path}`);
            }
          }
        }
        if (layer.handle?.stack) {
          if (inPlugin && !layer.regexp.fast_slash) {
            throw new Error(
              `A router of the plugin is mounted at ${layer.regexp}: the test cannot tell its paths`,
            );
          }
          visit(layer.handle.stack, inPlugin || mountsPlugin);
        }
      }
    };
    visit(app._router.stack, false);
    const served = routes
      .filter(route => !route.split(' ')[1].startsWith('/.'))
      // The spec itself, served by the OpenAPI router (tested below).
      .filter(route => route !== 'GET /openapi.json')
      .map(route => route.replace(/:([A-Za-z0-9_]+)/g, '{$1}'))
      .sort();
    const specified = operations
      .map(o => `${o.method.toUpperCase()} ${o.path}`)
      .sort();
    expect(served).toEqual(specified);
    expect(specified).toHaveLength(24);

    // And from the outside: each path of the spec answers the methods the spec
    // gives it, and only those (any other falls through to the empty 404, or to
    // the plugin's 400 for malformed paths).
    const example: Record<string, string> = {
      kind: 'component',
      namespace: 'default',
      name: 'no-such-entity',
      id: '987654',
    };
    const answers: string[] = [];
    const expected: string[] = [];
    for (const path of Object.keys(spec.paths)) {
      const url = path.replace(/\{([^}]+)\}/g, (_, name) => example[name]);
      for (const method of METHODS) {
        const res = await request(backend.server)[method](`/api/sre${url}`);
        const unanswered =
          (res.status === 404 && !res.headers['content-type']) ||
          (res.status === 400 &&
            String(res.body?.error?.message).startsWith('Malformed path'));
        const label = `${method.toUpperCase()} ${path}`;
        answers.push(`${label}: ${unanswered ? 'unanswered' : 'answered'}`);
        // As the server routes it: `PUT /postmortems/required` is the PUT of
        // `/postmortems/{id}`.
        const inSpec = operationOf(method, url) !== undefined;
        expected.push(`${label}: ${inSpec ? 'answered' : 'unanswered'}`);
        if (inSpec) expectConforms(res, method, url, undefined);
      }
    }
    expect(answers).toEqual(expected);
  });

  describe('ownership', () => {
    it('GetOwnership', async () => {
      const res = await call(
        'get',
        '/ownership/component/default/checkout-api',
      );
      expect(res.status).toBe(200);
      expect(res.body.problems).toHaveLength(1);
      expect(
        (await call('get', '/ownership/component/default/nope')).status,
      ).toBe(404);
      expect(
        (
          await call('get', '/ownership/component/default/bad%20name', {
            specRefuses: true,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await call('get', '/ownership/component/default/checkout-api', {
            as: NONE,
          })
        ).status,
      ).toBe(401);
    });

    it('GetCoverage', async () => {
      expect((await call('get', '/coverage')).status).toBe(200);
      const mine = await call('get', '/coverage?owner=checkout-team');
      expect(mine.body.totals.services).toBe(2);
      expect(
        (await call('get', '/coverage?owner=::', { specRefuses: true })).status,
      ).toBe(400);
      // Unknown parameters are refused too; OpenAPI cannot say so.
      expect((await call('get', '/coverage?team=x')).status).toBe(400);
      expect((await call('get', '/coverage', { as: NONE })).status).toBe(401);
    });

    it('GetTeamSupport', async () => {
      const res = await call('get', '/teams/default/checkout-team');
      expect(res.status).toBe(200);
      expect(res.body.supports).toHaveLength(1);
      expect(
        (await call('get', '/teams/default/reliability-engineering')).body
          .teamType,
      ).toBe('platform');
      expect((await call('get', '/teams/default/priya.nair')).status).toBe(404);
      expect(
        (await call('get', '/teams/default/-bad', { specRefuses: true }))
          .status,
      ).toBe(400);
      expect(
        (await call('get', '/teams/default/checkout-team', { as: NONE }))
          .status,
      ).toBe(401);
    });
  });

  describe('runbooks', () => {
    it('GetEntityRunbooks', async () => {
      const res = await call('get', '/runbooks/component/default/checkout-api');
      expect(res.status).toBe(200);
      expect(res.body.runbooks).toHaveLength(1);
      expect(res.body.alerts.length).toBeGreaterThan(0);
      expect(
        (await call('get', '/runbooks/component/default/nope')).status,
      ).toBe(404);
      expect(
        (
          await call('get', '/runbooks/1component/default/checkout-api', {
            specRefuses: true,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await call('get', '/runbooks/component/default/checkout-api', {
            as: NONE,
          })
        ).status,
      ).toBe(401);
    });
  });

  describe('offerings', () => {
    const refused = async (url: string) =>
      (await call('get', url, { specRefuses: true })).status;
    const anonymous = async (url: string) =>
      (await call('get', url, { as: NONE })).status;

    it('ListOfferings', async () => {
      const res = await call('get', '/offerings?provider=sre&limit=1');
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(2);
      expect(res.body.items).toHaveLength(1);
      expect(await refused('/offerings?category=databases')).toBe(400);
      expect(await anonymous('/offerings')).toBe(401);
    });

    it('GetOffering', async () => {
      const res = await call('get', '/offerings/default/ci-runners');
      expect(res.status).toBe(200);
      expect(res.body.adopters.map((a: Json) => a.state)).toEqual([
        'requested',
        'adopted',
        'adopted',
      ]);
      expect((await call('get', '/offerings/default/nope')).status).toBe(404);
      expect(await refused('/offerings/default/bad%20name')).toBe(400);
      expect(await anonymous('/offerings/default/ci-runners')).toBe(401);
    });

    it('GetEntityOfferings', async () => {
      const url = '/offerings/used-by/component/default/checkout';
      const res = await call('get', url);
      expect(res.status).toBe(200);
      expect(res.body.offerings).toHaveLength(3);
      expect(
        (await call('get', '/offerings/used-by/component/default/nope')).status,
      ).toBe(404);
      expect(
        await refused('/offerings/used-by/1component/default/checkout'),
      ).toBe(400);
      expect(await anonymous(url)).toBe(401);
    });

    it('ListExpiringEngagements', async () => {
      const res = await call('get', '/engagements/expiring?group=sre');
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: Json) => i.type)).toEqual(
        expect.arrayContaining(['offering']),
      );
      expect(await refused('/engagements/expiring?group=a%20b')).toBe(400);
      expect(await anonymous('/engagements/expiring')).toBe(401);
    });
  });

  describe('SLOs', () => {
    const events = { buckets: [{ start: minute(1), good: 99, total: 100 }] };

    it('PushSloEvents', async () => {
      const push = (
        options: Parameters<typeof call>[2],
        name = 'checkout-availability',
      ) => call('post', `/slos/default/${name}/events`, options);
      const res = await push({ body: events });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ accepted: 1 });
      const service = await push({
        body: {
          bucketSeconds: 300,
          replace: true,
          // On the grid of five-minute buckets.
          buckets: [
            {
              start: new Date(
                Math.floor((Date.now() - 10 * MIN) / (5 * MIN)) * 5 * MIN,
              ).toISOString(),
              good: 5,
              total: 5,
            },
          ],
        },
        as: mockCredentials.service.header(),
      });
      expect(service.status).toBe(202);
      const bad = await push({
        body: { buckets: [{ start: minute(1), good: -1, total: 1 }] },
        specRefuses: true,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('buckets[0].good');
      expect(
        (
          await push({
            body: { buckets: [{ start: minute(1), good: 3, total: 2 }] },
          })
        ).status,
      ).toBe(400);
      expect((await push({ body: events, as: AS_OUTSIDER })).status).toBe(403);
      expect((await push({ body: events }, 'nope')).status).toBe(404);
      const large = await push({
        body: {
          buckets: [{ start: 'x'.repeat(2_100_000), good: 1, total: 1 }],
        },
      });
      expect(large.status).toBe(413);
      expect((await push({ body: events, as: NONE })).status).toBe(401);
    });

    it('PushSloEventsBatch', async () => {
      const batch = (options: Parameters<typeof call>[2]) =>
        call('post', '/slos/events', options);
      const res = await batch({
        body: {
          slos: [
            { slo: SLO, buckets: [{ start: minute(2), good: 10, total: 10 }] },
            {
              slo: 'checkout-latency',
              buckets: [
                { start: minute(2), good: 9, total: 10 },
                { start: minute(3), good: 10, total: 10 },
              ],
            },
          ],
        },
      });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ accepted: 3, slos: 2 });
      expect(
        (await batch({ body: { slos: [] }, specRefuses: true })).status,
      ).toBe(400);
      const unknown = await batch({
        body: { slos: [{ slo: 'nope', buckets: events.buckets }] },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain('slos[0]');
      expect(
        (
          await batch({
            body: { slos: [{ slo: SLO, ...events }] },
            as: AS_OUTSIDER,
          })
        ).status,
      ).toBe(403);
      const large = await batch({
        body: { slos: [{ slo: 'x'.repeat(16_800_000), ...events }] },
      });
      expect(large.status).toBe(413);
      expect(
        (await batch({ body: { slos: [{ slo: SLO, ...events }] }, as: NONE }))
          .status,
      ).toBe(401);
    });

    it('GetSloEvaluatorHealth', async () => {
      const before = await call('get', '/slos/evaluator');
      expect(before.status).toBe(200);
      expect(before.body.queue.rows).toBeGreaterThan(0);
      // What the scheduler would run: apply the pushes, then evaluate.
      await backend.task('sre-sli-apply')();
      await backend.task('sre-slo-evaluation')();
      const after = await call('get', '/slos/evaluator');
      expect(after.body).toMatchObject({ stale: false, queue: { rows: 0 } });
      expect(after.body.lastRun).toBeDefined();
      expect((await call('get', '/slos/evaluator', { as: NONE })).status).toBe(
        401,
      );
    });

    it('GetSloStatus', async () => {
      const res = await call(
        'get',
        '/slos/default/checkout-availability/status',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ sloRef: SLO, dataState: 'ok' });
      expect((await call('get', '/slos/default/nope/status')).status).toBe(404);
      expect(
        (
          await call('get', '/slos/default/no%20pe/status', {
            specRefuses: true,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await call('get', '/slos/default/checkout-availability/status', {
            as: NONE,
          })
        ).status,
      ).toBe(401);
    });

    it('GetSloHistory', async () => {
      const res = await call(
        'get',
        '/slos/default/checkout-availability/history?days=7',
      );
      expect(res.status).toBe(200);
      expect(res.body.points.length).toBeGreaterThan(0);
      expect(
        (
          await call(
            'get',
            '/slos/default/checkout-availability/history?days=0',
            {
              specRefuses: true,
            },
          )
        ).status,
      ).toBe(400);
      expect((await call('get', '/slos/default/nope/history')).status).toBe(
        404,
      );
      expect(
        (
          await call('get', '/slos/default/checkout-availability/history', {
            as: NONE,
          })
        ).status,
      ).toBe(401);
    });

    it('ListSlos', async () => {
      const all = await call('get', '/slos?orderBy=alert&limit=10&offset=0');
      expect(all.status).toBe(200);
      expect(all.body.totalCount).toBe(2);
      const service = await call('get', '/slos?entityRef=checkout-api');
      expect(service.body.items).toHaveLength(2);
      const team = await call('get', '/slos?owner=group:default/checkout-team');
      expect(team.body.totalCount).toBe(2);
      expect(
        (await call('get', '/slos?orderBy=random', { specRefuses: true }))
          .status,
      ).toBe(400);
      expect((await call('get', '/slos?owner=group:default/nope')).status).toBe(
        404,
      );
      expect((await call('get', '/slos', { as: NONE })).status).toBe(401);
    });
  });

  describe('dead letters', () => {
    let letters: string[];

    beforeAll(async () => {
      letters = await deadLetters(3);
      if (letters.length !== 3) throw new Error('The applier made no letters');
    });

    it('ListSliDeadLetters', async () => {
      const res = await call('get', '/slos/dead-letters?limit=10');
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(3);
      expect(res.body.items[0].sloRefs).toEqual([SLO]);
      expect(
        (await call('get', '/slos/dead-letters?limit=0', { specRefuses: true }))
          .status,
      ).toBe(400);
      expect(
        (await call('get', '/slos/dead-letters', { as: NONE })).status,
      ).toBe(401);
    });

    it('RetrySliDeadLetter', async () => {
      const retry = (id: string, as?: string) =>
        call('post', `/slos/dead-letters/${id}/retry`, {
          as,
          specRefuses: !/^[1-9][0-9]{0,14}$/.test(id),
        });
      expect((await retry(letters[0], AS_OUTSIDER)).status).toBe(403);
      const res = await retry(letters[0]);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ id: letters[0] });
      expect((await retry(letters[0])).status).toBe(404);
      expect((await retry('abc')).status).toBe(400);
      expect((await retry(letters[1], NONE)).status).toBe(401);
    });

    it('DiscardSliDeadLetter', async () => {
      const discard = (id: string, as?: string) =>
        call('delete', `/slos/dead-letters/${id}`, {
          as,
          specRefuses: !/^[1-9][0-9]{0,14}$/.test(id),
        });
      expect((await discard(letters[1], AS_OUTSIDER)).status).toBe(403);
      expect((await discard(letters[1])).status).toBe(204);
      expect((await discard(letters[1])).status).toBe(404);
      expect((await discard('0')).status).toBe(400);
      expect((await discard(letters[2], NONE)).status).toBe(401);
    });
  });

  describe('postmortems', () => {
    const quick = (overrides: Json = {}) => ({
      template: 'quick',
      title: 'Checkout returned 500s',
      severity: 'SEV2',
      entityRefs: ['checkout-api'],
      startedAt: ago(3),
      resolvedAt: ago(2.9),
      summary: 'A config push broke checkout for 20 minutes.',
      impactedSlos: [{ sloRef: SLO, budgetConsumed: 0.4 }],
      timeline: [{ at: ago(3), description: 'Config pushed' }],
      tags: ['Config'],
      links: [{ title: 'Incident channel', url: 'https://chat.example.com/1' }],
      actionItems: [
        {
          title: 'Canary config pushes',
          owner: 'group:default/checkout-team',
          priority: 'P1',
          dueDate: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10),
        },
      ],
      ...overrides,
    });
    let created: Json;

    it('CreatePostmortem', async () => {
      const res = await call('post', '/postmortems', { body: quick() });
      expect(res.status).toBe(201);
      created = res.body;
      expect(created).toMatchObject({ version: 1, status: 'draft' });
      expect(created.policy).toMatchObject({
        required: true,
        satisfied: false,
      });
      expect(
        (
          await call('post', '/postmortems', {
            body: quick({ severity: 'SEV9' }),
            specRefuses: true,
          })
        ).status,
      ).toBe(400);
      expect(
        (await call('post', '/postmortems', { body: quick(), as: AS_OUTSIDER }))
          .status,
      ).toBe(403);
      expect(
        (
          await call('post', '/postmortems', {
            body: quick({ summary: 'x'.repeat(1_100_000) }),
          })
        ).status,
      ).toBe(413);
      expect(
        (await call('post', '/postmortems', { body: quick(), as: NONE }))
          .status,
      ).toBe(401);
    });

    it('GetPostmortem', async () => {
      expect((await call('get', `/postmortems/${created.id}`)).status).toBe(
        200,
      );
      expect(
        (await call('get', '/postmortems/00000000-0000-0000-0000-000000000000'))
          .status,
      ).toBe(404);
      expect(
        (await call('get', '/postmortems/no%20such', { specRefuses: true }))
          .status,
      ).toBe(400);
      expect(
        (await call('get', `/postmortems/${created.id}`, { as: NONE })).status,
      ).toBe(401);
    });

    it('UpdatePostmortem', async () => {
      const url = `/postmortems/${created.id}`;
      // A fetched postmortem sent back with its read-only fields.
      const edit: Json = {
        ...created,
        title: 'Checkout returned 500s for 20 min',
      };
      const res = await call('put', url, { body: edit });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(2);
      const stale = await call('put', url, { body: { ...edit, title: 'x' } });
      expect(stale.status).toBe(409);
      const { version: _version, ...unversioned } = edit;
      expect(
        (await call('put', url, { body: unversioned, specRefuses: true }))
          .status,
      ).toBe(400);
      expect(
        (
          await call('put', url, {
            body: { ...edit, version: 2 },
            as: AS_OUTSIDER,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await call(
            'put',
            '/postmortems/00000000-0000-0000-0000-000000000000',
            {
              body: edit,
            },
          )
        ).status,
      ).toBe(404);
      expect(
        (
          await call('put', url, {
            body: { ...edit, version: 2, summary: 'x'.repeat(1_100_000) },
          })
        ).status,
      ).toBe(413);
      expect((await call('put', url, { body: edit, as: NONE })).status).toBe(
        401,
      );
    });

    it('GetPostmortemHistory', async () => {
      const res = await call('get', `/postmortems/${created.id}/history`);
      expect(res.status).toBe(200);
      expect(res.body.revisions.map((r: Json) => r.version)).toEqual([2, 1]);
      expect(
        (
          await call(
            'get',
            '/postmortems/00000000-0000-0000-0000-000000000000/history',
          )
        ).status,
      ).toBe(404);
      expect(
        (
          await call('get', `/postmortems/${'x'.repeat(101)}/history`, {
            specRefuses: true,
          })
        ).status,
      ).toBe(400);
      expect(
        (await call('get', `/postmortems/${created.id}/history`, { as: NONE }))
          .status,
      ).toBe(401);
    });

    it('ListPostmortems', async () => {
      const res = await call(
        'get',
        `/postmortems?entityRef=checkout-api&severity=SEV2&status=draft&tag=config&from=${ago(
          4,
        ).slice(0, 10)}&q=config&limit=5`,
      );
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(1);
      expect(
        (await call('get', '/postmortems?limit=101', { specRefuses: true }))
          .status,
      ).toBe(400);
      expect(
        (
          await call('get', '/postmortems?from=yesterday', {
            specRefuses: true,
          })
        ).status,
      ).toBe(400);
      expect((await call('get', '/postmortems', { as: NONE })).status).toBe(
        401,
      );
    });

    it('ListRequiredPostmortems', async () => {
      const res = await call('get', '/postmortems/required?limit=10');
      expect(res.status).toBe(200);
      // The postmortem without its P0 action item, after the fast burns the
      // evaluator found in the pushed events (which no postmortem covers).
      expect(res.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            postmortem: expect.objectContaining({ id: created.id }),
          }),
        ]),
      );
      expect(
        (
          await call('get', '/postmortems/required?limit=501', {
            specRefuses: true,
          })
        ).status,
      ).toBe(400);
      expect(
        (await call('get', '/postmortems/required', { as: NONE })).status,
      ).toBe(401);
    });

    it('ListActionItems', async () => {
      const res = await call(
        'get',
        '/action-items?overdue=false&team=checkout-team&status=open&priority=P1&limit=10',
      );
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      expect(
        (
          await call('get', '/action-items?overdue=maybe', {
            specRefuses: true,
          })
        ).status,
      ).toBe(400);
      expect(
        (await call('get', '/action-items?team=group:default/nope')).status,
      ).toBe(404);
      expect((await call('get', '/action-items', { as: NONE })).status).toBe(
        401,
      );
    });
  });

  describe('a full queue of accepted pushes', () => {
    it('answers the pushes and retries with 503 and Retry-After', async () => {
      const [letter] = await deadLetters(1);
      await knex('sre_sli_pending').insert(
        Array.from({ length: 2 }, () => ({
          entries: '[]',
          buckets: 0,
          received_at: Date.now(),
          bytes: 2,
        })),
      );
      // A backend of its own: the shared one may reuse its last look at the queue.
      const full = await startBackend(knex, {
        sre: { ingest: { queue: { maxRows: 1 } } },
      });
      try {
        const { server } = full;
        const events = {
          buckets: [{ start: minute(1), good: 1, total: 1 }],
        };
        const single = await call(
          'post',
          '/slos/default/checkout-availability/events',
          { body: events, server },
        );
        expect(single.status).toBe(503);
        expect(single.headers['retry-after']).toBe('30');
        const batch = await call('post', '/slos/events', {
          body: { slos: [{ slo: SLO, ...events }] },
          server,
        });
        expect(batch.status).toBe(503);
        const retry = await call('post', `/slos/dead-letters/${letter}/retry`, {
          server,
        });
        expect(retry.status).toBe(503);
      } finally {
        await full.backend.stop();
      }
    });
  });

  describe('a Prometheus source that is down', () => {
    it('answers postmortem writes that need its budgets with 503', async () => {
      // A port nobody listens on.
      const closed = createServer();
      await new Promise<void>(resolve =>
        closed.listen(0, '127.0.0.1', resolve),
      );
      const { port } = closed.address() as AddressInfo;
      await new Promise(resolve => closed.close(resolve));
      const prometheusSlo: Entity = {
        ...builtinSloEntity('checkout-prometheus'),
        spec: {
          ...builtinSloEntity('checkout-prometheus').spec,
          indicator: {
            metadata: { name: 'checkout-prometheus-sli' },
            spec: {
              ratioMetric: {
                counter: true,
                good: {
                  metricSource: {
                    type: 'Prometheus',
                    spec: { query: 'http_requests_total{code!~"5.."}' },
                  },
                },
                total: {
                  metricSource: {
                    type: 'Prometheus',
                    spec: { query: 'http_requests_total' },
                  },
                },
              },
            },
          },
        },
      };
      const down = await startBackend(
        knex,
        {
          sre: {
            sources: [
              {
                name: 'main',
                type: 'prometheus',
                baseUrl: `http://127.0.0.1:${port}`,
                timeout: '2s',
              },
            ],
          },
        },
        [prometheusSlo],
      );
      try {
        const { server } = down;
        const body = {
          title: 'Checkout latency',
          severity: 'SEV3',
          entityRefs: ['checkout-api'],
          startedAt: ago(1),
          resolvedAt: ago(0.9),
          summary: 'Slow for an hour.',
        };
        const impacted = { sloRef: 'slo:default/checkout-prometheus' };
        const refused = await call('post', '/postmortems', {
          body: { ...body, impactedSlos: [impacted] },
          server,
        });
        expect(refused.status).toBe(503);
        expect(refused.body.error.message).toContain('Prometheus source main');
        // An entered budget needs no source.
        const created = await call('post', '/postmortems', {
          body: {
            ...body,
            impactedSlos: [{ ...impacted, budgetConsumed: 0.1 }],
          },
          server,
        });
        expect(created.status).toBe(201);
        const edit = await call('put', `/postmortems/${created.body.id}`, {
          body: { ...body, version: 1, impactedSlos: [impacted] },
          server,
        });
        expect(edit.status).toBe(503);
      } finally {
        await down.backend.stop();
      }
    });
  });

  it('exercised every status of every operation', () => {
    const declared = operations.flatMap(({ operation }) =>
      Object.keys(operation.responses)
        .filter(status => status !== 'default')
        .map(status => `${operation.operationId} ${status}`),
    );
    expect(declared.filter(d => !observed.has(d))).toEqual([]);
  });
});
