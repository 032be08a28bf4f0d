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
import { performance } from 'node:perf_hooks';
import {
  apiClient,
  forEachConcurrently,
  guestToken,
  killGroup,
  runAgainstBackend,
  startBackendProcess,
  waitFor,
  waitForReadiness,
} from './backendHarness';
import {
  EventLoopDelay,
  eventLoopDelayEnv,
  memoryOf,
  readEventLoopDelay,
} from './backendProbe';
import {
  FixedRateLoadResult,
  FixedRateRequest,
  fixedRateLoad,
  rateMet,
} from './fixedRateLoad';
import { LoadOrganisation } from './loadOrganisation';

const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);
const PORT = env('SRE_BENCH_LOAD_PORT', 7374);
const SERVICES = env('SRE_BENCH_LOAD_SERVICES', 10_000);
const POSTMORTEMS = env('SRE_BENCH_LOAD_POSTMORTEMS', Math.round(SERVICES / 2));
const SECONDS = env('SRE_BENCH_LOAD_SECONDS', 10);
const RATE = env('SRE_BENCH_LOAD_RATE', 50);
const ROLLUP_RATE = env('SRE_BENCH_LOAD_ROLLUP_RATE', 10);
const PUSH_RATE = env('SRE_BENCH_LOAD_PUSH_RATE', 1);
const PUSH_SLOS = env('SRE_BENCH_LOAD_PUSH_SLOS', 1000);
const CONNECTIONS = env('SRE_BENCH_LOAD_CONNECTIONS', 10);
const HEAP_MB = env('SRE_BENCH_LOAD_HEAP_MB', 4096);
const BASE = `http://127.0.0.1:${PORT}`;
/** The demo's static seeder token (app-config.yaml, backend.auth.externalAccess). */
const SEED_TOKEN =
  process.env.SRE_SEED_TOKEN ?? 'sre-demo-seed-token-local-only';

const org = new LoadOrganisation(SERVICES);

type Endpoint = {
  label: string;
  role: 'catalog' | 'status' | 'list' | 'rollup' | 'other';
  rate: number;
  token: string;
  requests: FixedRateRequest[];
};

type Row = {
  endpoint: Endpoint;
  firstMs: number;
  result: FixedRateLoadResult;
  eventLoop: EventLoopDelay;
  rssMb: number;
};

const api = apiClient(BASE);

async function countOf(kind: string, token: string): Promise<number> {
  const r = await api<{ totalItems: number }>(
    `/api/catalog/entities/by-query?filter=kind=${kind}&limit=1`,
    token,
  );
  return r.totalItems;
}

/** SLI data for every SLO, 1,000 SLOs per batch push, retried while the catalog or queue catches up. */
async function pushSliData(nowMs: number) {
  for (let from = 0; from < SERVICES; from += 1000) {
    const body = JSON.stringify(org.sliBatch(from, from + 1000, nowMs, 24));
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${BASE}/api/sre/slos/events`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${SEED_TOKEN}`,
          'Content-Type': 'application/json',
        },
        body,
      });
      if (res.ok) break;
      const text = await res.text();
      if (attempt >= 30) {
        throw new Error(`push of SLOs ${from}..: ${res.status} ${text}`);
      }
      // 503: the queue is full; 400 Unknown SLO: not yet visible to the pusher.
      const retryAfter = Number(res.headers.get('retry-after') ?? 5);
      await new Promise(r => setTimeout(r, retryAfter * 1000));
    }
  }
}

async function createPostmortems(nowMs: number) {
  await forEachConcurrently(POSTMORTEMS, 8, i =>
    api('/api/sre/postmortems', SEED_TOKEN, {
      method: 'POST',
      body: JSON.stringify(org.postmortem(i, nowMs)),
    }),
  );
}

function endpoints(guest: string): Endpoint[] {
  const services = org.visible(100);
  const teams = Array.from({ length: Math.min(20, org.teams) }, (_, t) =>
    org.team(t),
  );
  const words = ['latency', 'deploy', 'failover', 'surge', 'timeout'];
  const get = (paths: string[]) => paths.map(p => ({ path: p }));
  return [
    {
      label: 'GET catalog by-name component',
      role: 'catalog',
      rate: RATE,
      token: guest,
      requests: get(
        services.map(
          i =>
            `/api/catalog/entities/by-name/component/default/${org.service(i)}`,
        ),
      ),
    },
    {
      label: 'GET /slos/{ns}/{name}/status',
      role: 'status',
      rate: RATE,
      token: guest,
      requests: get(
        services.map(i => `/api/sre/slos/default/${org.slo(i)}/status`),
      ),
    },
    {
      label: 'GET /slos?owner={group}',
      role: 'list',
      rate: RATE,
      token: guest,
      requests: get(teams.map(t => `/api/sre/slos?owner=group:default/${t}`)),
    },
    {
      label: 'GET /slos/{ns}/{name}/history?days=400',
      role: 'other',
      rate: RATE,
      token: guest,
      requests: get(
        services
          .slice(0, 20)
          .map(i => `/api/sre/slos/default/${org.slo(i)}/history?days=400`),
      ),
    },
    {
      label: 'GET /postmortems?q={word}',
      role: 'other',
      rate: RATE,
      token: guest,
      requests: get(words.map(w => `/api/sre/postmortems?q=${w}`)),
    },
    {
      label: 'GET /coverage',
      role: 'rollup',
      rate: ROLLUP_RATE,
      token: guest,
      requests: get(['/api/sre/coverage']),
    },
    {
      label: 'GET /teams/{ns}/{name}',
      role: 'rollup',
      rate: ROLLUP_RATE,
      token: guest,
      requests: get(teams.map(t => `/api/sre/teams/default/${t}`)),
    },
    {
      label: `POST /slos/events (${Math.min(PUSH_SLOS, SERVICES)} SLOs)`,
      role: 'other',
      rate: PUSH_RATE,
      token: SEED_TOKEN,
      requests: [
        {
          method: 'POST',
          path: '/api/sre/slos/events',
          body: JSON.stringify(org.sliTick(PUSH_SLOS, Date.now())),
        },
      ],
    },
  ];
}

async function timedFirstCall(e: Endpoint): Promise<number> {
  const r = e.requests[0];
  const started = performance.now();
  const res = await fetch(`${BASE}${r.path}`, {
    method: r.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${e.token}`,
      'Content-Type': 'application/json',
    },
    body: r.body,
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${e.label}: first call answered ${res.status}`);
  return performance.now() - started;
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '-');

function printTable(rows: Row[]) {
  const catalog = rows.find(r => r.endpoint.role === 'catalog')!;
  const header = [
    'endpoint'.padEnd(42),
    'rate/s'.padStart(6),
    'sent/due'.padStart(11),
    'first ms'.padStart(9),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'p99 sent'.padStart(9),
    'errors'.padStart(7),
    'ELD p99/max ms'.padStart(15),
    'RSS MiB'.padStart(8),
    'p99/cat'.padStart(8),
  ].join(' ');
  console.log(`\n${header}\n${'-'.repeat(header.length)}`);
  for (const { endpoint, firstMs, result: r, eventLoop, rssMb } of rows) {
    const lowerBound = rateMet(r) ? '' : '≥';
    console.log(
      [
        endpoint.label.padEnd(42),
        String(r.rate).padStart(6),
        `${r.sent}/${r.due}`.padStart(11),
        ms(firstMs).padStart(9),
        ms(r.p50).padStart(8),
        `${lowerBound}${ms(r.p99)}`.padStart(8),
        ms(r.sentP99).padStart(9),
        String(r.non2xx + r.socketErrors).padStart(7),
        `${ms(eventLoop.p99)}/${ms(eventLoop.max)}`.padStart(15),
        rssMb.toFixed(0).padStart(8),
        (r.p99 / catalog.result.p99).toFixed(2).padStart(8),
      ].join(' '),
    );
  }
  for (const { endpoint, result: r } of rows) {
    if (r.non2xx + r.socketErrors) {
      console.log(
        `  ${endpoint.label}: ${r.codes}; ${r.socketErrors} socket errors; first: ${r.firstError}`,
      );
    }
  }
}

function printTargets(rows: Row[]): boolean {
  const catalog = rows.find(r => r.endpoint.role === 'catalog')!.result;
  const of = (role: Row['endpoint']['role']) =>
    rows.filter(r => r.endpoint.role === role);
  const targets: Array<[string, boolean]> = [
    [
      'zero errors (non-2xx and socket) on every endpoint',
      rows.every(r => r.result.non2xx + r.result.socketErrors === 0),
    ],
    [
      'every endpoint kept its rate (sent at least 95% of what was due)',
      rows.every(r => rateMet(r.result)),
    ],
    ...of('status')
      .concat(of('list'))
      .map((r): [string, boolean] => [
        `${r.endpoint.label} p99 ${ms(r.result.p99)} ms <= catalog p99 ${ms(
          catalog.p99,
        )} ms`,
        r.result.p99 <= catalog.p99,
      ]),
    ...of('rollup').map((r): [string, boolean] => [
      `${r.endpoint.label} p99 ${ms(r.result.p99)} ms < 250 ms`,
      r.result.p99 < 250,
    ]),
  ];
  console.log('\nTargets:');
  for (const [what, ok] of targets) {
    console.log(`  ${ok ? 'PASS' : 'MISS'}  ${what}`);
  }
  return targets.every(([, ok]) => ok);
}

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
    const guest = await guestToken(BASE);
    const visibleServices = SERVICES - Math.ceil(SERVICES / 10);
    await waitFor(
      'the catalog to hold the generated organisation',
      async () =>
        (await countOf('slo', guest)) >= SERVICES &&
        (await countOf('system', guest)) >= org.systems &&
        (await countOf('component', guest)) >= visibleServices
          ? true
          : undefined,
      1_800_000,
      backend,
      5000,
    );
    console.log(`  (catalog processed the organisation after ${since()})`);
    await pushSliData(Date.now());
    console.log(`  (SLI data of ${SERVICES} SLOs pushed after ${since()})`);
    await createPostmortems(Date.now());
    console.log(`  (${POSTMORTEMS} postmortems written after ${since()})`);
    await waitFor(
      'the evaluator to store every SLO status',
      async () => {
        const r = await api<{ totalCount: number }>(
          '/api/sre/slos?limit=1',
          guest,
        );
        return r.totalCount >= visibleServices ? true : undefined;
      },
      1_200_000,
      backend,
      5000,
    );
    console.log(`  (statuses stored after ${since()})`);

    const rows: Row[] = [];
    // A new token: seeding a large organisation can take most of a guest token's life.
    for (const endpoint of endpoints(await guestToken(BASE))) {
      const firstMs = await timedFirstCall(endpoint);
      const load = (seconds: number) =>
        fixedRateLoad({
          origin: BASE,
          requests: endpoint.requests,
          headers: {
            Authorization: `Bearer ${endpoint.token}`,
            'Content-Type': 'application/json',
          },
          rate: endpoint.rate,
          seconds,
          connections: CONNECTIONS,
        });
      await load(2); // warm-up, not measured
      await readEventLoopDelay(backend.pid!, eldFile); // starts the window
      const result = await load(SECONDS);
      const eventLoop = await readEventLoopDelay(backend.pid!, eldFile);
      rows.push({
        endpoint,
        firstMs,
        result,
        eventLoop,
        rssMb: memoryOf(backend.pid!).rssMb,
      });
      console.log(`  (${endpoint.label} measured after ${since()})`);
    }
    printTable(rows);
    const { peakMb } = memoryOf(backend.pid!);
    console.log(
      `\nBackend peak RSS ${peakMb.toFixed(
        0,
      )} MiB. Latency against the schedule; "≥": ` +
        `the rate was not kept, so p99 is a lower bound. ELD: how late the backend's event loop ran, over each run.`,
    );
    if (!printTargets(rows)) process.exitCode = 1;
  });
}

main();
