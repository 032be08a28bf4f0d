import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

/**
 * Runs `fn` under the V8 CPU profiler when SRE_BENCH_PROFILE names a directory,
 * writing `<name>.cpuprofile` there (open it in Chrome's DevTools); otherwise just
 * runs it. For finding where the evaluator's time goes, not for the figures.
 */
export async function profiled<T>(name: string, fn: () => Promise<T>) {
  const dir = process.env.SRE_BENCH_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(
      path.join(dir, `${name}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  }
}
