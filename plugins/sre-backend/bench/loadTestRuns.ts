/**
 * The measured phase of the load test: per endpoint a timed first call, a
 * warm-up, then the fixed-rate run with the backend's event-loop delay and memory.
 */
import { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { guestToken } from './backendHarness';
import { EventLoopDelay, memoryOf, readEventLoopDelay } from './backendProbe';
import { FixedRateLoadResult, fixedRateLoad } from './fixedRateLoad';
import { Endpoint, endpoints } from './loadTestEndpoints';
import { BASE, CONNECTIONS, SECONDS } from './loadTestSettings';

export type Row = {
  endpoint: Endpoint;
  firstMs: number;
  result: FixedRateLoadResult;
  eventLoop: EventLoopDelay;
  rssMb: number;
};

async function timedFirstCall(e: Endpoint): Promise<number> {
  const r = e.requests[0];
  const started = performance.now();
  const res = await fetch(`${BASE}${r.path}`, {
    method: r.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${e.token}`,
      'Content-Type': 'application/json',
    },
    body: r.body,
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${e.label}: first call answered ${res.status}`);
  return performance.now() - started;
}

/** Every endpoint in turn; `eldFile` is where the backend writes its event-loop delay. */
export async function measureEndpoints(
  backend: ChildProcess,
  eldFile: string,
  since: () => string,
): Promise<Row[]> {
  const rows: Row[] = [];
  // A new token: seeding a large organisation can take most of a guest token's life.
  for (const endpoint of endpoints(await guestToken(BASE))) {
    const firstMs = await timedFirstCall(endpoint);
    const load = (seconds: number) =>
      fixedRateLoad({
        origin: BASE,
        requests: endpoint.requests,
        headers: {
          Authorization: `Bearer ${endpoint.token}`,
          'Content-Type': 'application/json',
        },
        rate: endpoint.rate,
        seconds,
        connections: CONNECTIONS,
      });
    await load(2); // warm-up, not measured
    await readEventLoopDelay(backend.pid!, eldFile); // starts the window
    const result = await load(SECONDS);
    const eventLoop = await readEventLoopDelay(backend.pid!, eldFile);
    rows.push({
      endpoint,
      firstMs,
      result,
      eventLoop,
      rssMb: memoryOf(backend.pid!).rssMb,
    });
    console.log(`  (${endpoint.label} measured after ${since()})`);
  }
  return rows;
}
