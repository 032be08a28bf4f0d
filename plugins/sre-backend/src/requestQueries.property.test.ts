import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  POSTMORTEM_SEVERITIES,
  POSTMORTEM_STATUSES,
} from '@sre-catalog/backstage-plugin-sre-common';
import fc from 'fast-check';
import request from 'supertest';
import {
  arbitraryQuery,
  arbitrarySegment,
  createTestPostmortem,
  describeWithPropertyTestBackend,
  PROPERTY_RUNS,
  PROPERTY_TEST_USER,
  PROPERTY_TIMEOUT_MS,
  outcome,
} from './__testUtils__/propertyTestBackend';

/**
 * 200, 400 naming the parameter (an unknown one may be any text, even blank), or
 * 404 naming the team or owner a filter asks for that is not in the catalog.
 */
const QUERY_OUTCOME =
  /^(200|400 Unknown query parameter .|400 Invalid query parameter [a-zA-Z]+: \S|404 No (group )?[a-z]+:\S+ in the catalog)/s;
/**
 * 200, 400 naming the path segment (or a query parameter, where the route takes a
 * query), or 404 naming what is not there.
 */
const PATH_OUTCOME = (notFound: RegExp) =>
  new RegExp(
    String.raw`^(200|400 Invalid path parameter (kind|namespace|name|id): \S|400 Malformed path /api/sre/\S|400 Unknown query parameter .|400 Invalid query parameter [a-zA-Z]+: \S|404 (${notFound.source}))`,
    's',
  );

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const ref = (...refs: string[]) =>
  fc.constantFrom(
    ...refs,
    'checkout-api',
    'nope',
    'default/checkout-team',
    'Group:Default/Checkout-Team',
    'group:default/nope',
    'user:default/mock',
    'component:default/checkout-api',
    'system:default/payments',
    'a:b:c',
    'group:default/',
    ':/',
  );
const oneOf = (values: readonly string[]) => fc.constantFrom(...values);
const count = fc.oneof(
  fc.integer({ min: -3, max: 1000 }).map(String),
  fc.constantFrom('500', '501', '100', '101', '9007199254740991'),
);
const page = { limit: count, offset: count };
const when = fc.oneof(
  fc
    .date({
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .chain(d =>
      fc.constantFrom(
        d.toISOString(),
        d.toISOString().slice(0, 10),
        d.toISOString().replace('Z', '+14:00'),
      ),
    ),
  fc.constantFrom(
    '2026-02-30',
    '2026-02-29',
    '2026-11-20T25:00:00Z',
    '2026-11-20T12:00:00',
    '+010000-01-01T00:00:00Z',
    '-000001-01-01T00:00:00Z',
    '1e12',
  ),
);

describeWithPropertyTestBackend(
  'request queries on %s: arbitrary queries and paths give 200 or a 4xx naming the problem, never a 5xx',
  backend => {
    let postmortemId: string;

    beforeAll(async () => {
      // Something for the lists to find.
      postmortemId = await createTestPostmortem(backend, {
        title: 'Checkout returned 500s',
        severity: 'SEV2',
        entityRefs: ['checkout-api'],
        startedAt: ago(3),
        summary: 'A config push broke checkout.',
        tags: ['config'],
        actionItems: [
          {
            title: 'Canary config pushes',
            owner: 'group:default/checkout-team',
            priority: 'P1',
            dueDate: ago(1).slice(0, 10),
          },
        ],
      });
    });

    const get = (path: string, query: Record<string, unknown> = {}) =>
      request(backend.server)
        .get(path)
        .query(query)
        .set('Authorization', PROPERTY_TEST_USER);

    describe.each([
      [
        '/slos',
        {
          entityRef: ref('component:default/checkout-api'),
          owner: ref('group:default/checkout-team'),
          system: ref('system:default/payments'),
          alert: oneOf(['page', 'ticket', 'none']),
          orderBy: oneOf(['budget', 'alert']),
          ...page,
        },
      ],
      [
        '/slos/default/checkout-availability/history',
        { days: fc.oneof(count, fc.constantFrom('400', '401', '30')) },
      ],
      [
        '/coverage',
        {
          owner: ref('group:default/checkout-team'),
          system: ref('system:default/payments'),
        },
      ],
      [
        '/postmortems',
        {
          entityRef: ref('component:default/checkout-api'),
          owner: ref('group:default/checkout-team'),
          severity: oneOf(POSTMORTEM_SEVERITIES),
          status: oneOf(POSTMORTEM_STATUSES),
          tag: fc.oneof(oneOf(['config', 'Config ', '']), fc.string()),
          from: when,
          to: when,
          q: fc.oneof(
            oneOf(['checkout', 'Checkout 500s', '%', '_', '\\', '"', "'"]),
            fc.string({ unit: 'binary', maxLength: 30 }),
          ),
          ...page,
        },
      ],
      ['/postmortems/required', page],
      [
        '/action-items',
        {
          overdue: oneOf(['true', 'false', 'TRUE', '1']),
          owner: ref('group:default/checkout-team'),
          team: ref('group:default/checkout-team'),
          status: oneOf(ACTION_ITEM_STATUSES),
          priority: oneOf(ACTION_ITEM_PRIORITIES),
          entityRef: ref('component:default/checkout-api'),
          ...page,
        },
      ],
    ] as const)('GET %s', (path, params) => {
      it(
        'answers 200 or 400 naming the parameter',
        async () => {
          await fc.assert(
            fc.asyncProperty(
              arbitraryQuery(params as Record<string, fc.Arbitrary<string>>),
              async query => {
                expect(outcome(await get(`/api/sre${path}`, query))).toMatch(
                  QUERY_OUTCOME,
                );
              },
            ),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );

      it(
        'answers 200 or 400 to any raw query string',
        async () => {
          await fc.assert(
            fc.asyncProperty(
              fc.string({ unit: 'binary-ascii', maxLength: 60 }),
              async raw => {
                const res = await request(backend.server)
                  .get(`/api/sre${path}?${encodeURI(raw).replace(/#/g, '%23')}`)
                  .set('Authorization', PROPERTY_TEST_USER);
                expect(outcome(res)).toMatch(QUERY_OUTCOME);
              },
            ),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );
    });

    it('answers the well-formed queries with 200', async () => {
      for (const [path, query] of [
        ['/slos', { owner: 'checkout-team', limit: '5', orderBy: 'alert' }],
        ['/slos/default/checkout-availability/history', { days: '7' }],
        ['/coverage', { owner: 'checkout-team' }],
        ['/postmortems', { q: 'checkout', from: '2020-01-01', tag: 'config' }],
        ['/postmortems/required', { limit: '10' }],
        ['/action-items', { overdue: 'true', team: 'checkout-team' }],
      ] as const) {
        expect([path, outcome(await get(`/api/sre${path}`, query))]).toEqual([
          path,
          '200',
        ]);
      }
    });

    describe('arbitrary path segments', () => {
      // An empty postmortem id is a path of another shape: tested on its own below.
      const segments = (template: string, n: number) =>
        fc.array(
          template.startsWith('/postmortems')
            ? arbitrarySegment.filter(s => s !== '')
            : arbitrarySegment,
          { minLength: n, maxLength: n },
        );

      it.each([
        [
          '/ownership/{}/{}/{}',
          3,
          /No \S.*|Unknown \S.*|.*not in the catalog.*/,
        ],
        ['/teams/{}/{}', 2, /No \S.*|Unknown \S.*|.*not in the catalog.*/],
        [
          '/runbooks/{}/{}/{}',
          3,
          /No \S.*|Unknown \S.*|.*not in the catalog.*/,
        ],
        ['/slos/{}/{}/status', 2, /No SLO slo:\S.*/],
        ['/slos/{}/{}/history', 2, /No SLO slo:\S.*/],
        ['/postmortems/{}', 1, /No postmortem .*/],
        ['/postmortems/{}/history', 1, /No postmortem .*/],
      ] as const)(
        'GET %s answers 200, 400 naming the segment or 404 naming the entity',
        async (template, n, notFound) => {
          await fc.assert(
            fc.asyncProperty(
              segments(template, n),
              arbitraryQuery({}),
              async (parts, query) => {
                let i = 0;
                const path = template.replace(/\{\}/g, () => parts[i++]);
                expect(outcome(await get(`/api/sre${path}`, query))).toMatch(
                  PATH_OUTCOME(notFound),
                );
              },
            ),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );

      it('answers an empty postmortem id with a JSON error, like the other routes', async () => {
        // The other path prefixes answer 400 "Malformed path ..."; an empty id
        // must not fall through to the backend's bare 404.
        for (const res of [
          await get('/api/sre/postmortems//history'),
          await request(backend.server)
            .put('/api/sre/postmortems/')
            .set('Authorization', PROPERTY_TEST_USER)
            .send({}),
        ]) {
          expect(outcome(res)).toMatch(
            /^(400 Malformed path \/api\/sre\/postmortems|404 No postmortem)/,
          );
        }
      });

      it('finds the postmortem created for these tests', async () => {
        expect(outcome(await get(`/api/sre/postmortems/${postmortemId}`))).toBe(
          '200',
        );
      });
    });
  },
);
