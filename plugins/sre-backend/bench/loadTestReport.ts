/** The load test's report: the table of measured endpoints, a note on reading it, the targets. */
import { rateMet } from './fixedRateLoad';
import { Row } from './loadTestRuns';

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '-');

export function printTable(rows: Row[]) {
  const catalog = rows.find(r => r.endpoint.role === 'catalog')!;
  const header = [
    'endpoint'.padEnd(42),
    'rate/s'.padStart(6),
    'sent/due'.padStart(11),
    'first ms'.padStart(9),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'p99 sent'.padStart(9),
    'errors'.padStart(7),
    'ELD p99/max ms'.padStart(15),
    'RSS MiB'.padStart(8),
    'p99/cat'.padStart(8),
  ].join(' ');
  console.log(`\n${header}\n${'-'.repeat(header.length)}`);
  for (const { endpoint, firstMs, result: r, eventLoop, rssMb } of rows) {
    const lowerBound = rateMet(r) ? '' : '≥';
    console.log(
      [
        endpoint.label.padEnd(42),
        String(r.rate).padStart(6),
        `${r.sent}/${r.due}`.padStart(11),
        ms(firstMs).padStart(9),
        ms(r.p50).padStart(8),
        `${lowerBound}${ms(r.p99)}`.padStart(8),
        ms(r.sentP99).padStart(9),
        String(r.non2xx + r.socketErrors).padStart(7),
        `${ms(eventLoop.p99)}/${ms(eventLoop.max)}`.padStart(15),
        rssMb.toFixed(0).padStart(8),
        (r.p99 / catalog.result.p99).toFixed(2).padStart(8),
      ].join(' '),
    );
  }
  for (const { endpoint, result: r } of rows) {
    if (r.non2xx + r.socketErrors) {
      console.log(
        `  ${endpoint.label}: ${r.codes}; ${r.socketErrors} socket errors; first: ${r.firstError}`,
      );
    }
  }
}

export function printTargets(rows: Row[]): boolean {
  const catalog = rows.find(r => r.endpoint.role === 'catalog')!.result;
  const of = (role: Row['endpoint']['role']) =>
    rows.filter(r => r.endpoint.role === role);
  const targets: Array<[string, boolean]> = [
    [
      'zero errors (non-2xx and socket) on every endpoint',
      rows.every(r => r.result.non2xx + r.result.socketErrors === 0),
    ],
    [
      'every endpoint kept its rate (sent at least 95% of what was due)',
      rows.every(r => rateMet(r.result)),
    ],
    ...of('status')
      .concat(of('list'))
      .map((r): [string, boolean] => [
        `${r.endpoint.label} p99 ${ms(r.result.p99)} ms <= catalog p99 ${ms(
          catalog.p99,
        )} ms`,
        r.result.p99 <= catalog.p99,
      ]),
    ...of('rollup').map((r): [string, boolean] => [
      `${r.endpoint.label} p99 ${ms(r.result.p99)} ms < 250 ms`,
      r.result.p99 < 250,
    ]),
  ];
  console.log('\nTargets:');
  for (const [what, ok] of targets) {
    console.log(`  ${ok ? 'PASS' : 'MISS'}  ${what}`);
  }
  return targets.every(([, ok]) => ok);
}

/** What the table's "≥" and ELD mean, after the backend's peak memory. */
export function printReadingNote(peakMb: number) {
  console.log(
    `\nBackend peak RSS ${peakMb.toFixed(
      0,
    )} MiB. Latency against the schedule; "≥": ` +
      `the rate was not kept, so p99 is a lower bound. ELD: how late the backend's event loop ran, over each run.`,
  );
}
