/* eslint-disable no-console */
/**
 * The bounded load test: the demo backend (in-memory SQLite, the demo permission
 * policy) with a generated organisation of SRE_BENCH_LOAD_SERVICES services (default
 * 10,000) in Systems owned by teams, one built-in SLO each with SLI data pushed
 * through the batch push API, and postmortems written through the API. Each endpoint
 * then gets a fixed request rate for a bounded time (autocannon; latency measured
 * against the schedule, see fixedRateLoad.ts), one after the other, as the guest
 * (who cannot see every tenth service). It prints, per endpoint: the rate, p50 and
 * p99 against the schedule, p99 from sending, errors (non-2xx and socket), the
 * backend's own event-loop delay over the run (measured inside it, see
 * eventLoopDelayPreload.cjs), its resident memory, and the p99 over the catalog's
 * own by-name call at the same rate; then the targets as PASS or MISS.
 *
 *   yarn bench:load     (from the repository root)
 *
 * Env (defaults in brackets): SRE_BENCH_LOAD_PORT (7374), SRE_BENCH_LOAD_SERVICES
 * (10000), SRE_BENCH_LOAD_POSTMORTEMS (half the services), SRE_BENCH_LOAD_SECONDS
 * (10 per endpoint), SRE_BENCH_LOAD_RATE (50 req/s: status, lists, history,
 * postmortems, catalog), SRE_BENCH_LOAD_ROLLUP_RATE (10 req/s: coverage, team),
 * SRE_BENCH_LOAD_PUSH_RATE (1 req/s) and SRE_BENCH_LOAD_PUSH_SLOS (1000 SLOs per
 * push), SRE_BENCH_LOAD_CONNECTIONS (10 at most), SRE_BENCH_LOAD_HEAP_MB (4096, the
 * backend's heap limit).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  killGroup,
  runAgainstBackend,
  startBackendProcess,
  waitForReadiness,
} from './backendHarness';
import { eventLoopDelayEnv, memoryOf } from './backendProbe';
import { printReadingNote, printTable, printTargets } from './loadTestReport';
import { measureEndpoints } from './loadTestRuns';
import { seedOrganisation } from './loadTestSeeding';
import {
  BASE,
  CONNECTIONS,
  HEAP_MB,
  PORT,
  POSTMORTEMS,
  RATE,
  ROLLUP_RATE,
  PUSH_RATE,
  SECONDS,
  SERVICES,
  org,
} from './loadTestSettings';

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sre-bench-load-'));
  const orgFile = path.join(dir, 'organisation.yaml');
  fs.writeFileSync(orgFile, org.yaml());
  const configFile = path.join(dir, 'bench-config.yaml');
  fs.writeFileSync(configFile, org.config(orgFile));
  const eldFile = path.join(dir, 'event-loop-delay.json');
  console.log(
    `Load test: ${SERVICES} services, ${org.systems} Systems, ${org.teams} teams, ${SERVICES} SLOs, ${POSTMORTEMS} postmortems; ` +
      `${SECONDS} s per endpoint at ${RATE} req/s (roll-ups ${ROLLUP_RATE}, push ${PUSH_RATE}), at most ${CONNECTIONS} connections; ${BASE}`,
  );
  const eld = eventLoopDelayEnv(eldFile);
  const launched = startBackendProcess(PORT, [configFile], {
    ...eld,
    NODE_OPTIONS: `${eld.NODE_OPTIONS} --max-old-space-size=${HEAP_MB}`,
  });
  const { backend } = launched;
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  await runAgainstBackend(launched, { stop: killGroup, cleanup }, async () => {
    const t0 = Date.now();
    const since = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
    await waitForReadiness(BASE, backend);
    console.log(`  (backend ready after ${since()})`);
    await seedOrganisation(backend, since);
    const rows = await measureEndpoints(backend, eldFile, since);
    printTable(rows);
    const { peakMb } = memoryOf(backend.pid!);
    printReadingNote(peakMb);
    if (!printTargets(rows)) process.exitCode = 1;
  });
}

main();
