/* eslint-disable no-console */
/**
 * Benchmark (c), the entity page read path: p50/p99 of the single-SLO status call
 * and of the catalog's own by-name call, on the same running demo backend, under
 * the same fixed request rate for a bounded time (autocannon, latency measured
 * against the schedule: see fixedRateLoad.ts).
 *
 *   yarn bench:read     (from the repository root; `yarn bench` runs it last)
 *
 * It starts the demo backend (packages/backend, in-memory SQLite) on loopback in its
 * own process group, seeds it with examples/seed/seed-demo-data.mjs, waits until the
 * evaluator has stored the SLO's status, measures, and stops the whole group.
 * Env: SRE_BENCH_READ_PORT (default 7371), SRE_BENCH_READ_RATE (200 req/s),
 * SRE_BENCH_READ_CLIENTS (16 connections at most), SRE_BENCH_READ_SECONDS (10 per
 * endpoint). `yarn bench:load` measures these calls, and more, at 10,000 services.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  ROOT,
  guestToken,
  runAgainstBackend,
  startDemoBackend,
  stopGroup,
  waitFor,
  waitForReadiness,
} from './backendHarness';
import { fixedRateLoad, formatRateRow } from './fixedRateLoad';

const PORT = Number(process.env.SRE_BENCH_READ_PORT ?? 7371);
const RATE = Number(process.env.SRE_BENCH_READ_RATE ?? 200);
const CLIENTS = Number(process.env.SRE_BENCH_READ_CLIENTS ?? 16);
const SECONDS = Number(process.env.SRE_BENCH_READ_SECONDS ?? 10);
const BASE = `http://127.0.0.1:${PORT}`;
const STATUS_PATH = '/api/sre/slos/default/checkout-api-availability/status';
const CATALOG_PATH =
  '/api/catalog/entities/by-name/component/default/checkout-api';

const load = (pathname: string, token: string, seconds = SECONDS) =>
  fixedRateLoad({
    origin: BASE,
    requests: [{ path: pathname }],
    headers: { Authorization: `Bearer ${token}` },
    rate: RATE,
    seconds,
    connections: CLIENTS,
  });

async function main() {
  console.log(
    `Read path benchmark: ${RATE} req/s over at most ${CLIENTS} connections, ${SECONDS} s per endpoint, demo backend on ${BASE}`,
  );
  const launched = startDemoBackend(PORT);
  const { backend } = launched;
  await runAgainstBackend(launched, { stop: stopGroup }, async () => {
    const t0 = Date.now();
    await waitForReadiness(BASE, backend, 240_000, 1000);
    console.log(
      `  (backend ready in ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
    await promisify(execFile)(
      process.execPath,
      ['examples/seed/seed-demo-data.mjs', '--url', BASE],
      { cwd: ROOT, timeout: 300_000 },
    );
    const token = () => guestToken(BASE);
    let current = await token();
    // The evaluator runs on a schedule; the status exists after its first run.
    await waitFor(
      'the first evaluated status',
      async () => {
        const res = await fetch(`${BASE}${STATUS_PATH}`, {
          headers: { Authorization: `Bearer ${current}` },
        });
        return res.ok ? true : undefined;
      },
      240_000,
      backend,
    );
    console.log(
      `  (seeded and evaluated ${((Date.now() - t0) / 1000).toFixed(
        0,
      )} s after start)`,
    );
    current = await token();
    // Warm both paths, then measure one after the other on the same backend.
    await load(STATUS_PATH, current, 2);
    await load(CATALOG_PATH, current, 2);
    const status = await load(STATUS_PATH, current);
    const catalog = await load(CATALOG_PATH, current);
    const row = formatRateRow;
    console.log(row(`GET ${STATUS_PATH.replace('/api/sre', '')}`, status));
    console.log(row(`GET catalog by-name component checkout-api`, catalog));
    console.log(
      `ratio: status p99 / catalog p99 = ${(status.p99 / catalog.p99).toFixed(
        2,
      )} (target: at most 1)`,
    );
    for (const r of [status, catalog]) {
      if (r.non2xx + r.socketErrors) {
        console.log(`  errors: ${r.codes}; first: ${r.firstError}`);
        process.exitCode = 1;
      }
    }
  });
}

main();
