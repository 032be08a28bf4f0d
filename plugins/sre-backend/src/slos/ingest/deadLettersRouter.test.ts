import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { sloDeadLetterManagePermission } from '@sre-catalog/backstage-plugin-sre-common';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { permissionsFactory } from '../../__testUtils__/permissionsFactory';
import { builtinSloEntity } from '../../__testUtils__/sloEntity';
import { DatabaseSliStore } from '../store/DatabaseSliStore';
import { startSreBackend } from '../__testUtils__/startSreBackend';
import { catalogHidingFrom } from '../__testUtils__/catalogHidingFrom';
import { auditedOutcome } from '../__testUtils__/auditedOutcome';
import { MIN } from '../../__testUtils__/durations';

const PRIYA = 'user:default/priya'; // sees everything but the secret SLO; no operator
const SAM = 'user:default/sam'; // operator who sees everything
const OTTO = 'user:default/otto'; // operator who cannot see the secret SLO
const MANAGERS = [SAM, OTTO];
const VISIBLE = 'slo:default/checkout-availability';
const SECRET = 'slo:default/checkout-secret';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api', namespace: 'default' },
    spec: { type: 'service', owner: 'checkout-team', lifecycle: 'production' },
  },
  builtinSloEntity('checkout-availability'),
  builtinSloEntity('checkout-secret'),
];

const minuteAgo = Math.floor(Date.now() / MIN) * MIN - MIN;

const databases = createTestDatabases();

/** Decisions on sre.slo.deadletter.manage: operators, and services per test. */
let serviceDecision: PolicyDecision = { result: AuthorizeResult.ALLOW };
const authorize = jest.fn<
  ReturnType<PermissionsService['authorize']>,
  Parameters<PermissionsService['authorize']>
>(async (requests, { credentials }) =>
  requests.map(({ permission }) => {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    if (permission.name !== sloDeadLetterManagePermission.name) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (principal.type !== 'user') return serviceDecision as any;
    return {
      result: MANAGERS.includes(principal.userEntityRef!)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    };
  }),
);
const permissions = permissionsFactory({ authorize });

describe.each(databases.eachSupportedId())('SLI dead letters API on %s', id => {
  let server: Awaited<ReturnType<typeof startSreBackend>>['server'];
  let knex: Knex;
  let applier: DatabaseSliStore;
  const auditor = mockServices.auditor.mock();

  beforeAll(async () => {
    knex = await databases.init(id);
    const started = await startSreBackend(knex, {
      catalog: catalogHidingFrom(entities, {
        [PRIYA]: [SECRET],
        [OTTO]: [SECRET],
      }),
      permissions,
      auditor,
      config: { sre: { ingest: { queue: { maxRows: 5 } } } },
    });
    server = started.server;
    // What the evaluator's run does, on the same database.
    applier = started.database.sliStore();
  });

  beforeEach(async () => {
    serviceDecision = { result: AuthorizeResult.ALLOW };
    authorize.mockClear();
    auditor.createEvent.mockClear();
    for (const table of [
      'sre_sli_dead_letter_slos',
      'sre_sli_dead_letters',
      'sre_sli_pending',
    ]) {
      await knex(table).delete();
    }
  });

  const as = (user: string) => mockCredentials.user.header(user);
  const list = (header: string, query = '') =>
    request(server)
      .get(`/api/sre/slos/dead-letters${query}`)
      .set('Authorization', header);
  const retry = (letter: string, header: string) =>
    request(server)
      .post(`/api/sre/slos/dead-letters/${letter}/retry`)
      .set('Authorization', header);
  const discard = (letter: string, header: string) =>
    request(server)
      .delete(`/api/sre/slos/dead-letters/${letter}`)
      .set('Authorization', header);

  /** A push that cannot apply (an entry without an SLO), made a dead letter by the applier. */
  async function deadLetter(sloRefs: string[], pushedBy = PRIYA) {
    await knex('sre_sli_pending').insert({
      entries: JSON.stringify([
        ...sloRefs.map(r => [r, null, null, [minuteAgo, 60, 1, 1]]),
        [null, null, null, [minuteAgo, 60, 1, 1]],
      ]),
      buckets: sloRefs.length + 1,
      received_at: Date.now(),
      pushed_by: pushedBy,
    });
    expect((await applier.applyPending()).deadLettered).toBe(1);
    const row = await knex('sre_sli_dead_letters').max({ id: 'id' }).first();
    return String(row!.id);
  }

  /** The outcome the auditor heard of the nth event. */
  const audited = (n = 0) => auditedOutcome(auditor, n);

  it('lists the letters the caller may see, counting the hidden SLOs', async () => {
    const visible = await deadLetter([VISIBLE], 'external:exporter');
    await deadLetter([SECRET]);
    const mixed = await deadLetter([VISIBLE, SECRET]);
    // A database error may quote the SLOs.
    await knex('sre_sli_dead_letters')
      .where('id', Number(mixed))
      .update({
        error: `23505: duplicate key (${SECRET}, 1) in checkout-secret`,
      });

    const priya = await list(as(PRIYA));
    expect(priya.status).toBe(200);
    expect(priya.body.totalCount).toBe(2);
    expect(priya.body.items).toEqual([
      {
        id: mixed,
        receivedAt: expect.any(String),
        failedAt: expect.any(String),
        pushedBy: PRIYA,
        error: '23505: duplicate key (<hidden SLO>, 1) in <hidden SLO>',
        sloRefs: [VISIBLE],
        hiddenSloCount: 1,
        buckets: 3,
      },
      expect.objectContaining({
        id: visible,
        pushedBy: 'external:exporter',
        error: expect.stringMatching(/NOT NULL|not-null/),
        sloRefs: [VISIBLE],
        hiddenSloCount: 0,
      }),
    ]);
    expect(priya.text).not.toContain('checkout-secret');

    const sam = await list(as(SAM));
    expect(sam.body.totalCount).toBe(3);
    expect(sam.body.items[0]).toMatchObject({
      sloRefs: [VISIBLE, SECRET],
      hiddenSloCount: 0,
    });
    expect(sam.text).toContain('checkout-secret');

    const paged = await list(as(SAM), '?limit=1&offset=1');
    expect(paged.body.totalCount).toBe(3);
    expect(
      paged.body.items.map((l: { sloRefs: string[] }) => l.sloRefs),
    ).toEqual([[SECRET]]);
    expect((await list(as(SAM), '?limit=0')).status).toBe(400);
    expect((await list(as(SAM), '?page=2')).status).toBe(400);
    expect((await list(mockCredentials.none.header())).status).toBe(401);
  });

  it('re-queues a letter for an operator (202) and records it', async () => {
    const letter = await deadLetter([VISIBLE]);
    const res = await retry(letter, as(SAM));
    expect(res.status).toBe(202);
    expect(await knex('sre_sli_dead_letters').select('id')).toEqual([]);
    expect(await knex('sre_sli_pending').select('pushed_by')).toEqual([
      { pushed_by: PRIYA },
    ]);
    expect(await audited(0)).toEqual({
      eventId: 'slo-dead-letter-retry',
      meta: { deadLetterId: letter },
      succeeded: 1,
      failed: [],
    });
    // Gone from the letters: 404, audited as a failure.
    expect((await retry(letter, as(SAM))).status).toBe(404);
    expect((await audited(1)).failed).toEqual(['NotFoundError']);
  });

  it('discards a letter for an operator (204) and records it', async () => {
    const letter = await deadLetter([VISIBLE]);
    expect((await discard(letter, as(SAM))).status).toBe(204);
    expect(await knex('sre_sli_dead_letters').select('id')).toEqual([]);
    expect(await knex('sre_sli_dead_letter_slos').select()).toEqual([]);
    expect(await audited(0)).toEqual({
      eventId: 'slo-dead-letter-discard',
      meta: { deadLetterId: letter },
      succeeded: 1,
      failed: [],
    });
    expect((await discard(letter, as(SAM))).status).toBe(404);
  });

  it('refuses users and services without sre.slo.deadletter.manage (403), and records it', async () => {
    const letter = await deadLetter([VISIBLE]);
    const refused = await retry(letter, as(PRIYA));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('sre.slo.deadletter.manage');
    expect((await discard(letter, as(PRIYA))).status).toBe(403);
    // Whether it exists or not: the permission comes first.
    expect((await discard('987654', as(PRIYA))).status).toBe(403);
    serviceDecision = { result: AuthorizeResult.DENY };
    const service = mockCredentials.service.header();
    expect((await discard(letter, service)).status).toBe(403);
    expect(await audited(0)).toMatchObject({ failed: ['NotAllowedError'] });
    expect(authorize).toHaveBeenCalledTimes(4);
    expect(await knex('sre_sli_dead_letters').select('id')).toHaveLength(1);
    serviceDecision = { result: AuthorizeResult.ALLOW };
    expect((await discard(letter, service)).status).toBe(204);
  });

  it('answers a letter the operator cannot see like one that does not exist (404)', async () => {
    const secret = await deadLetter([SECRET]);
    const hidden = await retry(secret, as(OTTO));
    const missing = await retry('987654', as(OTTO));
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body.error.message).toBe(
      missing.body.error.message.replace('987654', secret),
    );
    expect((await discard(secret, as(OTTO))).status).toBe(404);
    expect((await list(as(OTTO))).body).toEqual({
      items: [],
      totalCount: 0,
    });
    // A letter with one SLO Otto sees is his to act on.
    const mixed = await deadLetter([VISIBLE, SECRET]);
    expect((await discard(mixed, as(OTTO))).status).toBe(204);
    expect((await discard(secret, as(SAM))).status).toBe(204);
  });

  it.each(['abc', '0', '-1', '1.5', '1234567890123456'])(
    'refuses the malformed id %s with 400',
    async letter => {
      const res = await retry(letter, as(SAM));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('Invalid path parameter id: ');
      expect((await discard(letter, as(SAM))).status).toBe(400);
    },
  );

  it('answers a retry the full queue cannot take with 503 and Retry-After', async () => {
    const letter = await deadLetter([VISIBLE]);
    await knex('sre_sli_pending').insert(
      Array.from({ length: 5 }, () => ({
        entries: '[]',
        buckets: 0,
        received_at: Date.now(),
        bytes: 2,
      })),
    );
    // A backend of its own: the shared one may reuse its last look at the
    // queue for up to a second.
    const own = await startSreBackend(knex, {
      catalog: catalogHidingFrom(entities, {}),
      permissions,
      config: { sre: { ingest: { queue: { maxRows: 5 } } } },
    });
    try {
      const res = await request(own.server)
        .post(`/api/sre/slos/dead-letters/${letter}/retry`)
        .set('Authorization', as(SAM));
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringContaining('sre.ingest.queue.maxRows'),
      });
      expect(await knex('sre_sli_dead_letters').select('id')).toHaveLength(1);
    } finally {
      await own.stop();
    }
  });
});
