/**
 * Seeding the load test's backend: the catalog takes in the generated
 * organisation, then SLI data and postmortems go in through the API and the
 * evaluator stores every status.
 */
import { ChildProcess } from 'node:child_process';
import {
  forEachConcurrently,
  guestToken,
  waitFor,
  waitForStatuses,
} from './backendHarness';
import {
  BASE,
  POSTMORTEMS,
  SEED_TOKEN,
  SERVICES,
  api,
  org,
} from './loadTestSettings';

async function countOf(kind: string, token: string): Promise<number> {
  const r = await api<{ totalItems: number }>(
    `/api/catalog/entities/by-query?filter=kind=${kind}&limit=1`,
    token,
  );
  return r.totalItems;
}

/** SLI data for every SLO, 1,000 SLOs per batch push, retried while the catalog or queue catches up. */
async function pushSliData(nowMs: number) {
  for (let from = 0; from < SERVICES; from += 1000) {
    const body = JSON.stringify(org.sliBatch(from, from + 1000, nowMs, 24));
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${BASE}/api/sre/slos/events`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${SEED_TOKEN}`,
          'Content-Type': 'application/json',
        },
        body,
      });
      if (res.ok) break;
      const text = await res.text();
      if (attempt >= 30) {
        throw new Error(`push of SLOs ${from}..: ${res.status} ${text}`);
      }
      // 503: the queue is full; 400 Unknown SLO: not yet visible to the pusher.
      const retryAfter = Number(res.headers.get('retry-after') ?? 5);
      await new Promise(r => setTimeout(r, retryAfter * 1000));
    }
  }
}

async function createPostmortems(nowMs: number) {
  await forEachConcurrently(POSTMORTEMS, 8, i =>
    api('/api/sre/postmortems', SEED_TOKEN, {
      method: 'POST',
      body: JSON.stringify(org.postmortem(i, nowMs)),
    }),
  );
}

/** Resolves once the backend holds the organisation, its SLI data, postmortems and statuses. */
export async function seedOrganisation(
  backend: ChildProcess,
  since: () => string,
) {
  const guest = await guestToken(BASE);
  const visibleServices = SERVICES - Math.ceil(SERVICES / 10);
  await waitFor(
    'the catalog to hold the generated organisation',
    async () =>
      (await countOf('slo', guest)) >= SERVICES &&
      (await countOf('system', guest)) >= org.systems &&
      (await countOf('component', guest)) >= visibleServices
        ? true
        : undefined,
    1_800_000,
    backend,
    5000,
  );
  console.log(`  (catalog processed the organisation after ${since()})`);
  await pushSliData(Date.now());
  console.log(`  (SLI data of ${SERVICES} SLOs pushed after ${since()})`);
  await createPostmortems(Date.now());
  console.log(`  (${POSTMORTEMS} postmortems written after ${since()})`);
  await waitForStatuses(api, guest, visibleServices, 1_200_000, backend);
  console.log(`  (statuses stored after ${since()})`);
}
