/* eslint-disable no-console */
/**
 * Benchmark (c), the entity page read path: p50/p99 of the single-SLO status call
 * and of the catalog's own by-name call, on the same running demo backend, under
 * the same number of concurrent clients for a bounded time.
 *
 *   yarn bench:read     (from the repository root; `yarn bench` runs it last)
 *
 * It starts the demo backend (packages/backend, in-memory SQLite) on loopback in its
 * own process group, seeds it with examples/seed/seed-demo-data.mjs, waits until the
 * evaluator has stored the SLO's status, measures, and stops the whole group.
 * Env: SRE_BENCH_READ_PORT (default 7371), SRE_BENCH_READ_CLIENTS (16),
 * SRE_BENCH_READ_SECONDS (10 per endpoint).
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');
const PORT = Number(process.env.SRE_BENCH_READ_PORT ?? 7371);
const CLIENTS = Number(process.env.SRE_BENCH_READ_CLIENTS ?? 16);
const SECONDS = Number(process.env.SRE_BENCH_READ_SECONDS ?? 10);
const BASE = `http://127.0.0.1:${PORT}`;
const STATUS_PATH = '/api/sre/slos/default/checkout-api-availability/status';
const CATALOG_PATH =
  '/api/catalog/entities/by-name/component/default/checkout-api';

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
  backend: ChildProcess,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (backend.exitCode !== null) {
      throw new Error(
        `the backend exited (${backend.exitCode}) before ${what}`,
      );
    }
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** CLIENTS loops, each sending the next request when the last one answered. */
async function load(url: string, token: string, seconds = SECONDS) {
  const latencies: number[] = [];
  let errors = 0;
  const codes = new Map<string, number>();
  let firstError = '';
  const deadline = Date.now() + seconds * 1000;
  const client = async () => {
    while (Date.now() < deadline) {
      const t0 = process.hrtime.bigint();
      try {
        const res = await fetch(url, {
          headers: { Authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(10_000),
        });
        const text = await res.text();
        if (!res.ok) {
          errors++;
          codes.set(
            String(res.status),
            (codes.get(String(res.status)) ?? 0) + 1,
          );
          firstError ||= `${res.status} ${text.slice(0, 200)}`;
        }
      } catch (e) {
        errors++;
        codes.set('network', (codes.get('network') ?? 0) + 1);
        firstError ||= String(e);
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    errors,
    codes: [...codes].map(([c, n]) => `${n}x ${c}`).join(', '),
    firstError,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    rps: sorted.length / seconds,
  };
}

async function stopGroup(backend: ChildProcess) {
  if (backend.exitCode !== null || backend.signalCode !== null) return;
  const exited = new Promise(r => backend.once('exit', r));
  try {
    process.kill(-backend.pid!, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-backend.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

async function main() {
  console.log(
    `Read path benchmark: ${CLIENTS} concurrent clients, ${SECONDS} s per endpoint, demo backend on ${BASE}`,
  );
  let output = '';
  // detached: the backend and its children get their own process group.
  const backend = spawn('yarn', ['start'], {
    cwd: path.join(ROOT, 'packages/backend'),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      APP_CONFIG_backend_listen_port: String(PORT),
      APP_CONFIG_backend_listen_host: '127.0.0.1',
      APP_CONFIG_backend_baseUrl: `http://localhost:${PORT}`,
      NODE_ENV: 'development',
    },
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  backend.stdout!.on('data', keep);
  backend.stderr!.on('data', keep);
  const onSignal = () => {
    stopGroup(backend).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const t0 = Date.now();
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
    console.log(
      `  (backend ready in ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
    await promisify(execFile)(
      process.execPath,
      ['examples/seed/seed-demo-data.mjs', '--url', BASE],
      { cwd: ROOT, timeout: 300_000 },
    );
    const token = async (): Promise<string> => {
      const res = await fetch(`${BASE}/api/auth/guest/refresh`);
      return (await res.json()).backstageIdentity.token;
    };
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
    await load(`${BASE}${STATUS_PATH}`, current, 2);
    await load(`${BASE}${CATALOG_PATH}`, current, 2);
    const status = await load(`${BASE}${STATUS_PATH}`, current);
    const catalog = await load(`${BASE}${CATALOG_PATH}`, current);
    const row = (name: string, r: typeof status) =>
      `  ${name.padEnd(44)} p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99
        .toFixed(2)
        .padStart(7)} ms  ${r.rps.toFixed(0).padStart(5)} req/s  ${
        r.errors
      } errors of ${r.requests}`;
    console.log(row(`GET ${STATUS_PATH.replace('/api/sre', '')}`, status));
    console.log(row(`GET catalog by-name component checkout-api`, catalog));
    console.log(
      `ratio: status p99 / catalog p99 = ${(status.p99 / catalog.p99).toFixed(
        2,
      )} (target: at most 1)`,
    );
    for (const r of [status, catalog]) {
      if (r.errors) {
        console.log(`  errors: ${r.codes}; first: ${r.firstError}`);
        process.exitCode = 1;
      }
    }
  } catch (e) {
    console.error(`${e}\n--- backend output (tail) ---\n${output}`);
    process.exitCode = 1;
  } finally {
    await stopGroup(backend);
  }
}

main();
