/* eslint-disable no-console */
/**
 * (b) of the SLO benchmark, per database: one ingest tick of N SLOs' per-minute
 * counts through DatabaseSliStore (the store the push API writes to), accepted
 * (`writeTick`, the push's write) and applied (`applyPending`, before the next
 * evaluation), and the same tick through the push API's own code.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { HOUR, MIN } from '../src/__testUtils__/durations';
import { ratioSloEntity } from '../src/__testUtils__/ratioSloEntity';
import { DefaultSloService } from '../src/slos/DefaultSloService';
import { SloStatusStore } from '../src/slos/status/SloStatusStore';
import { SliTickEntry } from '../src/slos/store/SliStore';
import {
  Db,
  postgresDb,
  postgresUrl,
  sqliteDb,
  sqliteMemoryDb,
  storeOn,
} from './benchDatabases';
import { median, time } from './benchTiming';

/**
 * (b) One tick: every SLO's count of the minute, 30 minutes into the hour. The
 * push's write is the append of one pending row; applying it to the minutes and
 * hourly rollups happens before the next evaluation, off the request path, and is
 * timed separately.
 */
export async function benchTick(db: Db, n: number, nowMs: number) {
  const store = await storeOn(db.knex);
  const hour = Math.floor(nowMs / HOUR) * HOUR - HOUR;
  const tick = (minute: number): SliTickEntry[] =>
    Array.from({ length: n }, (_, i) => ({
      sloRef: `slo:default/bench-${i}`,
      buckets: [
        {
          startMs: hour + minute * MIN,
          seconds: 60,
          good: 1000 - ((i + minute) % 7),
          total: 1000,
        },
      ],
    }));
  // Earlier minutes of the hour, so the rollup sums real rows.
  for (let m = 0; m < 30; m++) {
    await store.writeTick(tick(m));
    await store.applyPending();
  }
  const appendMs: number[] = [];
  const applyMs: number[] = [];
  for (let m = 30; m < 40; m++) {
    const entries = tick(m);
    appendMs.push((await time(() => store.writeTick(entries)))[0]);
    applyMs.push((await time(() => store.applyPending()))[0]);
  }
  // A re-sent tick replaces the same minutes (an exporter retrying).
  const resend = tick(39);
  const [resendAppendMs] = await time(() => store.writeTick(resend));
  const [resendApplyMs] = await time(() => store.applyPending());
  const result = {
    appendMs: median(appendMs),
    appendMaxMs: Math.max(...appendMs),
    applyMs: median(applyMs),
    applyMaxMs: Math.max(...applyMs),
    resendAppendMs,
    resendApplyMs,
  };
  const f = (ms: number) => ms.toFixed(1);
  console.log(
    `  (b) ingest tick, ${n} SLOs x 1 minute bucket, ${
      db.name
    }: accept (the push's write) median ${f(result.appendMs)} ms, max ${f(
      result.appendMaxMs,
    )} ms (target: well under 100 ms); apply (before the next evaluation) median ${f(
      result.applyMs,
    )} ms, max ${f(result.applyMaxMs)} ms; re-sent tick ${f(
      resendAppendMs,
    )} + ${f(resendApplyMs)} ms`,
  );
  return result;
}

/** A built-in Occurrences SLO entity, as the catalog would hold it. */
function benchSloEntity(name: string): Entity {
  return ratioSloEntity(name, { service: 'bench-service', duration: '30d' });
}

/**
 * (b) through the push API's own code: the request body as JSON text, parsed and
 * validated by DefaultSloService.pushEventsBatch (every bucket of every SLO, each SLO's
 * definition from the catalog, reused for a minute) and accepted into the store.
 * The catalog is an in-memory stand-in, so the figure leaves out HTTP and a real
 * catalog's first look-up (timed separately: the first push).
 */
export async function benchPushPath(db: Db, n: number, nowMs: number) {
  const store = await storeOn(db.knex);
  const names = Array.from({ length: n }, (_, i) => `bench-${i}`);
  const service = DefaultSloService.create({
    catalog: catalogServiceMock({ entities: names.map(benchSloEntity) }),
    auth: mockServices.auth(),
    permissions: mockServices.permissions(),
    sliStore: store,
    statusStore: {} as SloStatusStore,
  });
  const hour = Math.floor(nowMs / HOUR) * HOUR - HOUR;
  const body = (minute: number) =>
    JSON.stringify({
      slos: names.map((name, i) => ({
        slo: `slo:default/${name}`,
        bucketSeconds: 60,
        buckets: [
          {
            start: new Date(hour + minute * MIN).toISOString(),
            good: 1000 - ((i + minute) % 7),
            total: 1000,
          },
        ],
      })),
    });
  const credentials = mockCredentials.service();
  const push = (text: string) =>
    service.pushEventsBatch(JSON.parse(text), { credentials });
  const [firstMs] = await time(() => push(body(0)));
  const times: number[] = [];
  for (let m = 1; m <= 10; m++) {
    const text = body(m);
    times.push((await time(() => push(text)))[0]);
  }
  const result = {
    medianMs: median(times),
    maxMs: Math.max(...times),
    firstMs,
  };
  console.log(
    `  (b) push API, ${n} SLOs x 1 minute bucket, ${
      db.name
    }: JSON parse + validation + accept median ${result.medianMs.toFixed(
      1,
    )} ms, max ${result.maxMs.toFixed(
      1,
    )} ms (first push, loading ${n} definitions: ${firstMs.toFixed(0)} ms)`,
  );
  return result;
}

/** The figures of (b) on one database: the store's tick and the push API's. */
export type TickFigures = Awaited<ReturnType<typeof benchTick>> & {
  name: string;
  api: Awaited<ReturnType<typeof benchPushPath>>;
};

/** (b) on in-memory SQLite, SQLite in a file and PostgreSQL when one answers. */
export async function benchTickPerDatabase(tickSlos: number, nowMs: number) {
  const ticks: TickFigures[] = [];
  const pg = postgresUrl();
  const tickDbs: Array<() => Promise<Db | undefined>> =
    tickSlos > 0
      ? [sqliteMemoryDb, sqliteDb, ...(pg ? [() => postgresDb(pg)] : [])]
      : [];
  for (const open of tickDbs) {
    const db = await open();
    if (!db) continue;
    try {
      const tick = await benchTick(db, tickSlos, nowMs);
      const api = await benchPushPath(db, tickSlos, nowMs);
      ticks.push({ name: db.name, ...tick, api });
    } finally {
      await db.cleanup();
    }
  }
  return ticks;
}
