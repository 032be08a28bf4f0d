/* eslint-disable jest/expect-expect -- the properties assert in write(), create() and update() */
import { mockServices } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import request from 'supertest';
import { DatabaseSliStore } from './slos/store/DatabaseSliStore';
import {
  applyMutation,
  arbitrarySegment,
  bodyMutation,
  createTestPostmortem,
  describeWithPropertyTestBackend,
  edgyJsonValue,
  snapshotTables,
  PROPERTY_RUNS,
  PROPERTY_TEST_USER,
  PROPERTY_TIMEOUT_MS,
  outcome,
} from './__testUtils__/propertyTestBackend';
import { SreDatabase } from './database/SreDatabase';

/** A field as the validators name it: `title`, `buckets[3].start`, `slos[0].slo`. */
const FIELD = String.raw`(body|[a-zA-Z]+(\[\d+\])?(\.[a-zA-Z]+(\[\d+\])?)*)`;
// The value may be blank (`Invalid actionItems[0].id:  is not ...`).
const NAMED_FIELD = String.raw`Invalid ${FIELD}: \s*\S`;

/** What a single push may answer: accepted, or 400 naming the field. */
const PUSH_OUTCOME = new RegExp(String.raw`^(202|400 ${NAMED_FIELD})`);
/** A batch names the entry (`slos[1]: ...`) once the body has its shape. */
const BATCH_OUTCOME = new RegExp(
  String.raw`^(202|400 ${NAMED_FIELD}|400 slos\[\d+\]: (${NAMED_FIELD}|Unknown SLO slo:\S))`,
);
/** Created or refused naming the field. */
const CREATE_OUTCOME = new RegExp(String.raw`^(201|400 ${NAMED_FIELD})`);
/** Changed, or refused naming the field, or a conflict naming the versions. */
const UPDATE_OUTCOME = new RegExp(
  String.raw`^(200|400 ${NAMED_FIELD}|409 Postmortem \S+ is at version \d+, but the edit is based on version)`,
);

const MIN = 60_000;
const DAY = 86_400_000;
const minute = (minutesAgo: number) =>
  new Date(Math.floor(Date.now() / MIN) * MIN - minutesAgo * MIN).toISOString();
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const date = (daysFromNow: number) =>
  new Date(Date.now() + daysFromNow * DAY).toISOString().slice(0, 10);

/** Valid pushes: two recent minutes, every optional field given. */
const validPush = () => ({
  bucketSeconds: 60,
  replace: false,
  buckets: [
    { start: minute(2), good: 9, total: 10 },
    { start: minute(1), good: 10, total: 10 },
  ],
});
const validBatch = () => ({
  slos: [
    { slo: 'checkout-availability', ...validPush() },
    { slo: 'slo:default/checkout-latency', ...validPush() },
  ],
});

/** A valid full postmortem with every optional field given. */
const validPostmortem = () => ({
  template: 'full',
  title: 'Checkout returned 500s',
  severity: 'SEV2',
  status: 'draft',
  entityRefs: ['checkout-api'],
  startedAt: ago(3),
  detectedAt: ago(2.99),
  mitigatedAt: ago(2.98),
  resolvedAt: ago(2.9),
  summary: 'A config push broke checkout for 20 minutes.',
  impact: '12% of orders failed',
  impactedSlos: [
    { sloRef: 'slo:default/checkout-availability', budgetConsumed: 0.2 },
  ],
  timeline: [{ at: ago(2.99), description: 'Alert fired' }],
  contributingFactors: ['No canary for config pushes'],
  wentWell: 'Fast rollback',
  wentPoorly: 'Slow detection',
  lessons: 'Canary config',
  tags: ['config'],
  links: [{ title: 'Dashboard', url: 'https://example.com/d' }],
  actionItems: [
    {
      title: 'Canary config pushes',
      owner: 'group:default/checkout-team',
      priority: 'P1',
      dueDate: date(30),
      status: 'open',
      trackingUrl: 'https://example.com/t/1',
    },
  ],
});

/** Bodies express.json accepts: any JSON object or array, or one with the keys of `shape`. */
function arbitraryBody(shape: object): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue().filter(v => v !== null && typeof v === 'object'),
    fc.dictionary(fc.constantFrom(...Object.keys(shape)), edgyJsonValue),
    fc
      .json()
      .map(text => JSON.parse(text))
      .filter(v => v !== null && typeof v === 'object'),
  );
}

/** A body sent as given, not serialised: for text that is not JSON. */
class RawJson {
  constructor(readonly text: string) {}
}

describeWithPropertyTestBackend(
  'request bodies on %s: arbitrary JSON gives a 4xx naming the problem, and stores nothing',
  backend => {
    let postmortemId: string;
    let sliStore: DatabaseSliStore;

    beforeAll(async () => {
      // To apply earlier accepted pushes before a snapshot, as the evaluator would:
      // a push check may apply them (to count replaced buckets), which is no write
      // of the refused request.
      sliStore = (
        await SreDatabase.create({
          database: mockServices.database({
            knex: backend.knex,
            migrations: { skip: true },
          }),
        })
      ).sliStore();
      postmortemId = await createTestPostmortem(backend, validPostmortem());
    });

    const send = (
      method: 'post' | 'put',
      path: string,
      body: unknown,
    ): Promise<request.Response> =>
      request(backend.server)
        [method](path)
        .set('Authorization', PROPERTY_TEST_USER)
        .set('Content-Type', 'application/json')
        .send(body instanceof RawJson ? body.text : JSON.stringify(body));

    /**
     * Sends the write and checks its outcome; a refused one must leave every table
     * of the prefix as it was and be audited as failed.
     */
    async function write(options: {
      method: 'post' | 'put';
      path: string;
      body: unknown;
      outcome: RegExp;
      tables: string;
      audited?: boolean;
    }): Promise<request.Response> {
      if (options.tables === 'sre_sli') await sliStore.applyPending();
      const before = await snapshotTables(backend.knex, options.tables);
      backend.auditor.createEvent.mockClear();
      const res = await send(options.method, options.path, options.body);
      expect(outcome(res)).toMatch(options.outcome);
      if (res.status >= 400) {
        expect(await snapshotTables(backend.knex, options.tables)).toEqual(
          before,
        );
        if (options.audited !== false) {
          const events = await Promise.all(
            backend.auditor.createEvent.mock.results.map(r => r.value),
          );
          expect(events.map(e => e.fail.mock.calls.length)).toEqual([1]);
        }
      }
      return res;
    }

    it('accepts the valid bodies the properties start from', async () => {
      const push = await send(
        'post',
        '/api/sre/slos/default/checkout-availability/events',
        validPush(),
      );
      expect(push.status).toBe(202);
      const batch = await send('post', '/api/sre/slos/events', validBatch());
      expect(batch.status).toBe(202);
      const pending = await backend.knex('sre_sli_pending').select();
      expect(pending.length).toBeGreaterThanOrEqual(2);
    });

    describe('POST /slos/{namespace}/{name}/events', () => {
      const path = '/api/sre/slos/default/checkout-availability/events';

      it(
        'refuses arbitrary JSON naming the field',
        async () => {
          await fc.assert(
            fc.asyncProperty(arbitraryBody(validPush()), async body => {
              await write({
                method: 'post',
                path,
                body,
                outcome: PUSH_OUTCOME,
                tables: 'sre_sli',
              });
            }),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );

      it(
        'refuses a valid push with one thing changed naming the field',
        async () => {
          await fc.assert(
            fc.asyncProperty(bodyMutation(validPush()), async mutation => {
              await write({
                method: 'post',
                path,
                body: applyMutation(validPush(), mutation),
                outcome: PUSH_OUTCOME,
                tables: 'sre_sli',
              });
            }),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );

      it(
        'refuses a valid push to an arbitrary path naming the segment or the SLO',
        async () => {
          await fc.assert(
            fc.asyncProperty(
              arbitrarySegment,
              arbitrarySegment,
              async (namespace, name) => {
                await write({
                  method: 'post',
                  path: `/api/sre/slos/${namespace}/${name}/events`,
                  body: validPush(),
                  outcome:
                    /^(202|400 Invalid path parameter (namespace|name): |400 Malformed path \/api\/sre\/slos\/|404 Unknown SLO slo:\S)/s,
                  tables: 'sre_sli',
                  // A path that names no SLO is refused before the push is audited.
                  audited: false,
                });
              },
            ),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );
    });

    describe('POST /slos/events (batch)', () => {
      const path = '/api/sre/slos/events';

      it(
        'refuses arbitrary JSON naming the field',
        async () => {
          await fc.assert(
            fc.asyncProperty(arbitraryBody(validBatch()), async body => {
              await write({
                method: 'post',
                path,
                body,
                outcome: BATCH_OUTCOME,
                tables: 'sre_sli',
              });
            }),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );

      it(
        'refuses arbitrary entries naming slos[i] and the field',
        async () => {
          const entry = fc.oneof(
            fc.jsonValue(),
            fc.dictionary(
              fc.constantFrom('slo', 'bucketSeconds', 'replace', 'buckets'),
              edgyJsonValue,
            ),
          );
          await fc.assert(
            fc.asyncProperty(fc.array(entry, { maxLength: 3 }), async slos => {
              await write({
                method: 'post',
                path,
                body: { slos: [validBatch().slos[0], ...slos] },
                outcome: BATCH_OUTCOME,
                tables: 'sre_sli',
              });
            }),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );

      it(
        'refuses a valid batch with one thing changed naming the field',
        async () => {
          await fc.assert(
            fc.asyncProperty(bodyMutation(validBatch()), async mutation => {
              await write({
                method: 'post',
                path,
                body: applyMutation(validBatch(), mutation),
                outcome: BATCH_OUTCOME,
                tables: 'sre_sli',
              });
            }),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );
    });

    describe('POST /postmortems', () => {
      const path = '/api/sre/postmortems';
      const totalCount = async () =>
        (
          await request(backend.server)
            .get('/api/sre/postmortems?limit=1')
            .set('Authorization', PROPERTY_TEST_USER)
        ).body.totalCount;

      /** The write, and that a reader sees no new postmortem after a refusal. */
      async function create(body: unknown) {
        const count = await totalCount();
        const res = await write({
          method: 'post',
          path,
          body,
          outcome: CREATE_OUTCOME,
          tables: 'sre_postmortem',
        });
        expect(await totalCount()).toBe(res.status === 201 ? count + 1 : count);
      }

      it(
        'refuses arbitrary JSON naming the field',
        async () => {
          await fc.assert(
            fc.asyncProperty(arbitraryBody(validPostmortem()), create),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );

      it(
        'refuses a valid postmortem with one thing changed naming the field',
        async () => {
          await fc.assert(
            fc.asyncProperty(bodyMutation(validPostmortem()), mutation =>
              create(applyMutation(validPostmortem(), mutation)),
            ),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );
    });

    describe('PUT /postmortems/{id}', () => {
      const get = async (suffix = '') =>
        (
          await request(backend.server)
            .get(`/api/sre/postmortems/${postmortemId}${suffix}`)
            .set('Authorization', PROPERTY_TEST_USER)
        ).body;

      /** The write, and that a reader sees the same version and history after a refusal. */
      async function update(edit: (current: object) => unknown) {
        const current = await get();
        const history = await get('/history');
        const res = await write({
          method: 'put',
          path: `/api/sre/postmortems/${postmortemId}`,
          body: edit(current),
          outcome: UPDATE_OUTCOME,
          tables: 'sre_postmortem',
        });
        if (res.status >= 400) {
          expect(await get()).toEqual(current);
          expect(await get('/history')).toEqual(history);
        }
      }

      it('accepts the stored postmortem sent back', async () => {
        const current = await get();
        const res = await send(
          'put',
          `/api/sre/postmortems/${postmortemId}`,
          current,
        );
        expect(res.status).toBe(200);
        expect(res.body.version).toBe(current.version);
      });

      it(
        'refuses arbitrary JSON naming the field',
        async () => {
          await fc.assert(
            fc.asyncProperty(arbitraryBody(validPostmortem()), body =>
              update(() => body),
            ),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );

      it(
        'refuses the stored postmortem with one thing changed naming the field',
        async () => {
          // The stored one as first read: the valid body plus what the server fills
          // in. Each run edits it at the current version, so accepted edits of
          // earlier runs do not change the shape.
          const stored = await get();
          await fc.assert(
            fc.asyncProperty(bodyMutation(stored), mutation =>
              update(current =>
                applyMutation(
                  {
                    ...stored,
                    version: (current as { version: number }).version,
                  },
                  mutation,
                ),
              ),
            ),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );

      it(
        'refuses a valid edit of an arbitrary id with 404 naming it, or 400',
        async () => {
          await fc.assert(
            // An empty id is a path of another shape (see requestQueries.property.test.ts).
            fc.asyncProperty(
              arbitrarySegment.filter(s => s !== ''),
              async id => {
                const body = { ...(await get()) };
                await write({
                  method: 'put',
                  path: `/api/sre/postmortems/${id}`,
                  body,
                  outcome:
                    /^(200|400 Invalid path parameter id: |400 Malformed path \/api\/sre\/postmortems|404 No postmortem .)/,
                  tables: 'sre_postmortem',
                  audited: false,
                });
              },
            ),
            PROPERTY_RUNS,
          );
        },
        PROPERTY_TIMEOUT_MS,
      );
    });

    describe('bodies that are JSON but not an object', () => {
      // Valid JSON, so the answer must say the body is not an object, not that it is
      // not JSON; and the write is refused like any other bad body.
      const scalar = fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
      );

      // Text that is not JSON at all: a cut-off object, a stray byte, a trailing comma.
      const notJson = fc
        .oneof(
          fc.json().map(text => `${text}}`),
          fc
            .json()
            .map(text => text.slice(0, -1))
            .filter(t => t !== ''),
          fc.constantFrom(
            '{',
            '{"a":1,}',
            "{'a':1}",
            'NaN',
            '{"a":01}',
            '\u0000',
          ),
        )
        .filter(text => {
          try {
            JSON.parse(text);
            return false;
          } catch {
            return true;
          }
        });
      const routes = [
        [
          'post',
          '/api/sre/slos/default/checkout-availability/events',
          'sre_sli',
        ],
        ['post', '/api/sre/slos/events', 'sre_sli'],
        ['post', '/api/sre/postmortems', 'sre_postmortem'],
        ['put', '/api/sre/postmortems/{id}', 'sre_postmortem'],
      ] as const;

      it.each(routes)(
        'are refused by %s %s with 400 naming the body',
        async (method, path, tables) => {
          await fc.assert(
            fc.asyncProperty(scalar, async body => {
              await write({
                method,
                path: path.replace('{id}', postmortemId),
                body,
                outcome: /^400 Invalid body: \S/,
                tables,
                audited: false,
              });
            }),
            { numRuns: 20 },
          );
        },
        PROPERTY_TIMEOUT_MS,
      );

      it.each(routes)(
        'text that is not JSON is refused by %s %s with 400 naming the body',
        async (method, path, tables) => {
          await fc.assert(
            fc.asyncProperty(notJson, async text => {
              await write({
                method,
                path: path.replace('{id}', postmortemId),
                body: new RawJson(text),
                outcome: /^400 Invalid body: \S/,
                tables,
                audited: false,
              });
            }),
            { numRuns: 20 },
          );
        },
        PROPERTY_TIMEOUT_MS,
      );
    });
  },
);
