/**
 * What the HTTP benchmarks share: starting the demo backend in its own process group,
 * waiting for conditions, a bounded closed-loop load, and stopping the group.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
  backend: ChildProcess,
  intervalMs = 1000,
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
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export type LoadResult = {
  requests: number;
  errors: number;
  codes: string;
  firstError: string;
  p50: number;
  p99: number;
  rps: number;
};

/** `clients` loops, each sending the next request when the last one answered. */
export async function load(
  url: string,
  token: string,
  options: { clients: number; seconds: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const codes = new Map<string, number>();
  let firstError = '';
  const deadline = Date.now() + options.seconds * 1000;
  const count = (code: string) => codes.set(code, (codes.get(code) ?? 0) + 1);
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
          count(String(res.status));
          firstError ||= `${res.status} ${text.slice(0, 200)}`;
        }
      } catch (e) {
        errors++;
        count('network');
        firstError ||= String(e);
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    errors,
    codes: [...codes].map(([c, n]) => `${n}x ${c}`).join(', '),
    firstError,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    rps: sorted.length / options.seconds,
  };
}

export function formatLoadRow(name: string, r: LoadResult): string {
  return `  ${name.padEnd(44)} p50 ${r.p50
    .toFixed(2)
    .padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms  ${r.rps
    .toFixed(0)
    .padStart(5)} req/s  ${r.errors} errors of ${r.requests}`;
}

/**
 * The demo backend (packages/backend, in-memory SQLite) on loopback, detached so that
 * it and its children form one process group; `configs` are extra config files.
 */
export function startDemoBackend(
  port: number,
  configs: string[] = [],
): { backend: ChildProcess; output: () => string } {
  let output = '';
  const configArgs = configs.length
    ? [
        '--config',
        '../../app-config.yaml',
        ...configs.flatMap(c => ['--config', c]),
      ]
    : [];
  const backend = spawn('yarn', ['start', ...configArgs], {
    cwd: path.join(ROOT, 'packages/backend'),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_listen_host: '127.0.0.1',
      APP_CONFIG_backend_baseUrl: `http://localhost:${port}`,
      NODE_ENV: 'development',
    },
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  backend.stdout!.on('data', keep);
  backend.stderr!.on('data', keep);
  return { backend, output: () => output };
}

export async function stopGroup(backend: ChildProcess) {
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

/** A guest token of the demo's default sign-in. */
export async function guestToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/guest/refresh`);
  return (await res.json()).backstageIdentity.token;
}
