/* eslint-disable no-console */
/**
 * Benchmark of the lists with catalog visibility filtering at 3,000 services: the
 * demo backend (in-memory SQLite, the demo permission policy) with a generated
 * organisation of SRE_BENCH_VIS_SERVICES services (default 3,000), one SLO and one
 * postmortem each; every tenth service is restricted to its owner group, so the
 * guest may see 90% of them. It prints p50/p99 of the SLO and postmortem lists and
 * the action items, next to the catalog's own by-name call (and its by-refs call)
 * under the same fixed rate (autocannon, latency against the schedule:
 * fixedRateLoad.ts), and the first (uncached) call of each list as a new user.
 *
 * Several distinct callers, as in real use: the guest and SRE_BENCH_VIS_CALLERS - 1
 * users of the generated teams, whose tokens the bench signs itself (the backend
 * gets a static key store with a key pair made for the run, and its auth database
 * in a file, where the bench records the users as a sign-in would). The user of team 0
 * sees that team's restricted services, the others do not: every list is checked
 * for a restricted service its caller may not see. The requests of a run take the
 * callers in turn; before each run every caller calls the endpoint once (untimed),
 * so a run measures warm callers, whose visibility is refreshed in the background
 * while the run goes on (the first calls above are the cold case).
 *
 *   yarn bench:visibility     (from the repository root)
 *
 * Env: SRE_BENCH_VIS_PORT (7372), SRE_BENCH_VIS_SERVICES (3000),
 * SRE_BENCH_VIS_CALLERS (8), SRE_BENCH_READ_RATE (200 req/s),
 * SRE_BENCH_READ_CLIENTS (16 connections at most), SRE_BENCH_READ_SECONDS (10 per
 * endpoint).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChildProcess } from 'node:child_process';
import {
  guestToken,
  runAgainstBackend,
  startBackendProcess,
  stopGroup,
  waitFor,
  waitForReadiness,
  waitForStatuses,
} from './backendHarness';
import { callers, writeKeyPair } from './visibilityCallers';
import {
  benchConfig,
  createPostmortems,
  organisation,
} from './visibilityOrganisation';
import { measureFirstCalls, measureRuns } from './visibilityRuns';
import {
  BASE,
  CALLERS,
  CLIENTS,
  PORT,
  RATE,
  SECONDS,
  SEED_TOKEN,
  SERVICES,
  api,
} from './visibilitySettings';

/**
 * Waits for the catalog to hold every SLO, writes the postmortems and waits for
 * the evaluator to store the statuses; resolves with the guest's token.
 */
async function seedOrganisation(
  backend: ChildProcess,
  since: () => string,
): Promise<string> {
  const slosInCatalog = async () => {
    const r = await api<{ totalItems: number }>(
      '/api/catalog/entities/by-query?filter=kind=slo&limit=1',
      SEED_TOKEN,
    );
    return r.totalItems >= SERVICES ? true : undefined;
  };
  await waitFor(
    'the catalog to hold every SLO',
    slosInCatalog,
    900_000,
    backend,
    5000,
  );
  console.log(
    `  (catalog processed ${SERVICES} services and SLOs after ${since()})`,
  );
  await createPostmortems(Date.now());
  console.log(`  (${SERVICES} postmortems written after ${since()})`);
  const guest = await guestToken(BASE);
  const visible = Math.round(SERVICES * 0.9);
  await waitForStatuses(api, guest, visible, 600_000, backend);
  console.log(`  (statuses stored after ${since()})`);
  return guest;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sre-bench-visibility-'));
  const orgFile = path.join(dir, 'organisation.yaml');
  fs.writeFileSync(orgFile, organisation());
  const configFile = path.join(dir, 'bench-config.yaml');
  const keys = writeKeyPair(dir);
  const authDb = path.join(dir, 'auth.sqlite');
  fs.writeFileSync(configFile, benchConfig(orgFile, keys, authDb));
  console.log(
    `Visibility benchmark: ${SERVICES} services (10% restricted), ${CALLERS} callers, ${RATE} req/s over at most ${CLIENTS} connections, ${SECONDS} s per endpoint, ${BASE}`,
  );
  // No file watcher: edits elsewhere in the tree must not restart it mid-run.
  const launched = startBackendProcess(PORT, [configFile]);
  const { backend } = launched;
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  await runAgainstBackend(launched, { stop: stopGroup, cleanup }, async () => {
    const t0 = Date.now();
    const since = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
    await waitForReadiness(BASE, backend, 240_000, 1000);
    console.log(`  (backend ready after ${since()})`);
    const guest = await seedOrganisation(backend, since);
    const all = await callers(keys, authDb, guest);
    await measureFirstCalls(keys, authDb);
    await measureRuns(all);
  });
}

main();
