import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { srePlugin } from '../plugin';
import { builtinSloEntity } from './sloEntity';
import { createTestDatabases } from './testDatabases';

const CHECKOUT_TEAM = 'group:default/checkout-team';

/** The fast-check runs of a property; more when hunting: SRE_PROPERTY_RUNS=2000. */
export const PROPERTY_RUNS = {
  numRuns: Number(process.env.SRE_PROPERTY_RUNS) || 100,
};
/** The jest timeout of a property test, which sends a request per run. */
export const PROPERTY_TIMEOUT_MS = 60_000;
/** The Authorization header the property tests send: a signed-in user. */
export const PROPERTY_TEST_USER =
  mockCredentials.user.header('user:default/mock');

const builtinSlo = (name: string) => builtinSloEntity(name);

/** A service, its team and two built-in SLOs: enough for valid requests to succeed. */
export const PROPERTY_TEST_ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api', namespace: 'default' },
    spec: { type: 'service', owner: 'checkout-team', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: CHECKOUT_TEAM }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'checkout-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  builtinSlo('checkout-availability'),
  builtinSlo('checkout-latency'),
];

export type PropertyTestBackend = {
  server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  /** The plugin's own database, to prove what was (not) stored. */
  knex: Knex;
  auditor: ReturnType<typeof mockServices.auditor.mock>;
};

/**
 * Starts the real SRE plugin once for the enclosing describe block (beforeAll):
 * a permissive permission policy so that validation is what requests meet, an
 * in-memory catalog, a mocked auditor, no background evaluation (pushes stay
 * pending, so a stored push is a row), and the plugin's database reachable
 * through `knex`. Use with `describe.each(databases.eachSupportedId())`.
 */
export function usePropertyTestBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): PropertyTestBackend {
  const backend = {} as PropertyTestBackend;
  beforeAll(async () => {
    backend.knex = await databases.init(databaseId);
    backend.auditor = mockServices.auditor.mock();
    const { server } = await startTestBackend({
      features: [
        srePlugin,
        catalogServiceMock.factory({ entities: PROPERTY_TEST_ENTITIES }),
        mockServices.permissions.factory(),
        backend.auditor.factory,
        mockServices.scheduler.mock().factory,
        mockServices.database.factory({ knex: backend.knex }),
      ],
    });
    backend.server = server;
  }, 60_000);
  return backend;
}

/**
 * A describe block per supported database (`%s` in the title names it), each with
 * the plugin started on that database as usePropertyTestBackend starts it.
 */
export function describeWithPropertyTestBackend(
  title: string,
  tests: (backend: PropertyTestBackend) => void,
) {
  const databases = createTestDatabases();
  // A wrapper of describe: the title is its callers'.
  // eslint-disable-next-line jest/valid-title
  describe.each(databases.eachSupportedId())(title, databaseId => {
    tests(usePropertyTestBackend(databases, databaseId));
  });
}

/**
 * Creates a postmortem through the API as the property tests' user, for the
 * requests to find or change; its id.
 */
export async function createTestPostmortem(
  backend: PropertyTestBackend,
  body: object,
): Promise<string> {
  const res = await request(backend.server)
    .post('/api/sre/postmortems')
    .set('Authorization', PROPERTY_TEST_USER)
    .send(body);
  if (res.status !== 201) {
    throw new Error(`Could not create a postmortem: ${res.text}`);
  }
  return res.body.id;
}

/**
 * The answer to a request as one line a `toMatch` can check and a counterexample
 * shows: the status, and for an error its message.
 */
export function outcome(res: request.Response): string {
  if (res.status < 400) return String(res.status);
  const message = res.body?.error?.message;
  return `${res.status} ${
    typeof message === 'string' ? message : `<no JSON error: ${res.text}>`
  }`;
}

/**
 * Every row of the plugin's tables whose name starts with `prefix`, each table's
 * rows sorted: equal snapshots mean nothing was written, not even in part.
 */
export async function snapshotTables(
  knex: Knex,
  prefix: string,
): Promise<Record<string, string[]>> {
  const tables: string[] =
    knex.client.config.client === 'pg'
      ? await knex('information_schema.tables')
          .where('table_schema', knex.raw('current_schema()'))
          .andWhereLike('table_name', `${prefix}%`)
          .pluck('table_name')
      : await knex('sqlite_master')
          .where('type', 'table')
          .andWhereLike('name', `${prefix}%`)
          .pluck('name');
  const snapshot: Record<string, string[]> = {};
  for (const table of tables.sort()) {
    const rows = await knex(table).select();
    snapshot[table] = rows.map(row => JSON.stringify(row)).sort();
  }
  return snapshot;
}

/** JSON values, with the text and numbers validators tend to trip on. */
export const edgyJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'null',
    '0',
    '-1',
    '1e309',
    'NaN',
    '2026-02-30T00:00:00Z',
    '2026-11-20',
    '9999-12-31T23:59:59.999999999+14:00',
    'component:default/checkout-api',
    'group:default/checkout-team',
    'user:default/mock',
    'slo:default/checkout-availability',
    'checkout-latency',
    'SLO:Default/Checkout-Latency',
    'https://example.com/runbook',
    // eslint-disable-next-line no-script-url
    'javascript:alert(1)',
    'x'.repeat(5_000),
  ),
  fc.constantFrom<unknown>(
    0,
    -1,
    1,
    0.5,
    60,
    3600,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    false,
    null,
    [],
    {},
  ),
);

/** A change to one spot of a valid body. */
export type BodyMutation =
  | { op: 'set'; path: (string | number)[]; value: unknown }
  | { op: 'delete'; path: (string | number)[] }
  | { op: 'add'; path: (string | number)[]; key: string; value: unknown }
  | { op: 'duplicate'; path: (string | number)[] };

/** Every spot of a JSON value: objects, arrays and leaves, root first. */
function spotsOf(value: unknown, path: (string | number)[] = []) {
  const spots: (string | number)[][] = [path];
  if (Array.isArray(value)) {
    value.forEach((v, i) => spots.push(...spotsOf(v, [...path, i])));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      spots.push(...spotsOf(v, [...path, k]));
    }
  }
  return spots;
}

/**
 * "A valid body with one thing changed": one field replaced by an arbitrary value,
 * removed, an unknown field added, or an array entry repeated. The base body is
 * built afresh per run (its timestamps move with the clock), so only its shape
 * must stay the same.
 */
export function bodyMutation(shape: unknown): fc.Arbitrary<BodyMutation> {
  const spots = spotsOf(shape);
  const objects = spots.filter(p => {
    const v = valueAt(shape, p);
    return v && typeof v === 'object' && !Array.isArray(v);
  });
  const arrays = spots.filter(p => Array.isArray(valueAt(shape, p)));
  const inner = spots.filter(p => p.length > 0);
  return fc.oneof(
    {
      arbitrary: fc.record({
        op: fc.constant('set' as const),
        path: fc.constantFrom(...inner),
        value: edgyJsonValue,
      }),
      weight: 6,
    },
    {
      arbitrary: fc.record({
        op: fc.constant('delete' as const),
        path: fc.constantFrom(...inner),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        op: fc.constant('add' as const),
        path: fc.constantFrom(...objects),
        key: fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom(
            '__proto__',
            'constructor',
            'toString',
            'id',
            'version',
          ),
        ),
        value: edgyJsonValue,
      }),
      weight: 1,
    },
    ...(arrays.length
      ? [
          {
            arbitrary: fc.record({
              op: fc.constant('duplicate' as const),
              path: fc.constantFrom(...arrays),
            }),
            weight: 1,
          },
        ]
      : []),
  );
}

function valueAt(value: unknown, path: (string | number)[]): any {
  return path.reduce<any>((v, k) => v?.[k], value);
}

/** The body with the mutation applied (the body is a fresh copy). */
export function applyMutation(body: unknown, mutation: BodyMutation): unknown {
  const copy = JSON.parse(JSON.stringify(body));
  const parent = valueAt(copy, mutation.path.slice(0, -1));
  const last = mutation.path[mutation.path.length - 1];
  switch (mutation.op) {
    case 'set':
      parent[last] = mutation.value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      break;
    case 'add':
      // As JSON.parse would make it: an own property, even for __proto__.
      Object.defineProperty(valueAt(copy, mutation.path), mutation.key, {
        value: mutation.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      break;
    case 'duplicate': {
      const array = valueAt(copy, mutation.path);
      if (array.length) array.push(array[0]);
      break;
    }
    default:
  }
  return copy;
}

/**
 * Query strings as `qs` writes and Express reads them: known parameter names and
 * any others, with text, numbers-as-text, repeated values and nested objects.
 */
export function arbitraryQuery(
  params: Record<string, fc.Arbitrary<string>>,
): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(params);
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom(
      '',
      '0',
      '-0',
      '-1',
      '1.5',
      '1e3',
      '1e308',
      '0x10',
      ' 5 ',
      'NaN',
      'Infinity',
      '9007199254740993',
      'true',
      '\u0000',
      '%',
      '%25',
      "'; drop table x; --",
      '_%\\',
    ),
  );
  const entry = (name: string) =>
    fc.oneof(
      { arbitrary: params[name] ?? anyText, weight: 3 },
      { arbitrary: anyText, weight: 2 },
      {
        arbitrary: fc.array(fc.oneof(params[name] ?? anyText, anyText), {
          maxLength: 3,
        }),
        weight: 1,
      },
      {
        arbitrary: fc.dictionary(fc.string({ maxLength: 4 }), anyText, {
          maxKeys: 2,
        }),
        weight: 1,
      },
    );
  const known = names.length
    ? fc
        .subarray(names, { maxLength: names.length })
        .chain(chosen =>
          fc.record(Object.fromEntries(chosen.map(n => [n, entry(n)]))),
        )
    : fc.constant({});
  const unknown = fc.oneof(
    { arbitrary: fc.constant({}), weight: 4 },
    {
      arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), entry(''), {
        maxKeys: 2,
      }),
      weight: 1,
    },
  );
  return fc
    .tuple(known, unknown)
    .map(([k, u]) => ({ ...u, ...k } as Record<string, unknown>));
}

/** A path segment as a client may send it: any text, percent-encoded, or raw. */
export const arbitrarySegment: fc.Arbitrary<string> = fc.oneof(
  fc
    .oneof(
      fc.string({ unit: 'binary', maxLength: 70 }),
      fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,70}$/),
      fc.constantFrom(
        '',
        'default',
        'checkout-api',
        'checkout-availability',
        'Checkout-Availability',
        'checkout-team',
        'component',
        'a'.repeat(63),
        'a'.repeat(64),
        '-a',
        '.',
        '..',
        'a:b',
        'a/b',
        ' a',
        'ä',
        '\u0000',
      ),
    )
    .map(encodeURIComponent),
  // Broken percent-encoding, as sent raw.
  fc.constantFrom('%', '%E0%A4%A', '%zz', 'a%00b', '%2e%2e%2f'),
);
