/* eslint-disable no-console */
/**
 * The peer of the SLO benchmark: a real Prometheus (Debian's, backfilled with
 * promtool) evaluating the same windows on the same data as the built-in store.
 * Its best case: ONE instant query per window for the whole fleet,
 * `sum by (slo, code) (increase(bench_requests_total[W]))`, then the same
 * `evaluateSlo` on the sums.
 */
import {
  BURN_RATE_WINDOWS,
  BURN_RATE_WINDOW_MS,
  SloDefinition,
  SloStatus,
  WindowCounts,
  evaluateSlo,
} from '@sre-catalog/backstage-plugin-sre-common';
import { once } from 'node:events';
import { WriteStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { startPrometheus } from '../src/__testUtils__/prometheus/startPrometheus';
import { PrometheusWindowSliData } from '../src/slos/prometheus/PrometheusWindowSliData';
import { promDuration } from '../src/slos/prometheus/buildWindowQuery';

/** Counter samples of one SLO: `[timeMs, cumulative good, cumulative bad]`. */
export type CounterSamples = (i: number) => Iterable<[number, number, number]>;

const BLOCK_MS = 2 * 3_600_000;

/** The counters as OpenMetrics files, one per 2-hour block (see startPrometheus). */
export async function writeCounters(
  dir: string,
  n: number,
  samples: CounterSamples,
): Promise<string[]> {
  const header =
    '# HELP bench_requests Requests per SLO\n# TYPE bench_requests counter\n';
  const files = new Map<number, WriteStream>();
  const streamOf = (block: number) => {
    let out = files.get(block);
    if (!out) {
      out = createWriteStream(path.join(dir, `${block}.om`), {
        highWaterMark: 1 << 20,
      });
      out.write(header);
      files.set(block, out);
    }
    return out;
  };
  for (let i = 0; i < n; i++) {
    const lines = new Map<number, { ok: string[]; err: string[] }>();
    const okLabels = `bench_requests_total{slo="${i}",code="ok"} `;
    const errLabels = `bench_requests_total{slo="${i}",code="error"} `;
    for (const [t, good, bad] of samples(i)) {
      const block = Math.floor(t / BLOCK_MS);
      let l = lines.get(block);
      if (!l) {
        l = { ok: [], err: [] };
        lines.set(block, l);
      }
      const ts = ` ${t / 1000}`;
      l.ok.push(okLabels + good + ts);
      l.err.push(errLabels + bad + ts);
    }
    for (const [block, l] of lines) {
      const out = streamOf(block);
      if (!out.write(`${l.ok.join('\n')}\n${l.err.join('\n')}\n`)) {
        await once(out, 'drain');
      }
    }
  }
  for (const out of files.values()) {
    out.end('# EOF\n');
    await once(out, 'finish');
  }
  return [...files.keys()]
    .sort((a, b) => a - b)
    .map(block => path.join(dir, `${block}.om`));
}

async function metric(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find(l => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

/**
 * Backfilled blocks are 2 h long; Prometheus compacts them into larger ones in the
 * background (its first compaction starts a minute after start). Measuring during
 * that would slow it down, so wait until the block count stays put.
 */
export async function waitForCompaction(baseUrl: string, maxMs: number) {
  const t0 = Date.now();
  let last = NaN;
  let stableSince = Date.now();
  while (Date.now() - t0 < maxMs) {
    await new Promise(r => setTimeout(r, 5_000));
    const blocks = await metric(baseUrl, 'prometheus_tsdb_blocks_loaded');
    if (blocks !== last) {
      last = blocks;
      stableSince = Date.now();
    } else if (Date.now() - t0 > 75_000 && Date.now() - stableSince > 20_000) {
      break;
    }
  }
  return {
    blocks: last,
    waitedMs: Date.now() - t0,
    compactions: await metric(baseUrl, 'prometheus_tsdb_compactions_total'),
  };
}

export type PeerResult = {
  importMs: number;
  samples: number;
  blocks: number;
  compactionWaitMs: number;
  runsMs: number[];
  statuses: Map<string, SloStatus>;
};

/** The window lengths `evaluateSlo` asks of an Occurrences SLO ending now. */
function windowSeconds(defs: SloDefinition[]): number[] {
  const seconds = new Set<number>(
    BURN_RATE_WINDOWS.map(w => BURN_RATE_WINDOW_MS[w] / 1000),
  );
  for (const d of defs) {
    if (d.timeWindow.kind !== 'rolling') {
      throw new Error('the peer evaluates rolling windows only');
    }
    seconds.add(d.timeWindow.durationMs / 1000);
  }
  return [...seconds];
}

export async function benchPrometheus(options: {
  n: number;
  nowMs: number;
  samples: CounterSamples;
  samplesPerSlo: number;
  definition(i: number): SloDefinition;
  runs: number;
}): Promise<PeerResult> {
  const { n, nowMs } = options;
  const t0 = Date.now();
  const prometheus = await startPrometheus({
    writeOpenMetrics: dir => writeCounters(dir, n, options.samples),
    // The default (50 M) refuses a 30-day window over 1,000 SLOs of per-minute
    // samples; an operator would raise it, so do we.
    args: ['--query.max-samples=500000000', '--query.timeout=10m'],
    readyTimeoutMs: 300_000,
  });
  const importMs = Date.now() - t0;
  try {
    const settled = await waitForCompaction(prometheus.baseUrl, 15 * 60_000);
    console.log(
      `    (Prometheus: ${n} SLOs, ${(
        (options.samplesPerSlo * 2 * n) /
        1e6
      ).toFixed(1)} M samples imported in ${(importMs / 1000).toFixed(0)} s; ${
        settled.blocks
      } blocks after ${settled.compactions} compactions, waited ${(
        settled.waitedMs / 1000
      ).toFixed(0)} s for them)`,
    );
    const defs = Array.from({ length: n }, (_, i) => options.definition(i));
    const windows = windowSeconds(defs);
    const runsMs: number[] = [];
    let statuses = new Map<string, SloStatus>();
    for (let run = 0; run < options.runs; run++) {
      const r0 = process.hrtime.bigint();
      const sums = new Map<number, Map<number, WindowCounts>>();
      for (const seconds of windows) {
        const query = `sum by (slo, code) (increase(bench_requests_total[${promDuration(
          seconds,
        )}]))`;
        const url = `${
          prometheus.baseUrl
        }/api/v1/query?query=${encodeURIComponent(query)}&time=${nowMs / 1000}`;
        const res = await fetch(url);
        const body = (await res.json()) as {
          status: string;
          error?: string;
          data: {
            result: Array<{
              metric: Record<string, string>;
              value: [number, string];
            }>;
          };
        };
        if (body.status !== 'success') {
          throw new Error(`Prometheus: ${body.error ?? res.status}`);
        }
        for (const { metric: m, value } of body.data.result) {
          const slo = Number(m.slo);
          let perSlo = sums.get(slo);
          if (!perSlo) {
            perSlo = new Map(windows.map(w => [w, { good: 0, total: 0 }]));
            sums.set(slo, perSlo);
          }
          const c = perSlo.get(seconds)!;
          const v = Number(value[1]);
          if (m.code === 'ok') c.good += v;
          c.total += v;
        }
      }
      const next = new Map<string, SloStatus>();
      defs.forEach((d, i) => {
        const data = new PrometheusWindowSliData(
          nowMs,
          sums.get(i) ?? new Map(windows.map(w => [w, { good: 0, total: 0 }])),
        );
        const { hasData, ...status } = evaluateSlo(d, data, nowMs);
        next.set(d.ref, { ...status, dataState: hasData ? 'ok' : 'no-data' });
      });
      runsMs.push(Number(process.hrtime.bigint() - r0) / 1e6);
      statuses = next;
    }
    return {
      importMs,
      samples: options.samplesPerSlo * 2 * n,
      blocks: settled.blocks,
      compactionWaitMs: settled.waitedMs,
      runsMs,
      statuses,
    };
  } finally {
    await prometheus.stop();
  }
}
