import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { DatabaseSliStore, DatabaseSliStoreOptions } from './DatabaseSliStore';
import { SliQueueFullError, SliTickEntry } from './SliStore';
import { applySliTick } from '../ingest/applySliTick';
import { SreDatabase } from '../../database/SreDatabase';
import { MIN } from '../../__testUtils__/durations';

const T0 = Date.UTC(2026, 10, 22, 10, 0);
const REF = 'slo:default/checkout-availability';
const BROKEN = 'slo:default/broken';
const GARBLED = 'slo:default/garbled';
const FLAKY = 'slo:default/flaky';

const databases = createTestDatabases();

/** An error as the PostgreSQL driver raises it, with its SQLSTATE. */
const dbError = (code: string, message: string) =>
  Object.assign(new Error(`insert into sre_sli_hours ... - ${message}`), {
    code,
  });

describe.each(databases.eachSupportedId())(
  'DatabaseSliStore dead letters and queue bounds on %s',
  id => {
    /** Failures to fake, per SLO: each call of applySliTick takes the next. */
    let faults: Map<string, Array<Error | undefined>>;
    const applyTick: typeof applySliTick = async (tx, sql, entries, at) => {
      for (const { sloRef } of entries) {
        const next = faults.get(sloRef)?.shift();
        if (next) throw next;
      }
      return applySliTick(tx, sql, entries, at);
    };

    beforeEach(() => {
      faults = new Map();
    });

    async function createStore(options: Partial<DatabaseSliStoreOptions> = {}) {
      const knex = await databases.init(id);
      const logger = mockServices.logger.mock();
      const store = (
        await SreDatabase.create({
          database: mockServices.database({ knex }),
          logger,
        })
      ).sliStore({ applyTick, ...options });
      return { knex, store, logger };
    }
    const minute = (sloRef: string, m: number, good = 1): SliTickEntry => ({
      sloRef,
      buckets: [{ startMs: T0 + m * MIN, seconds: 60, good, total: 2 }],
    });
    const stored = async (store: DatabaseSliStore, sloRef = REF) =>
      (
        await store.readSeries([sloRef], { minutesFromMs: 0, hoursFromMs: 0 })
      ).get(sloRef)!.minutes;
    const letters = (store: DatabaseSliStore) =>
      store.deadLetters.listDeadLetters({
        hiddenSloRefs: [],
        limit: 100,
        offset: 0,
      });

    it('keeps a push that cannot apply, and an unreadable one, as dead letters; the pushes around them apply in order', async () => {
      const { knex, store, logger } = await createStore();
      await store.writeTick([minute(REF, 0, 1)], {
        pushedBy: 'user:default/a',
      });
      // A push naming an SLO without a ref: the store's NOT NULL refuses it.
      const failing = JSON.stringify([
        [BROKEN, null, null, [T0, 60, 1, 1]],
        [null, null, null, [T0, 60, 1, 1]],
      ]);
      await knex('sre_sli_pending').insert({
        entries: failing,
        buckets: 2,
        received_at: T0,
        pushed_by: 'external:exporter',
      });
      const unreadable = `[["${GARBLED}", null, null, [1, 2`;
      await knex('sre_sli_pending').insert({
        entries: unreadable,
        buckets: 1,
        received_at: T0 + 1,
        pushed_by: 'user:default/pat',
      });
      // The same minute again: the later push must win.
      await store.writeTick([
        minute(REF, 0, 2),
        minute(REF.replace('checkout', 'other'), 1),
      ]);

      expect(await store.applyPending()).toEqual({
        pushes: 2,
        buckets: 3,
        replaced: 0,
        deadLettered: 2,
      });
      expect(await knex('sre_sli_pending').select('id')).toEqual([]);
      expect(await stored(store)).toEqual([{ startMs: T0, good: 2, total: 2 }]);

      const { items, totalCount } = await letters(store);
      expect(totalCount).toBe(2);
      const [garbled, broken] = items;
      expect(broken).toEqual({
        id: expect.any(String),
        receivedAtMs: T0,
        failedAtMs: expect.any(Number),
        pushedBy: 'external:exporter',
        error: expect.stringMatching(
          /^(23502: null value in column "slo_ref"|SQLITE_CONSTRAINT_NOTNULL: NOT NULL constraint failed)/,
        ),
        buckets: 2,
        sloRefs: [BROKEN],
      });
      // Neither the statement nor the payload is in the error.
      expect(broken.error).not.toContain('insert into');
      expect(garbled).toMatchObject({
        pushedBy: 'user:default/pat',
        error: 'The pending push cannot be read: the payload is not valid JSON',
        buckets: 1,
        sloRefs: [GARBLED],
      });
      // The payload is kept as it was queued.
      expect(
        await knex('sre_sli_dead_letters').orderBy('id').pluck('entries'),
      ).toEqual([failing, unreadable]);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringMatching(
          /^SLI push #\d+ by external:exporter could not be applied and is kept as dead letter \d+: /,
        ),
      );

      const refused = await store.refusedPushes([REF, BROKEN, GARBLED]);
      expect(Object.fromEntries(refused)).toEqual({
        [BROKEN]: {
          count: 1,
          lastError: broken.error,
          lastAtMs: broken.failedAtMs,
        },
        [GARBLED]: {
          count: 1,
          lastError: garbled.error,
          lastAtMs: garbled.failedAtMs,
        },
      });
      expect(await store.queueStats()).toEqual({
        rows: 0,
        bytes: 0,
        oldestReceivedAtMs: null,
        deadLetters: 2,
        oldestDeadLetterMs: Math.min(broken.failedAtMs, garbled.failedAtMs),
      });
    });

    it('re-queues a dead letter at the end of the queue, and discards one', async () => {
      const { knex, store } = await createStore();
      const refusal = dbError('23514', 'new row violates check constraint');
      faults.set(FLAKY, [refusal, refusal, refusal]);
      await store.writeTick([minute(FLAKY, 0)], { pushedBy: 'user:default/a' });
      await store.writeTick([minute(BROKEN, 0)]);
      faults.set(BROKEN, [refusal, refusal, refusal]);
      expect((await store.applyPending()).deadLettered).toBe(2);
      const { items } = await letters(store);
      const flaky = items.find(l => l.sloRefs[0] === FLAKY)!;
      const broken = items.find(l => l.sloRefs[0] === BROKEN)!;
      expect(flaky.error).toBe('23514: new row violates check constraint');

      // Fixed meanwhile; another push arrives before the retry.
      await store.writeTick([minute(FLAKY, 0, 2)]);
      const retriedAt = Date.now();
      expect(await store.deadLetters.retryDeadLetter(flaky.id)).toBe(true);
      expect(await store.deadLetters.retryDeadLetter(flaky.id)).toBe(false);
      const pending = await knex('sre_sli_pending')
        .orderBy('id')
        .select('pushed_by', 'received_at');
      expect(pending.map(p => p.pushed_by)).toEqual([null, 'user:default/a']);
      // Received again: the age bound counts from the retry.
      expect(Number(pending[1].received_at)).toBeGreaterThanOrEqual(retriedAt);
      expect(await store.applyPending()).toMatchObject({
        pushes: 2,
        deadLettered: 0,
      });
      // The retried push, applied last, holds the minute.
      expect(await stored(store, FLAKY)).toEqual([
        { startMs: T0, good: 1, total: 2 },
      ]);

      expect(await store.deadLetters.discardDeadLetter(broken.id)).toBe(true);
      expect(await store.deadLetters.discardDeadLetter(broken.id)).toBe(false);
      expect(await store.deadLetters.sloRefsOfDeadLetter(broken.id)).toBe(
        undefined,
      );
      expect(await letters(store)).toEqual({ items: [], totalCount: 0 });
      expect(await knex('sre_sli_dead_letter_slos').select()).toEqual([]);
      expect(await store.refusedPushes([FLAKY, BROKEN])).toEqual(new Map());
    });

    it('never makes a dead letter of a transient error', async () => {
      const { knex, store } = await createStore();
      await store.writeTick([minute(REF, 0)]);
      await store.writeTick([minute(FLAKY, 0)]);
      await store.writeTick([minute(REF, 1)]);
      // Serialization failure, deadlock, lock timeout: the push applies on a retry.
      faults.set(FLAKY, [
        dbError('40001', 'could not serialize access'),
        dbError('40P01', 'deadlock detected'),
      ]);
      expect(await store.applyPending()).toMatchObject({
        pushes: 3,
        deadLettered: 0,
      });
      expect(await stored(store, FLAKY)).toHaveLength(1);

      // One that keeps coming stops the run: everything stays pending.
      await store.writeTick([minute(FLAKY, 1)]);
      await store.writeTick([minute(REF, 2)]);
      faults.set(
        FLAKY,
        Array.from({ length: 10 }, () =>
          Object.assign(new Error('database is locked'), {
            code: 'SQLITE_BUSY',
          }),
        ),
      );
      await expect(store.applyPending()).rejects.toThrow('database is locked');
      expect(await knex('sre_sli_pending').select('id')).toHaveLength(2);
      expect((await store.queueStats()).deadLetters).toBe(0);
      faults.clear();
      expect(await store.applyPending()).toMatchObject({ pushes: 2 });
    });

    it('stops at an error of the connection and leaves the pushes pending', async () => {
      const { knex, store } = await createStore();
      await store.writeTick([minute(FLAKY, 0)]);
      await store.writeTick([minute(REF, 0)]);
      faults.set(FLAKY, [
        Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      ]);
      await expect(store.applyPending()).rejects.toThrow('ECONNRESET');
      expect(await knex('sre_sli_pending').select('id')).toHaveLength(2);
      faults.set(FLAKY, [
        Object.assign(new Error('terminating connection'), { code: '57P01' }),
      ]);
      await expect(store.applyPending()).rejects.toThrow();
      expect(await knex('sre_sli_pending').select('id')).toHaveLength(2);
      expect((await store.queueStats()).deadLetters).toBe(0);
      expect(await store.applyPending()).toMatchObject({
        pushes: 2,
        deadLettered: 0,
      });
    });

    it('lists only letters with an SLO the caller may see, with paging', async () => {
      const { store } = await createStore();
      const refusal = dbError('22003', 'value out of range');
      // Its batch, then twice alone.
      faults.set(FLAKY, [refusal, refusal, refusal]);
      faults.set(BROKEN, [refusal, refusal, refusal]);
      await store.writeTick([minute(FLAKY, 0), minute(REF, 0)]);
      await store.applyPending();
      await store.writeTick([minute(BROKEN, 0)]);
      await store.applyPending();
      expect((await store.queueStats()).deadLetters).toBe(2);
      expect(await store.deadLetters.deadLetterSloRefs()).toEqual([
        BROKEN,
        REF,
        FLAKY,
      ]);
      const page = (hiddenSloRefs: string[], offset = 0, limit = 10) =>
        store.deadLetters.listDeadLetters({ hiddenSloRefs, limit, offset });
      // Newest failure first.
      expect((await page([])).items.map(l => l.sloRefs)).toEqual([
        [BROKEN],
        [REF, FLAKY],
      ]);
      expect((await page([], 1, 1)).items.map(l => l.sloRefs)).toEqual([
        [REF, FLAKY],
      ]);
      // One visible SLO keeps a letter; none hides it.
      const partly = await page([FLAKY, BROKEN]);
      expect(partly.totalCount).toBe(1);
      expect(partly.items.map(l => l.sloRefs)).toEqual([[REF, FLAKY]]);
      expect(await page([FLAKY, BROKEN, REF])).toEqual({
        items: [],
        totalCount: 0,
      });
      expect(
        Object.fromEntries(await store.refusedPushes([REF, FLAKY, BROKEN])),
      ).toEqual({
        [REF]: expect.objectContaining({ count: 1 }),
        [FLAKY]: expect.objectContaining({ count: 1 }),
        [BROKEN]: expect.objectContaining({ count: 1 }),
      });
    });

    it("names no other SLO of the push in an SLO's refused pushes", async () => {
      const { knex, store } = await createStore();
      const refusal = dbError('23505', 'duplicate key');
      faults.set(FLAKY, [refusal, refusal, refusal]);
      await store.writeTick([minute(FLAKY, 0), minute(REF, 0)]);
      await store.applyPending();
      await knex('sre_sli_dead_letters').update({
        error: `23505: duplicate key (${FLAKY}, 1) next to default/checkout-availability`,
      });
      const refused = await store.refusedPushes([REF, FLAKY]);
      expect(refused.get(REF)!.lastError).toBe(
        '23505: duplicate key (<another SLO>, 1) next to default/checkout-availability',
      );
      expect(refused.get(FLAKY)!.lastError).toBe(
        `23505: duplicate key (${FLAKY}, 1) next to <another SLO>`,
      );
    });

    describe('queue bounds', () => {
      it('refuses a push over maxRows until the queue is applied', async () => {
        const { knex, store } = await createStore({
          queueLimits: { maxRows: 2, maxBytes: 1e9, maxAgeSeconds: 600 },
        });
        await store.writeTick([minute(REF, 0)]);
        await store.writeTick([minute(REF, 1)]);
        const refused = store.writeTick([minute(REF, 2)]);
        await expect(refused).rejects.toThrow(SliQueueFullError);
        await expect(refused).rejects.toThrow(
          /holds 2 pushes, its bound sre\.ingest\.queue\.maxRows is 2/,
        );
        await expect(refused).rejects.toMatchObject({
          name: 'ServiceUnavailableError',
          retryAfterSeconds: 30,
        });
        expect(await knex('sre_sli_pending').select('id')).toHaveLength(2);
        await store.applyPending();
        await store.writeTick([minute(REF, 2)]);
        expect(await knex('sre_sli_pending').select('id')).toHaveLength(1);
      });

      it('counts the pushes of other replicas at its next look', async () => {
        const { knex, store } = await createStore({
          queueLimits: { maxRows: 2, maxBytes: 1e9, maxAgeSeconds: 600 },
        });
        const other = (
          await SreDatabase.create({
            database: mockServices.database({ knex }),
          })
        ).sliStore({
          queueLimits: { maxRows: 2, maxBytes: 1e9, maxAgeSeconds: 600 },
        });
        await other.writeTick([minute(REF, 0)]);
        await other.writeTick([minute(REF, 1)]);
        await expect(store.writeTick([minute(REF, 2)])).rejects.toThrow(
          'sre.ingest.queue.maxRows',
        );
      });

      it('refuses a push that would pass maxBytes, and a retry too', async () => {
        const { knex, store } = await createStore({
          queueLimits: { maxRows: 100, maxBytes: 200, maxAgeSeconds: 600 },
        });
        await store.writeTick([minute(REF, 0)]);
        const bytes = Number(
          (await knex('sre_sli_pending').first('bytes'))!.bytes,
        );
        expect(bytes).toBeGreaterThan(20);
        const big = [minute(REF, 1), minute(FLAKY, 1), minute(BROKEN, 1)];
        await expect(store.writeTick(big)).rejects.toThrow(
          /over its bound sre\.ingest\.queue\.maxBytes of 200/,
        );
        expect(await knex('sre_sli_pending').select('id')).toHaveLength(1);
        expect((await store.queueStats()).bytes).toBe(bytes);

        const refusal = dbError('23514', 'check');
        faults.set(REF, [refusal, refusal, refusal]);
        await store.applyPending();
        const [letter] = (await letters(store)).items;
        await store.writeTick(big);
        await expect(
          store.deadLetters.retryDeadLetter(letter.id),
        ).rejects.toThrow('sre.ingest.queue.maxBytes');
        expect((await letters(store)).totalCount).toBe(1);
      });

      it('refuses pushes while the oldest pending one is older than maxAgeSeconds', async () => {
        const { knex, store } = await createStore({
          queueLimits: { maxRows: 100, maxBytes: 1e9, maxAgeSeconds: 600 },
        });
        await knex('sre_sli_pending').insert({
          entries: JSON.stringify([[REF, null, null, [T0, 60, 1, 1]]]),
          buckets: 1,
          received_at: Date.now() - 700_000,
          bytes: 10,
        });
        await expect(store.writeTick([minute(REF, 1)])).rejects.toThrow(
          /waited 7\d\d s to be applied, over the bound sre\.ingest\.queue\.maxAgeSeconds of 600: the SLO evaluation is behind/,
        );
        await store.applyPending();
        await store.writeTick([minute(REF, 1)]);
      });
    });

    it('adds and drops the dead-letter tables and the bytes column', async () => {
      const { knex } = await createStore();
      const directory = `${__dirname}/../../../migrations`;
      const name = '20261202120000_sli_dead_letters.js';
      await knex.migrate.down({ directory, name });
      expect(await knex.schema.hasTable('sre_sli_dead_letters')).toBe(false);
      expect(await knex.schema.hasTable('sre_sli_dead_letter_slos')).toBe(
        false,
      );
      expect(await knex.schema.hasColumn('sre_sli_pending', 'bytes')).toBe(
        false,
      );
      await knex('sre_sli_pending').insert({
        entries: '[]',
        buckets: 0,
        received_at: 0,
      });
      await knex.migrate.up({ directory, name });
      // Pushes already waiting get their size.
      expect(
        (await knex('sre_sli_pending').pluck('bytes')).map(Number),
      ).toEqual([2]);
      expect(await knex.schema.hasTable('sre_sli_dead_letters')).toBe(true);
    });
  },
);
