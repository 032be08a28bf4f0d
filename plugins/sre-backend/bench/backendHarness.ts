/**
 * What the HTTP benchmarks share: starting the demo backend in its own process group,
 * waiting for conditions, and stopping the group. The load itself: fixedRateLoad.ts.
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

/**
 * The demo backend (packages/backend, in-memory SQLite) on loopback, detached so that
 * it and its children form one process group; `configs` are extra config files.
 */
export function startDemoBackend(
  port: number,
  configs: string[] = [],
): StartedBackend {
  const configArgs = configs.length
    ? [
        '--config',
        '../../app-config.yaml',
        ...configs.flatMap(c => ['--config', c]),
      ]
    : [];
  return spawnBackend('yarn', ['start', ...configArgs], port, {}, 8_000);
}

/** A backend process and the tail of what it printed. */
export type StartedBackend = { backend: ChildProcess; output: () => string };

/**
 * `command args` in packages/backend, detached so that it and its children form one
 * process group, listening on loopback `port`; keeps the last `tailChars` of its
 * output.
 */
function spawnBackend(
  command: string,
  args: string[],
  port: number,
  env: Record<string, string>,
  tailChars: number,
): StartedBackend {
  let output = '';
  const backend = spawn(command, args, {
    cwd: path.join(ROOT, 'packages/backend'),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_listen_host: '127.0.0.1',
      APP_CONFIG_backend_baseUrl: `http://localhost:${port}`,
      NODE_ENV: 'development',
      ...env,
    },
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-tailChars);
  };
  backend.stdout!.on('data', keep);
  backend.stderr!.on('data', keep);
  return { backend, output: () => output };
}

/**
 * Runs `run` against a started backend, then stops its process group with `stop`
 * and calls `cleanup`: SIGINT and SIGTERM stop the group and exit 130; an error is
 * printed with the tail of the backend's output and fails the process.
 */
export async function runAgainstBackend(
  { backend, output }: StartedBackend,
  {
    stop,
    cleanup = () => {},
  }: {
    stop: (backend: ChildProcess) => Promise<void>;
    cleanup?: () => void;
  },
  run: () => Promise<void>,
): Promise<void> {
  const onSignal = () => {
    stop(backend).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await run();
  } catch (e) {
    // eslint-disable-next-line no-console
    console.error(`${e}\n--- backend output (tail) ---\n${output()}`);
    process.exitCode = 1;
  } finally {
    await stop(backend);
    cleanup();
  }
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

/**
 * Waits until the SLO list shows `count` statuses to `token`: the evaluator has
 * stored a status for every SLO that caller can see.
 */
export async function waitForStatuses(
  api: ReturnType<typeof apiClient>,
  token: string,
  count: number,
  timeoutMs: number,
  backend: ChildProcess,
): Promise<void> {
  await waitFor(
    'the evaluator to store every SLO status',
    async () => {
      const r = await api<{ totalCount: number }>(
        '/api/sre/slos?limit=1',
        token,
      );
      return r.totalCount >= count ? true : undefined;
    },
    timeoutMs,
    backend,
    5000,
  );
}

/** A guest token of the demo's default sign-in. */
/** A JSON API call to a backend under test with a bearer token; throws on non-2xx. */
export function apiClient(base: string) {
  return async function api<T>(
    pathname: string,
    token: string,
    init: RequestInit = {},
  ): Promise<T> {
    const res = await fetch(`${base}${pathname}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
    });
    if (!res.ok) {
      throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
    }
    return res.json() as Promise<T>;
  };
}

/** Calls `call(i)` for every i below `count`, in order, `concurrency` at a time. */
export async function forEachConcurrently(
  count: number,
  concurrency: number,
  call: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      await call(next++);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export async function guestToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/guest/refresh`);
  return (await res.json()).backstageIdentity.token;
}

/**
 * The demo backend run by node itself, from source through the Backstage node
 * transform, without `backstage-cli package start`: no file watcher, so that edits
 * elsewhere in the tree never restart it, and one process group to kill. `configs`
 * are extra config files after app-config.yaml; `env` is added to the environment.
 */
export function startBackendProcess(
  port: number,
  configs: string[],
  env: Record<string, string> = {},
): StartedBackend {
  return spawnBackend(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      ...configs.flatMap(c => ['--config', c]),
    ],
    port,
    env,
    16_000,
  );
}

/** SIGKILL to the whole process group, resolved once the group's leader exited. */
export async function killGroup(backend: ChildProcess): Promise<void> {
  if (backend.exitCode !== null || backend.signalCode !== null) return;
  const exited = new Promise(r => backend.once('exit', r));
  try {
    process.kill(-backend.pid!, 'SIGKILL');
  } catch {
    return;
  }
  await exited;
}

/** Polls the backend's readiness endpoint until it answers 200. */
export async function waitForReadiness(
  base: string,
  backend: ChildProcess,
  timeoutMs = 300_000,
  intervalMs = 250,
): Promise<void> {
  await waitFor(
    `${base} to be ready`,
    async () =>
      (
        await fetch(`${base}/.backstage/health/v1/readiness`)
      ).ok
        ? true
        : undefined,
    timeoutMs,
    backend,
    intervalMs,
  );
}
