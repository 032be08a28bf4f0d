/* eslint-disable no-console */
/**
 * Benchmark of the lists with catalog visibility filtering at 3,000 services: the
 * demo backend (in-memory SQLite, the demo permission policy) with a generated
 * organisation of SRE_BENCH_VIS_SERVICES services (default 3,000), one SLO and one
 * postmortem each; every tenth service is restricted to its owner group, so the
 * guest may see 90% of them. It prints p50/p99 of the SLO and postmortem lists and
 * the action items as the guest, next to the catalog's own by-name call under the
 * same fixed rate (autocannon, latency against the schedule: fixedRateLoad.ts), and
 * the first (uncached) call of each list.
 *
 *   yarn bench:visibility     (from the repository root)
 *
 * Env: SRE_BENCH_VIS_PORT (7372), SRE_BENCH_VIS_SERVICES (3000),
 * SRE_BENCH_READ_RATE (200 req/s), SRE_BENCH_READ_CLIENTS (16 connections at most),
 * SRE_BENCH_READ_SECONDS (10 per endpoint).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  apiClient,
  ROOT,
  guestToken,
  startDemoBackend,
  stopGroup,
  waitFor,
} from './backendHarness';
import { fixedRateLoad, formatRateRow } from './fixedRateLoad';
import { builtinSloYaml } from './loadOrganisation';

const PORT = Number(process.env.SRE_BENCH_VIS_PORT ?? 7372);
const SERVICES = Number(process.env.SRE_BENCH_VIS_SERVICES ?? 3000);
const RATE = Number(process.env.SRE_BENCH_READ_RATE ?? 200);
const CLIENTS = Number(process.env.SRE_BENCH_READ_CLIENTS ?? 16);
const SECONDS = Number(process.env.SRE_BENCH_READ_SECONDS ?? 10);
const BASE = `http://127.0.0.1:${PORT}`;
const TEAMS = 30;
/** The demo's static seeder token (app-config.yaml, backend.auth.externalAccess). */
const SEED_TOKEN =
  process.env.SRE_SEED_TOKEN ?? 'sre-demo-seed-token-local-only';

const name = (i: number) => `bench-svc-${String(i).padStart(4, '0')}`;
const team = (i: number) => `bench-team-${i % TEAMS}`;

/** Groups, services and their SLOs as one multi-document YAML file. */
function organisation(): string {
  const docs: string[] = [];
  for (let t = 0; t < TEAMS; t++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: bench-team-${t} }
spec: { type: team, children: [] }`);
  }
  for (let i = 0; i < SERVICES; i++) {
    const restricted =
      i % 10 === 0
        ? `\n  annotations: { sre-catalog.io/visibility: restricted }`
        : '';
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name(i)}${restricted}
spec: { type: service, lifecycle: production, owner: group:default/${team(
      i,
    )} }`);
    docs.push(builtinSloYaml(`${name(i)}-availability`, name(i)));
  }
  return `${docs.join('\n---\n')}\n`;
}

/** The demo's locations plus the generated organisation (arrays replace, not merge). */
function benchConfig(orgFile: string): string {
  const examples = path.join(ROOT, 'examples');
  return `catalog:
  locations:
    - { type: file, target: ${examples}/entities.yaml }
    - { type: file, target: ${examples}/org.yaml, rules: [{ allow: [User, Group] }] }
    - type: file
      target: ${orgFile}
      rules: [{ allow: [Component, Group, SLO, SLI] }]
  processingInterval: { minutes: 30 }
`;
}

const api = apiClient(BASE);

async function createPostmortems(now: number) {
  let next = 0;
  const worker = async () => {
    while (next < SERVICES) {
      const i = next++;
      await api('/api/sre/postmortems', SEED_TOKEN, {
        method: 'POST',
        body: JSON.stringify({
          title: `Latency spike on ${name(i)}`,
          severity: 'SEV3',
          status: 'published',
          startedAt: new Date(now - (i + 1) * 3_600_000).toISOString(),
          resolvedAt: new Date(now - i * 3_600_000).toISOString(),
          entityRefs: [`component:default/${name(i)}`],
          impactedSlos: [
            {
              sloRef: `slo:default/${name(i)}-availability`,
              budgetConsumed: 0.01,
            },
          ],
          summary: 'A slow dependency.',
          actionItems: [
            {
              title: 'Add a timeout',
              owner: `group:default/${team(i)}`,
              priority: 'P2',
              status: 'open',
            },
          ],
        }),
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sre-bench-visibility-'));
  const orgFile = path.join(dir, 'organisation.yaml');
  fs.writeFileSync(orgFile, organisation());
  const configFile = path.join(dir, 'bench-config.yaml');
  fs.writeFileSync(configFile, benchConfig(orgFile));
  console.log(
    `Visibility benchmark: ${SERVICES} services (10% restricted), ${RATE} req/s over at most ${CLIENTS} connections, ${SECONDS} s per endpoint, ${BASE}`,
  );
  const { backend, output } = startDemoBackend(PORT, [configFile]);
  const onSignal = () => {
    stopGroup(backend).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const t0 = Date.now();
    const since = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
    await waitFor(
      'the backend to be ready',
      async () =>
        (
          await fetch(`${BASE}/.backstage/health/v1/readiness`)
        ).ok
          ? true
          : undefined,
      240_000,
      backend,
    );
    console.log(`  (backend ready after ${since()})`);
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
    await waitFor(
      'the evaluator to store every SLO status',
      async () => {
        const r = await api<{ totalCount: number }>(
          '/api/sre/slos?limit=1',
          guest,
        );
        return r.totalCount >= visible ? r.totalCount : undefined;
      },
      600_000,
      backend,
      5000,
    );
    console.log(`  (statuses stored after ${since()})`);
    const endpoints: Array<[string, string]> = [
      ['GET /slos?limit=100', '/api/sre/slos?limit=100'],
      [
        'GET /slos?limit=100&offset=2000',
        '/api/sre/slos?limit=100&offset=2000',
      ],
      ['GET /postmortems?limit=20', '/api/sre/postmortems?limit=20'],
      [
        'GET /postmortems?q=latency&offset=1000',
        '/api/sre/postmortems?q=latency&offset=1000&limit=20',
      ],
      ['GET /action-items?limit=100', '/api/sre/action-items?limit=100'],
    ];
    const catalogPath = `/api/catalog/entities/by-name/component/default/${name(
      1,
    )}`;
    // The first call of each list as a new principal: nothing cached yet.
    const first = await guestToken(BASE);
    for (const [label, url] of endpoints) {
      const started = process.hrtime.bigint();
      const body = await api<{ totalCount?: number }>(url, first);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const leaked = JSON.stringify(body).match(/bench-svc-\d\d\d0\b/);
      console.log(
        `  first ${label.padEnd(38)} ${ms
          .toFixed(1)
          .padStart(8)} ms  totalCount ${body.totalCount}${
          leaked ? `  LEAK: ${leaked[0]}` : ''
        }`,
      );
      if (leaked) process.exitCode = 1;
    }
    const load = (pathname: string) =>
      fixedRateLoad({
        origin: BASE,
        requests: [{ path: pathname }],
        headers: { Authorization: `Bearer ${guest}` },
        rate: RATE,
        seconds: SECONDS,
        connections: CLIENTS,
      });
    const catalog = await load(catalogPath);
    console.log(formatRateRow('GET catalog by-name component', catalog));
    for (const [label, url] of endpoints) {
      const r = await load(url);
      console.log(
        `${formatRateRow(label, r)}  p99 ratio to catalog ${(
          r.p99 / catalog.p99
        ).toFixed(2)}`,
      );
      if (r.non2xx + r.socketErrors) {
        console.log(`  errors: ${r.codes}; first: ${r.firstError}`);
        process.exitCode = 1;
      }
    }
  } catch (e) {
    console.error(`${e}\n--- backend output (tail) ---\n${output()}`);
    process.exitCode = 1;
  } finally {
    await stopGroup(backend);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
