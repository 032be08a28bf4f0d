/**
 * Preloaded into the benchmarked backend (NODE_OPTIONS=--require ...) by
 * loadTest.ts: measures the backend's own event-loop delay with
 * monitorEventLoopDelay. On SIGUSR2 it writes what it measured since the last
 * signal to $SRE_BENCH_ELD_FILE (JSON, milliseconds the loop was late) and starts
 * over, so that the benchmark reads one window per endpoint. Does nothing without
 * that variable, which it removes, so that processes the backend starts do not
 * answer too.
 */
const fs = require('node:fs');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const file = process.env.SRE_BENCH_ELD_FILE;
delete process.env.SRE_BENCH_ELD_FILE;
if (file) {
  // The histogram holds the time between two timer turns: the resolution plus the delay.
  const resolutionMs = 5;
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  let seq = 0;
  const lateMs = ns => Math.max(0, ns / 1e6 - resolutionMs);
  process.on('SIGUSR2', () => {
    const report = {
      seq: ++seq,
      pid: process.pid,
      samples: histogram.count,
      p50: lateMs(histogram.percentile(50)),
      p99: lateMs(histogram.percentile(99)),
      max: lateMs(histogram.max),
    };
    histogram.reset();
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(report));
    fs.renameSync(`${file}.tmp`, file);
  });
}
