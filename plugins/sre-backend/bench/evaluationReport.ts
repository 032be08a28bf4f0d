/* eslint-disable no-console */
/** How the SLO benchmark prints its figures: durations, status writes, the summary table. */
import { StatusWrites } from '../src/slos/status/SloStatusStore';
import { OursResult, TickFigures, median } from './databaseStore';
import type { Row } from './dataSetRuns';
import { PeerResult } from './prometheusPeer';

function same(peer: PeerResult | undefined, problems: string[]) {
  if (!peer) return '-';
  return problems.length ? 'NO' : 'yes';
}

/** Rows and bytes the status store wrote: steady runs, the next intervals, the first save. */
export function writesText({ writes }: OursResult) {
  const rows = (x: StatusWrites) =>
    `${x.statusRows} status + ${x.historyRows} history rows, ${(
      x.bytes / 1024
    ).toFixed(1)} kB`;
  const most = writes.steady.reduce(
    (a, b) =>
      b.statusRows + b.historyRows > a.statusRows + a.historyRows ? b : a,
    writes.steady[0],
  );
  const later = writes.later
    .map(x => `${x.afterMs / 1000} s later ${rows(x)} in ${fmt(x.ms)}`)
    .join(', ');
  return `steady runs at most ${
    most ? rows(most) : 'none'
  }; on the same data ${later}; first save (all rows new) ${rows(
    writes.first,
  )} in ${fmt(writes.first.ms)}`;
}

export function fmt(ms: number) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

/** The summary: (a) against Prometheus and the floor, (b) per database, where (c) is. */
export function printSummary(
  rows: Row[],
  ticks: TickFigures[],
  tickSlos: number,
) {
  console.log('\n=== Summary ===');
  console.log(
    '(a) full-fleet status recompute; ratio = Prometheus time / ours (higher is better for ours)',
  );
  console.log(
    `    ${'data set'.padEnd(26)} ${'SLOs'.padStart(6)} ${'Prometheus'.padStart(
      11,
    )} ${'ours steady'.padStart(12)} ${'ratio'.padStart(
      8,
    )} ${'ours cold'.padStart(10)} ${'ratio'.padStart(8)}  same numbers`,
  );
  for (const { set, ours, peer, problems } of rows) {
    const steady = median(ours.steadyMs);
    const peerMs = peer ? median(peer.runsMs) : NaN;
    const name = set.name.startsWith('hourly')
      ? 'hourly rollups'
      : 'raw per-minute';
    console.log(
      `    ${name.padEnd(26)} ${String(set.n).padStart(6)} ${(peer
        ? fmt(peerMs)
        : '-'
      ).padStart(11)} ${fmt(steady).padStart(12)} ${(peer
        ? `${(peerMs / steady).toFixed(1)}x`
        : '-'
      ).padStart(8)} ${fmt(ours.coldMs).padStart(10)} ${(peer
        ? `${(peerMs / ours.coldMs).toFixed(2)}x`
        : '-'
      ).padStart(8)}  ${same(peer, problems)}`,
    );
  }
  console.log(
    '    targets: steady >= 100x and cold >= 3x Prometheus on hourly rollups, >= 10x on raw per-minute counters (steady: the evaluator every 30 s; cold: its first run after a start)',
  );
  console.log(
    `    ${'data set'.padEnd(26)} ${'floor'.padStart(
      8,
    )} ${'ours/floor'.padStart(11)} ${'heap +MB'.padStart(
      9,
    )} ${'RSS +MB'.padStart(
      8,
    )}  (targets: ours within 3x of the floor; <= 400 MB at 10,000 SLOs)`,
  );
  for (const { set, ours, floorMs } of rows) {
    const name = set.name.startsWith('hourly')
      ? 'hourly rollups'
      : 'raw per-minute';
    console.log(
      `    ${name.padEnd(26)} ${fmt(floorMs).padStart(8)} ${`${(
        median(ours.steadyMs) / floorMs
      ).toFixed(1)}x`.padStart(11)} ${ours.memory.heapMb
        .toFixed(0)
        .padStart(9)} ${ours.memory.rssMb.toFixed(0).padStart(8)}`,
    );
  }
  if (ticks.length) {
    console.log(
      `(b) one ingest tick of ${tickSlos} SLOs x 1 minute: accepting it is the push's write (target: well under 100 ms); applying it runs before the next evaluation`,
    );
  }
  const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(9);
  for (const t of ticks) {
    console.log(
      `    ${t.name.padEnd(18)} accept median ${ms(t.appendMs)}, max ${ms(
        t.appendMaxMs,
      )}   whole push API call median ${ms(t.api.medianMs)}, max ${ms(
        t.api.maxMs,
      )}   apply median ${ms(t.applyMs)}, max ${ms(t.applyMaxMs)}`,
    );
  }
  console.log('(c) run `yarn bench:read` (the read path under 16 clients)');
}
