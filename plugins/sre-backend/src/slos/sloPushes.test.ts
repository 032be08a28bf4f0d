import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { sloEventsCreatePermission } from '@sre-catalog/backstage-plugin-sre-common';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { permissionsFactory } from '../__testUtils__/permissionsFactory';
import { DatabaseSliStore } from './store/DatabaseSliStore';
import { MAX_REPLACED_WITHOUT_FLAG } from './ingest/SloEventsValidator';
import {
  createSloConditionalDecision,
  sloConditions,
} from './sloPermissionRules';
import { startSreBackend } from './__testUtils__/startSreBackend';
import { catalogHidingFrom } from './__testUtils__/catalogHidingFrom';
import { auditedOutcome } from './__testUtils__/auditedOutcome';
import { builtinSloEntity } from '../__testUtils__/sloEntity';
import { DAY, HOUR, MIN } from '../__testUtils__/durations';

const PRIYA = 'user:default/priya'; // in checkout-team, which owns checkout-api
const SAM = 'user:default/sam'; // embedded SRE of checkout-api
const OTTO = 'user:default/otto'; // in fraud-team: owns nothing pushed here
const CLAIMS: Record<string, string[]> = {
  [PRIYA]: [PRIYA, 'group:default/checkout-team'],
  [SAM]: [SAM],
  [OTTO]: [OTTO, 'group:default/fraud-team'],
};
const HIDDEN_FROM_PRIYA = 'slo:default/checkout-secret';

const component = (name: string, owner: string, annotations = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner, lifecycle: 'production' },
});

const slo = (name: string, serviceName: string) =>
  builtinSloEntity(name, serviceName);

const entities: Entity[] = [
  component('checkout-api', 'checkout-team', {
    'sre-catalog.io/engagement': 'embedded',
    'sre-catalog.io/embedded-sres': SAM,
  }),
  component('fraud-api', 'fraud-team'),
  slo('checkout-availability', 'checkout-api'),
  slo('checkout-secret', 'checkout-api'),
  slo('fraud-availability', 'fraud-api'),
];

const minute = (minutesAgo: number) =>
  new Date(Math.floor(Date.now() / MIN) * MIN - minutesAgo * MIN).toISOString();
const minutes = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    start: minute(from + i),
    good: 9,
    total: 10,
  }));

const databases = createTestDatabases();

/** The demo policy's shape: owners and SREs of the service; services per test. */
let serviceDecision: PolicyDecision = { result: AuthorizeResult.ALLOW };
const authorizeConditional = jest.fn<
  ReturnType<PermissionsService['authorizeConditional']>,
  Parameters<PermissionsService['authorizeConditional']>
>(async (requests, { credentials }) =>
  requests.map(() => {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    if (principal.type !== 'user') return serviceDecision;
    return createSloConditionalDecision(
      sloEventsCreatePermission,
      sloConditions.isServiceOwnerOrSre({
        claims: CLAIMS[principal.userEntityRef!] ?? [],
      }),
    );
  }),
);
const permissions = permissionsFactory({ authorizeConditional });

describe('SLI pushes: permissions, visibility, retention, backfills, audit', () => {
  let server: Awaited<ReturnType<typeof startSreBackend>>['server'];
  let knex: Knex;
  /** The evaluator's applier, on the same database (the scheduler is a mock). */
  let applier: DatabaseSliStore;
  const auditor = mockServices.auditor.mock();

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    // No background evaluation: the tests look at the pending pushes.
    const started = await startSreBackend(knex, {
      catalog: catalogHidingFrom(entities, { [PRIYA]: [HIDDEN_FROM_PRIYA] }),
      permissions,
      auditor,
    });
    server = started.server;
    applier = started.database.sliStore();
  });

  beforeEach(async () => {
    serviceDecision = { result: AuthorizeResult.ALLOW };
    authorizeConditional.mockClear();
    auditor.createEvent.mockClear();
    for (const table of [
      'sre_sli_pending',
      'sre_sli_minutes',
      'sre_sli_hours',
    ]) {
      await knex(table).delete();
    }
  });

  const push = (name: string, body: object, header: string) =>
    request(server)
      .post(`/api/sre/slos/default/${name}/events`)
      .set('Authorization', header)
      .send(body);
  const pushBatch = (body: object, header: string) =>
    request(server)
      .post('/api/sre/slos/events')
      .set('Authorization', header)
      .send(body);
  const as = (user: string) => mockCredentials.user.header(user);
  const pending = () => knex('sre_sli_pending').select('pushed_by', 'buckets');
  const stored = async () =>
    (await knex('sre_sli_pending').select('id')).length +
    (await knex('sre_sli_minutes').select('slo_ref')).length;
  const one = { buckets: minutes(1, 1) };

  /** The outcome the auditor heard of the nth push event. */
  const audited = (n = 0) => auditedOutcome(auditor, n);

  describe('a conditional policy: owners and SREs of the service', () => {
    it('lets the owner and an embedded SRE push, and records who did', async () => {
      expect((await push('checkout-availability', one, as(PRIYA))).status).toBe(
        202,
      );
      expect((await push('checkout-availability', one, as(SAM))).status).toBe(
        202,
      );
      expect(await pending()).toEqual([
        { pushed_by: PRIYA, buckets: 1 },
        { pushed_by: SAM, buckets: 1 },
      ]);
    });

    it('refuses anyone else with 403 naming the SLO, and stores nothing', async () => {
      const res = await push('checkout-availability', one, as(OTTO));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'slo:default/checkout-availability',
      );
      expect(res.body.error.message).toContain('sre.slo.events.create');
      expect(await stored()).toBe(0);
    });

    it('decides a batch with one permission call and names the refused SLO', async () => {
      const tick = {
        slos: [
          { slo: 'checkout-availability', buckets: minutes(1, 1) },
          { slo: 'fraud-availability', buckets: minutes(1, 1) },
        ],
      };
      const res = await pushBatch(tick, as(PRIYA));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /^slos\[1\]: .*slo:default\/fraud-availability/,
      );
      expect(authorizeConditional).toHaveBeenCalledTimes(1);
      expect(await stored()).toBe(0);
      const ok = await pushBatch({ slos: [tick.slos[0]] }, as(PRIYA));
      expect(ok.status).toBe(202);
    });
  });

  describe('service principals go through the policy too', () => {
    it('refuses a service the policy denies with 403, single and batch', async () => {
      serviceDecision = { result: AuthorizeResult.DENY };
      const service = mockCredentials.service.header();
      expect((await push('checkout-availability', one, service)).status).toBe(
        403,
      );
      const batch = await pushBatch(
        { slos: [{ slo: 'checkout-availability', ...one }] },
        service,
      );
      expect(batch.status).toBe(403);
      expect(batch.body.error.message).toContain('slos[0]');
      expect(authorizeConditional).toHaveBeenCalledTimes(2);
      expect(await stored()).toBe(0);
    });

    it('records the subject of a service that may push', async () => {
      const res = await push(
        'fraud-availability',
        one,
        mockCredentials.service.header(),
      );
      expect(res.status).toBe(202);
      expect(await pending()).toEqual([
        { pushed_by: 'external:test-service', buckets: 1 },
      ]);
    });
  });

  describe('SLOs the caller cannot see in the catalog', () => {
    it('answers 404 to a single push, like an SLO that does not exist', async () => {
      const hidden = await push('checkout-secret', one, as(PRIYA));
      const missing = await push('no-such-slo', one, as(PRIYA));
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(hidden.body.error.message).toBe(
        missing.body.error.message.replace('no-such-slo', 'checkout-secret'),
      );
      expect(await stored()).toBe(0);
      // Sam may see it (and, as its service's SRE, push to it).
      expect((await push('checkout-secret', one, as(SAM))).status).toBe(202);
    });

    it('refuses a batch naming slos[i], and stores nothing', async () => {
      const res = await pushBatch(
        {
          slos: [
            { slo: 'checkout-availability', ...one },
            { slo: HIDDEN_FROM_PRIYA, ...one },
          ],
        },
        as(PRIYA),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        `slos[1]: Unknown SLO ${HIDDEN_FROM_PRIYA}`,
      );
      expect(await stored()).toBe(0);
    });
  });

  describe("the store's retention", () => {
    it('refuses buckets older than the hourly rollups are kept, naming the field and the limit', async () => {
      const old = new Date(
        Math.floor((Date.now() - 401 * DAY) / HOUR) * HOUR,
      ).toISOString();
      const res = await push(
        'checkout-availability',
        {
          bucketSeconds: 3600,
          buckets: [
            {
              start: new Date(
                Math.floor((Date.now() - 10 * DAY) / HOUR) * HOUR,
              ).toISOString(),
              good: 1,
              total: 1,
            },
            { start: old, good: 1, total: 1 },
          ],
        },
        as(PRIYA),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^Invalid buckets\[1\]\.start: .* older than the store keeps; buckets must start at or after \d{4}-.*hourly rollups are kept for 400 days/,
      );
      expect(await stored()).toBe(0);
    });
  });

  describe('backfills that replace stored buckets', () => {
    const backfill = { buckets: minutes(1, 90) };

    it(`asks for "replace": true past ${MAX_REPLACED_WITHOUT_FLAG} replaced buckets, naming the count`, async () => {
      expect(
        (await push('checkout-availability', backfill, as(PRIYA))).status,
      ).toBe(202);
      // Counted against applied buckets (pending ones are not looked at).
      await applier.applyPending();
      const again = await push('checkout-availability', backfill, as(PRIYA));
      expect(again.status).toBe(400);
      expect(again.body.error.message).toContain(
        'would replace 90 stored buckets of slo:default/checkout-availability',
      );
      expect(again.body.error.message).toContain('"replace": true');
      const replaced = await push(
        'checkout-availability',
        { ...backfill, replace: true },
        as(PRIYA),
      );
      expect(replaced.status).toBe(202);
      // Re-sending the last hour replaces 60: still a normal push.
      const hour = await push(
        'checkout-availability',
        { buckets: minutes(1, 60) },
        as(PRIYA),
      );
      expect(hour.status).toBe(202);
    });

    it('names slos[i] in a batch', async () => {
      const body = {
        slos: [
          { slo: 'fraud-availability', ...one },
          { slo: 'checkout-availability', ...backfill },
        ],
      };
      const service = mockCredentials.service.header();
      expect((await pushBatch(body, service)).status).toBe(202);
      await applier.applyPending();
      const again = await pushBatch(body, service);
      expect(again.status).toBe(400);
      expect(again.body.error.message).toMatch(
        /^slos\[1\]: Invalid replace: the push would replace 90 stored buckets/,
      );
    });

    it('does not look at the database for a normal push', async () => {
      const count = jest.spyOn(DatabaseSliStore.prototype, 'countReplaced');
      try {
        await push(
          'checkout-availability',
          { buckets: minutes(1, 5) },
          as(PRIYA),
        );
        await pushBatch(
          { slos: [{ slo: 'checkout-availability', buckets: minutes(1, 60) }] },
          as(PRIYA),
        );
        expect(count).not.toHaveBeenCalled();
        await push('checkout-availability', backfill, as(PRIYA));
        expect(count).toHaveBeenCalledTimes(1);
      } finally {
        count.mockRestore();
      }
    });
  });

  describe('auditor events', () => {
    it('records accepted and refused pushes, single and batch', async () => {
      await push(
        'checkout-availability',
        { buckets: minutes(1, 3) },
        as(PRIYA),
      );
      await push('checkout-availability', one, as(OTTO));
      await push('checkout-secret', one, as(PRIYA));
      await push(
        'checkout-availability',
        { buckets: [{ start: 'yesterday', good: 1, total: 1 }] },
        as(PRIYA),
      );
      await pushBatch(
        {
          slos: [
            { slo: 'checkout-availability', ...one },
            { slo: 'fraud-availability', buckets: minutes(1, 2) },
          ],
        },
        mockCredentials.service.header(),
      );
      expect(await audited(0)).toEqual({
        eventId: 'slo-events-push',
        meta: { sloRefs: ['slo:default/checkout-availability'], buckets: 3 },
        succeeded: 1,
        failed: [],
      });
      expect((await audited(1)).failed).toEqual(['NotAllowedError']);
      expect((await audited(2)).failed).toEqual(['NotFoundError']);
      expect((await audited(3)).failed).toEqual(['InputError']);
      expect(await audited(4)).toEqual({
        eventId: 'slo-events-push',
        meta: { count: 2, buckets: 3 },
        succeeded: 1,
        failed: [],
      });
      expect(auditor.createEvent).toHaveBeenCalledTimes(5);
      // The actor comes from the request's credentials.
      expect(auditor.createEvent.mock.calls[0][0].request).toBeDefined();
    });
  });

  describe('the bounds of the queue of accepted pushes', () => {
    it('answers 503 with Retry-After naming the bound, single and batch, and stores nothing', async () => {
      const own = await startSreBackend(knex, {
        catalog: catalogHidingFrom(entities, {}),
        permissions,
        auditor,
        config: { sre: { ingest: { queue: { maxRows: 1 } } } },
      });
      try {
        const service = mockCredentials.service.header();
        const single = () =>
          request(own.server)
            .post('/api/sre/slos/default/checkout-availability/events')
            .set('Authorization', service)
            .send(one);
        const batch = () =>
          request(own.server)
            .post('/api/sre/slos/events')
            .set('Authorization', service)
            .send({ slos: [{ slo: 'fraud-availability', ...one }] });
        expect((await single()).status).toBe(202);
        for (const refused of [await single(), await batch()]) {
          expect(refused.status).toBe(503);
          expect(refused.headers['retry-after']).toBe('30');
          expect(refused.body.error).toMatchObject({
            name: 'ServiceUnavailableError',
            message: expect.stringMatching(
              /its bound sre\.ingest\.queue\.maxRows is 1; try again in 30 seconds/,
            ),
          });
        }
        expect(await pending()).toEqual([
          { pushed_by: 'external:test-service', buckets: 1 },
        ]);
        expect((await audited(1)).failed).toEqual(['ServiceUnavailableError']);
        expect((await audited(2)).failed).toEqual(['ServiceUnavailableError']);
      } finally {
        await own.stop();
      }
    });
  });
});
