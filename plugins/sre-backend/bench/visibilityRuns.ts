/**
 * The measured phases of the visibility benchmark: the first (uncached) call of
 * each list as a new user, then each endpoint at a fixed rate next to the
 * catalog's by-name and by-refs calls.
 */
import { fixedRateLoad, formatRateRow } from './fixedRateLoad';
import {
  Caller,
  KeyFiles,
  leakIn,
  registerUsers,
  userToken,
} from './visibilityCallers';
import { BASE, CLIENTS, RATE, SECONDS, api, name } from './visibilitySettings';

/** The lists measured, each as its label and request path. */
export const listEndpoints: Array<[string, string]> = [
  ['GET /slos?limit=100', '/api/sre/slos?limit=100'],
  ['GET /slos?limit=100&offset=2000', '/api/sre/slos?limit=100&offset=2000'],
  [
    'GET /slos?owner=group:default/bench-team-3',
    '/api/sre/slos?owner=group:default/bench-team-3&limit=100',
  ],
  ['GET /postmortems?limit=20', '/api/sre/postmortems?limit=20'],
  ['GET /postmortems?q=latency', '/api/sre/postmortems?q=latency&limit=20'],
  [
    'GET /postmortems?q=latency&offset=1000',
    '/api/sre/postmortems?q=latency&offset=1000&limit=20',
  ],
  ['GET /action-items?limit=100', '/api/sre/action-items?limit=100'],
];

/** The first call of each list as a principal never seen: nothing cached yet. */
export async function measureFirstCalls(keys: KeyFiles, authDb: string) {
  await registerUsers(authDb, [
    {
      userRef: 'user:default/bench-user-first',
      ownershipRefs: ['group:default/bench-team-1'],
    },
  ]);
  const first: Caller = {
    name: 'bench-user-first',
    team: 1,
    token: await userToken(keys, 'user:default/bench-user-first', [
      'group:default/bench-team-1',
    ]),
  };
  for (const [label, url] of listEndpoints) {
    const started = process.hrtime.bigint();
    const body = await api<{ totalCount?: number }>(url, first.token);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const leaked = leakIn(body, first);
    console.log(
      `  first ${label.padEnd(44)} ${ms
        .toFixed(1)
        .padStart(8)} ms  totalCount ${body.totalCount}${
        leaked ? `  LEAK: ${leaked}` : ''
      }`,
    );
    if (leaked) process.exitCode = 1;
  }
}

/** The catalog's calls, then every list, each at the fixed rate taking `all` callers in turn. */
export async function measureRuns(all: Caller[]) {
  /** Each caller once, untimed, checking what it is shown; then the timed run. */
  const load = async (
    request: { path: string; method?: 'POST'; body?: string },
    check = true,
  ) => {
    for (const caller of all) {
      const body = await api<unknown>(request.path, caller.token, {
        method: request.method,
        body: request.body,
      });
      const leaked = check ? leakIn(body, caller) : undefined;
      if (leaked) {
        console.log(`  LEAK to ${caller.name} on ${request.path}: ${leaked}`);
        process.exitCode = 1;
      }
    }
    return fixedRateLoad({
      origin: BASE,
      requests: all.map(caller => ({
        ...request,
        headers: {
          Authorization: `Bearer ${caller.token}`,
          'Content-Type': 'application/json',
        },
      })),
      headers: {},
      rate: RATE,
      seconds: SECONDS,
      connections: CLIENTS,
    });
  };
  const catalog = await load(
    {
      path: `/api/catalog/entities/by-name/component/default/${name(1)}`,
    },
    false,
  );
  console.log(formatRateRow('GET catalog by-name component', catalog));
  const byRefs = await load(
    {
      path: '/api/catalog/entities/by-refs',
      method: 'POST',
      body: JSON.stringify({ entityRefs: [`component:default/${name(1)}`] }),
    },
    false,
  );
  console.log(
    `${formatRateRow(
      'POST catalog by-refs (one ref)',
      byRefs,
    )}  p99 ratio to by-name ${(byRefs.p99 / catalog.p99).toFixed(2)}`,
  );
  for (const [label, url] of listEndpoints) {
    const r = await load({ path: url });
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
}
