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
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import {
  apiClient,
  forEachConcurrently,
  ROOT,
  guestToken,
  runAgainstBackend,
  startBackendProcess,
  stopGroup,
  waitFor,
  waitForReadiness,
} from './backendHarness';
import { fixedRateLoad, formatRateRow } from './fixedRateLoad';
import { builtinSloYaml } from './loadOrganisation';

const PORT = Number(process.env.SRE_BENCH_VIS_PORT ?? 7372);
const SERVICES = Number(process.env.SRE_BENCH_VIS_SERVICES ?? 3000);
const RATE = Number(process.env.SRE_BENCH_READ_RATE ?? 200);
const CLIENTS = Number(process.env.SRE_BENCH_READ_CLIENTS ?? 16);
const SECONDS = Number(process.env.SRE_BENCH_READ_SECONDS ?? 10);
const CALLERS = Math.max(1, Number(process.env.SRE_BENCH_VIS_CALLERS ?? 8));
const BASE = `http://127.0.0.1:${PORT}`;
/** The issuer the auth backend puts in its tokens (its external base URL). */
const ISSUER = `http://localhost:${PORT}/api/auth`;
const KEY_ID = 'sre-bench-visibility';
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
function benchConfig(orgFile: string, keys: KeyFiles, authDb: string): string {
  const examples = path.join(ROOT, 'examples');
  return `backend:
  database:
    plugin:
      auth:
        # A relative filename: the connector joins it to the directory.
        connection: { directory: ${path.dirname(
          authDb,
        )}, filename: ${path.basename(authDb)} }
auth:
  keyStore:
    provider: static
    static:
      keys:
        - publicKeyFile: ${keys.publicKeyFile}
          privateKeyFile: ${keys.privateKeyFile}
          keyId: ${KEY_ID}
          algorithm: ES256
catalog:
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

type KeyFiles = { publicKeyFile: string; privateKeyFile: string };

/** A P-256 key pair for the backend's static key store, as PEM files in `dir`. */
function writeKeyPair(dir: string): KeyFiles {
  const { publicKey, privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });
  const files = {
    publicKeyFile: path.join(dir, 'bench-key.pub.pem'),
    privateKeyFile: path.join(dir, 'bench-key.pem'),
  };
  fs.writeFileSync(
    files.publicKeyFile,
    publicKey.export({ type: 'spki', format: 'pem' }),
  );
  fs.writeFileSync(
    files.privateKeyFile,
    privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  return files;
}

/**
 * A user token as the auth backend issues one (its own issueUserToken, with the
 * key of the static key store), carrying the ownership claims the policy reads.
 */
async function userToken(
  keys: KeyFiles,
  userRef: string,
  ownershipRefs: string[],
): Promise<string> {
  // Not part of the package's API: the bench signs exactly as the demo backend's
  // auth plugin would, resolved from that backend (a dependency of it, not of ours).
  const issuer = require.resolve(
    [
      '@backstage/plugin-auth-backend',
      'dist/identity/issueUserToken.cjs.js',
    ].join('/'),
    { paths: [path.join(ROOT, 'packages/backend')] },
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { issueUserToken } = require(issuer);
  const key = {
    ...createPrivateKey(fs.readFileSync(keys.privateKeyFile)).export({
      format: 'jwk',
    }),
    alg: 'ES256',
    kid: KEY_ID,
  };
  const { token } = await issueUserToken({
    issuer: ISSUER,
    key,
    keyDurationSeconds: 3600,
    logger: { info: () => {} },
    params: { claims: { sub: userRef, ent: [userRef, ...ownershipRefs] } },
  });
  return token;
}

/**
 * Records users as the auth backend does when they sign in: a forwarded user token
 * carries no ownership claims, so plugins ask the auth backend, which reads them
 * from its database (here a file, so that the bench can write to it).
 */
async function registerUsers(
  authDb: string,
  users: Array<{ userRef: string; ownershipRefs: string[] }>,
) {
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: authDb },
    useNullAsDefault: true,
  });
  try {
    const updatedAt = new Date().toISOString().replace('T', ' ').slice(0, 23);
    for (const { userRef, ownershipRefs } of users) {
      await db('user_info')
        .insert({
          user_entity_ref: userRef,
          user_info: JSON.stringify({
            claims: { sub: userRef, ent: [userRef, ...ownershipRefs] },
          }),
          updated_at: updatedAt,
        })
        .onConflict('user_entity_ref')
        .merge();
    }
  } finally {
    await db.destroy();
  }
}

/** A caller of the lists: its token, and the team whose restricted services it may see. */
type Caller = { name: string; token: string; team?: number };

/** The guest, then users of teams 0, 1, …: CALLERS distinct principals. */
async function callers(
  keys: KeyFiles,
  authDb: string,
  guest: string,
): Promise<Caller[]> {
  await registerUsers(
    authDb,
    Array.from({ length: CALLERS - 1 }, (_, t) => ({
      userRef: `user:default/bench-user-${t}`,
      ownershipRefs: [`group:default/bench-team-${t}`],
    })),
  );
  const users = await Promise.all(
    Array.from({ length: CALLERS - 1 }, async (_, t) => ({
      name: `bench-user-${t}`,
      team: t,
      token: await userToken(keys, `user:default/bench-user-${t}`, [
        `group:default/bench-team-${t}`,
      ]),
    })),
  );
  return [{ name: 'guest', token: guest }, ...users];
}

/** A restricted service in `body` that the caller may not see, if any. */
function leakIn(body: unknown, caller: Caller): string | undefined {
  for (const [, digits] of JSON.stringify(body).matchAll(
    /bench-svc-(\d{4})\b/g,
  )) {
    const i = Number(digits);
    const mayRead = caller.team !== undefined && i % TEAMS === caller.team;
    if (i % 10 === 0 && !mayRead) return `bench-svc-${digits}`;
  }
  return undefined;
}

async function createPostmortems(now: number) {
  await forEachConcurrently(SERVICES, 8, i =>
    api('/api/sre/postmortems', SEED_TOKEN, {
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
    }),
  );
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
    const all = await callers(keys, authDb, guest);
    // The first call of each list as a principal never seen: nothing cached yet.
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
    for (const [label, url] of endpoints) {
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
    for (const [label, url] of endpoints) {
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
  });
}

main();
