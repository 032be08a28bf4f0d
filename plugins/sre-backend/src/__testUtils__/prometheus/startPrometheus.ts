import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** Debian's `prometheus` package (scripts/setup.sh installs it). */
export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const PROMTOOL_BIN = '/usr/bin/promtool';

/** Whether the Prometheus server and promtool are installed. */
export function isPrometheusInstalled(): boolean {
  return fs.existsSync(PROMETHEUS_BIN) && fs.existsSync(PROMTOOL_BIN);
}

/** One counter series: samples `[timeMs, value]` in time order. */
export type CounterSeries = {
  labels: Record<string, string>;
  samples: Array<[number, number]>;
};

/**
 * An OpenMetrics text of counter families for `promtool tsdb create-blocks-from
 * openmetrics`: `<name>_total{labels} value timestamp` with the timestamp in
 * SECONDS, each series' samples together and in time order, ending in `# EOF`.
 */
export function toOpenMetrics(
  families: Array<{ name: string; help: string; series: CounterSeries[] }>,
): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help}`);
    lines.push(`# TYPE ${family.name} counter`);
    for (const series of family.series) {
      const labels = Object.entries(series.labels)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',');
      for (const [timeMs, value] of series.samples) {
        lines.push(`${family.name}_total{${labels}} ${value} ${timeMs / 1000}`);
      }
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

/** A running Prometheus on loopback with backfilled data. */
export type StartedPrometheus = {
  baseUrl: string;
  pid: number;
  /** Stops the server (by its pid) and removes its folder. */
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `prometheus exited with code ${child.exitCode}:\n${output()}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/-/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(
    `prometheus was not ready within ${timeoutMs} ms:\n${output()}`,
  );
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  process.kill(child.pid!, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null) process.kill(child.pid!, 'SIGKILL');
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Backfills `openMetrics` into a new TSDB with promtool and starts Prometheus on it:
 * a temporary folder holds everything it writes (config, data, lock file, query
 * log of active queries), it listens on 127.0.0.1 only, scrapes nothing, and keeps
 * data for 400 days so the backfilled blocks are not deleted at start.
 */
export async function startPrometheus(
  options: (
    | { openMetrics: string }
    | {
        /**
         * Writes the OpenMetrics input as files in this folder and returns their
         * paths (for inputs too large for a string). promtool reads its whole
         * input once per 2-hour block it writes, so large inputs import far faster
         * as one file per 2-hour block (aligned to multiples of 2 h since the epoch).
         */
        writeOpenMetrics(dir: string): Promise<string[]>;
      }
  ) & {
    /** More server flags, e.g. `--query.max-samples=...`. */
    args?: string[];
    /** How long the server may take to become ready (default 15 s). */
    readyTimeoutMs?: number;
  },
): Promise<StartedPrometheus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sre-prometheus-'));
  const dataDir = path.join(dir, 'data');
  const input = path.join(dir, 'input.om');
  const configFile = path.join(dir, 'prometheus.yml');
  let child: ChildProcess | undefined;
  try {
    let inputs: string[];
    if ('openMetrics' in options) {
      await writeFile(input, options.openMetrics);
      inputs = [input];
    } else {
      const inputDir = path.join(dir, 'input');
      await mkdir(inputDir);
      inputs = await options.writeOpenMetrics(inputDir);
    }
    await writeFile(configFile, 'global:\n  scrape_interval: 1m\n');
    for (const file of inputs) {
      await promisify(execFile)(
        PROMTOOL_BIN,
        ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, dataDir],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      await rm(file, { force: true });
    }

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    let output = '';
    child = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${dataDir}`,
        '--storage.tsdb.retention.time=400d',
        `--web.listen-address=127.0.0.1:${port}`,
        // Console templates default to /etc/prometheus; keep every path local.
        `--web.console.templates=${path.join(dir, 'consoles')}`,
        `--web.console.libraries=${path.join(dir, 'console_libraries')}`,
        '--log.level=warn',
        ...(options.args ?? []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const append = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
    };
    child.stdout!.on('data', append);
    child.stderr!.on('data', append);
    child.once('error', error => {
      output += `\n${error}`;
    });
    await waitUntilReady(
      baseUrl,
      child,
      () => output,
      options.readyTimeoutMs ?? 15_000,
    );

    const started = child;
    return {
      baseUrl,
      pid: started.pid!,
      stop: async () => {
        await stopChild(started);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child) await stopChild(child);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * `describe` for tests against a real Prometheus. Without the binary they are
 * skipped with a message saying what to install, except in CI (`CI=true`), where
 * they must run: there they fail before their setup, saying the same.
 */
export function describeWithPrometheus(title: string, tests: () => void) {
  const installed = isPrometheusInstalled();
  const missing = `${PROMETHEUS_BIN} is missing (apt-get install -y prometheus, or scripts/setup.sh)`;
  if (!installed && !process.env.CI) {
    // eslint-disable-next-line no-console
    console.warn(`Skipping "${title}": ${missing}`);
    // A wrapper of describe: the title and the tests are its callers'.
    // eslint-disable-next-line jest/no-disabled-tests, jest/valid-describe-callback
    describe.skip(`${title} (skipped: ${missing})`, tests);
    return;
  }
  // eslint-disable-next-line jest/valid-title
  describe(title, () => {
    beforeAll(() => {
      if (!installed) throw new Error(`CI must run "${title}": ${missing}`);
    });
    tests();
  });
}
