/**
 * What the load test reads of the backend process from outside its HTTP API: its
 * event-loop delay, measured inside it by eventLoopDelayPreload.cjs, and its memory
 * from /proc/<pid>/status.
 */
import fs from 'node:fs';
import path from 'node:path';

export type EventLoopDelay = {
  seq: number;
  samples: number;
  p50: number;
  p99: number;
  max: number;
};

/** NODE_OPTIONS and variables that make a node process measure its event loop into `file`. */
export function eventLoopDelayEnv(file: string): Record<string, string> {
  const preload = path.join(__dirname, 'eventLoopDelayPreload.cjs');
  return {
    NODE_OPTIONS: `${
      process.env.NODE_OPTIONS ?? ''
    } --require ${preload}`.trim(),
    SRE_BENCH_ELD_FILE: file,
  };
}

/**
 * The event-loop delay of process `pid` since the last call (the first call only
 * starts the window), read from `file` once the process answered the signal.
 */
export async function readEventLoopDelay(
  pid: number,
  file: string,
): Promise<EventLoopDelay> {
  const seqOf = () => {
    try {
      return (JSON.parse(fs.readFileSync(file, 'utf8')) as EventLoopDelay).seq;
    } catch {
      return 0;
    }
  };
  const before = seqOf();
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 20));
    if (seqOf() > before) {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as EventLoopDelay;
    }
  }
  throw new Error(
    `the backend (pid ${pid}) wrote no event-loop delay to ${file}`,
  );
}

/** Resident memory now and at its peak, MiB, of process `pid`. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}
