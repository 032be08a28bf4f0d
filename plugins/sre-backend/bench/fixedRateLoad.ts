/**
 * A bounded load at a fixed request rate, driven by autocannon, whose latencies are
 * measured against the schedule rather than from the moment a request went out.
 *
 * Why not autocannon's own numbers: it paces each connection per one-second window
 * (up to `rate` requests back to back, then a pause until the next second, with the
 * windows of all connections of one run aligned), and its coordinated-omission
 * correction assumes requests 1 ms apart whatever the rate (`Math.ceil(1 / rate)` in
 * lib/run.js), which buries slow answers under made-up fast ones. So: one autocannon
 * run of one connection per share of the rate, the runs started evenly spread over
 * a second, so that the requests are spread too rather than sent in bursts; its
 * correction off; and each connection's k-th request taken to be due at
 * `start + k / rate`. A request's latency is its answer's time minus the earlier of
 * when it was due and when it was sent: a request sent late, because the previous
 * one on its connection had not come back, counts its wait, and a server that falls
 * behind sees its latencies grow as they would for callers who do not wait for each
 * other. Requests due but never sent, or sent and never answered, by the end count
 * with their age at the end (a lower bound), and the rate shows as not met.
 */
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';

export type FixedRateRequest = {
  method?: 'GET' | 'POST';
  path: string;
  body?: string;
  /** Added to the run's headers for this request (e.g. another caller's token). */
  headers?: Record<string, string>;
};

export type FixedRateLoadOptions = {
  /** Origin, e.g. http://127.0.0.1:7373. */
  origin: string;
  /** Sent in turn by each connection. */
  requests: FixedRateRequest[];
  headers: Record<string, string>;
  /** Requests per second, over all connections. */
  rate: number;
  seconds: number;
  /** Connections (each its own autocannon run) at most, never more than `rate`. Default 10. */
  connections?: number;
  /** Seconds before a request counts as a timeout. Default 30. */
  timeoutSeconds?: number;
};

export type FixedRateLoadResult = {
  rate: number;
  seconds: number;
  /** Requests the schedule had due before the end. */
  due: number;
  sent: number;
  answered: number;
  /** Latency against the schedule, ms (see the file comment). */
  p50: number;
  p99: number;
  /** Latency from sending, as a closed-loop client sees it, ms. */
  sentP99: number;
  /** Non-2xx answers. */
  non2xx: number;
  /** Socket errors and timeouts. */
  socketErrors: number;
  codes: string;
  firstError: string;
};

type Connection = {
  rate: number;
  start?: number;
  /** When its autocannon run stops sending. */
  end: number;
  sent: number;
  inflight: Array<{ index: number; sentAt: number }>;
};

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
}

export async function fixedRateLoad(
  options: FixedRateLoadOptions,
): Promise<FixedRateLoadResult> {
  if (!Number.isInteger(options.rate) || options.rate < 1) {
    throw new Error(
      `rate must be a whole number of at least 1, not ${options.rate}`,
    );
  }
  const count = Math.max(1, Math.min(options.rate, options.connections ?? 10));
  const connections: Connection[] = [];
  const scheduled: number[] = [];
  const fromSend: number[] = [];
  const errors = { first: '' };
  const runs = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      // The rate shared out in whole requests per second, the starts spread out.
      const rate =
        Math.floor(options.rate / count) + (i < options.rate % count ? 1 : 0);
      await new Promise(r => setTimeout(r, (i * 1000) / count));
      const c: Connection = {
        rate,
        sent: 0,
        inflight: [],
        end: performance.now() + options.seconds * 1000,
      };
      connections.push(c);
      return autocannon({
        url: options.origin,
        requests: options.requests.map(r => ({
          method: r.method ?? 'GET',
          path: r.path,
          body: r.body,
          headers: r.headers,
        })),
        headers: options.headers,
        connections: 1,
        connectionRate: rate,
        ignoreCoordinatedOmission: true,
        duration: options.seconds,
        timeout: options.timeoutSeconds ?? 30,
        setupClient: client => observe(client, c, scheduled, fromSend, errors),
      });
    }),
  );
  let due = 0;
  let sent = 0;
  for (const c of connections) {
    sent += c.sent;
    if (c.start === undefined) continue;
    // autocannon stops sending `seconds` after it started; what was due or out then counts.
    const end = Math.min(performance.now(), c.end);
    const dueHere = Math.ceil(((end - c.start) * c.rate) / 1000);
    due += Math.max(dueHere, c.sent);
    for (const r of c.inflight) {
      const dueAt = c.start + (r.index * 1000) / c.rate;
      scheduled.push(Math.max(0, end - Math.min(r.sentAt, dueAt)));
    }
    for (let k = c.sent; k < dueHere; k++) {
      scheduled.push(end - (c.start + (k * 1000) / c.rate));
    }
  }
  scheduled.sort((a, b) => a - b);
  fromSend.sort((a, b) => a - b);
  const codes = new Map<string, number>();
  for (const run of runs) {
    for (const [code, { count: n }] of Object.entries(run.statusCodeStats)) {
      codes.set(code, (codes.get(code) ?? 0) + Number(n));
    }
  }
  return {
    rate: options.rate,
    seconds: options.seconds,
    due,
    sent,
    answered: fromSend.length,
    p50: percentile(scheduled, 0.5),
    p99: percentile(scheduled, 0.99),
    sentP99: percentile(fromSend, 0.99),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    socketErrors: runs.reduce((n, r) => n + r.errors, 0),
    codes: [...codes].map(([code, n]) => `${n}x ${code}`).join(', '),
    firstError: errors.first,
  };
}

/** Records when each request of the connection went out and came back. */
function observe(
  client: autocannon.Client,
  c: Connection,
  scheduled: number[],
  fromSend: number[],
  errors: { first: string },
) {
  let status = 0;
  let errorBody = '';
  client.on('request', () => {
    const now = performance.now();
    c.start ??= now;
    c.inflight.push({ index: c.sent++, sentAt: now });
  });
  client.on('headers', (h: { statusCode: number }) => {
    status = h.statusCode;
    errorBody = '';
  });
  client.on('body', (chunk: Buffer) => {
    if ((status < 200 || status > 299) && errorBody.length < 300) {
      errorBody += chunk.toString();
    }
  });
  client.on('response', (statusCode: number) => {
    const now = performance.now();
    const request = c.inflight.shift();
    if (statusCode < 200 || statusCode > 299) {
      errors.first ||= `${statusCode} ${errorBody.slice(0, 300)}`;
    }
    if (!request || c.start === undefined) return;
    const due = c.start + (request.index * 1000) / c.rate;
    scheduled.push(now - Math.min(due, request.sentAt));
    fromSend.push(now - request.sentAt);
  });
  // Requests on a broken connection are gone; autocannon counts them as errors.
  const lost = (e?: unknown) => {
    errors.first ||= `socket: ${e ?? 'timeout'}`;
    c.inflight.length = 0;
  };
  client.on('connError', lost);
  client.on('timeout', () => lost());
}

/** Whether the backend kept up: sent nearly everything the schedule had due. */
export function rateMet(r: FixedRateLoadResult): boolean {
  return r.sent >= 0.95 * r.due;
}

/** One line of a result, for the benchmarks that print rows. */
export function formatRateRow(name: string, r: FixedRateLoadResult): string {
  const bound = rateMet(r) ? ' ' : '≥';
  return `  ${name.padEnd(44)} p50 ${r.p50
    .toFixed(2)
    .padStart(7)} ms  p99 ${bound}${r.p99
    .toFixed(2)
    .padStart(7)} ms  (from send ${r.sentP99.toFixed(2).padStart(7)} ms)  ${
    r.sent
  }/${r.due} sent at ${r.rate} req/s  ${r.non2xx + r.socketErrors} errors`;
}
