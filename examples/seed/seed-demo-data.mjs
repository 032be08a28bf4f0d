#!/usr/bin/env node
// Seeds the demo organisation with 30 days of realistic SLI data through the SRE
// backend's push API (the same API an exporter or CI job would use), then, with
// --follow, keeps pushing one minute at a time so the pages stay alive.
//
//   node examples/seed/seed-demo-data.mjs [--url http://localhost:7007] [--follow]
//
// It calls the API with the demo's static external access token (app-config.yaml,
// backend.auth.externalAccess; SRE_SEED_TOKEN overrides it), as a CI job would: a
// service principal restricted to sre.slo.events.create, sre.postmortem.create and
// sre.postmortem.read (and the catalog), so it reaches the restricted service's SLO
// too. Then it writes the demo postmortems (seed-postmortems.mjs), after the data,
// so that the budgets they leave out are computed from it.

import { SEED_TOKEN, seedPostmortems } from './seed-postmortems.mjs';

const args = process.argv.slice(2);
const BASE = args.includes('--url')
  ? args[args.indexOf('--url') + 1]
  : 'http://localhost:7007';
const FOLLOW = args.includes('--follow');

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Whether `t` is in the hours [fromHour, toHour) of the UTC day `daysAgo` days ago. */
function duringDay(t, now, daysAgo, fromHour, toHour) {
  const midnight = Math.floor((now - daysAgo * DAY) / DAY) * DAY;
  return t >= midnight + fromHour * HOUR && t < midnight + toHour * HOUR;
}

/** Deterministic noise, so every start shows the same story. */
function noise(seed) {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

/** Requests per minute with a daily rhythm: quiet nights, busy evenings (UTC). */
function trafficAt(t, perMinute) {
  const hour = new Date(t).getUTCHours() + new Date(t).getUTCMinutes() / 60;
  const daily = 0.55 + 0.45 * Math.sin(((hour - 10) / 24) * 2 * Math.PI);
  return Math.max(1, Math.round(perMinute * daily * (0.9 + 0.2 * noise(t))));
}

/**
 * Each demo SLO: its traffic and its error ratio over time (as a multiple of the
 * budget, i.e. the burn rate). Together they show every state of the SLO pages.
 */
const SCENARIOS = [
  {
    slo: 'checkout-api-availability', // healthy
    target: 0.999,
    perMinute: 1200,
    burnAt: () => 0.3,
  },
  {
    slo: 'payment-gateway-authorisations', // fast burn right now: page
    target: 0.9995,
    perMinute: 800,
    burnAt: (t, now) => {
      if (t >= now - 75 * MIN) return 25;
      // The provider failover of the seeded postmortem, 17 days ago 14:00-16:00 UTC:
      // about a quarter of the budget, at peak traffic.
      if (duringDay(t, now, 17, 14, 16)) return 50;
      return 0.3;
    },
  },
  {
    slo: 'product-search-latency', // slow burn for days: ticket
    target: 0.99,
    perMinute: 2000,
    burnAt: (t, now) => {
      // An outage 9 days ago (a quarter of the budget at peak traffic) that nobody
      // wrote a postmortem for: the library lists it as required by the policy.
      if (duringDay(t, now, 9, 14, 16)) return 50;
      return t >= now - 4 * DAY ? 1.6 : 0.5;
    },
  },
  {
    slo: 'refund-processing', // budget exhausted this month
    target: 0.995,
    perMinute: 60,
    burnAt: () => 1.3,
  },
  {
    slo: 'storefront-good-minutes', // time slices: one bad hour, a few bad minutes
    target: 0.995,
    perMinute: 900,
    burnAt: (t, now) => {
      // The campaign slowdown of the seeded postmortem, 12 days ago 18:00-19:00 UTC.
      if (duringDay(t, now, 12, 18, 19)) return 30;
      return (now - t) % (7 * HOUR) < MIN ? 40 : 0.2; // a bad minute every 7 hours
    },
  },
  {
    slo: 'fraud-detection-decisions', // restricted: only risk-engineering sees it
    target: 0.99,
    perMinute: 30,
    burnAt: (t, now) => {
      // The rule misfire of the seeded postmortem, 6 days ago 08:00-11:00 UTC.
      if (duringDay(t, now, 6, 8, 11)) return 20;
      return 0.4;
    },
  },
  {
    slo: 'ci-runners-job-start', // an offering's own SLO (offerings.yaml): healthy
    target: 0.99,
    perMinute: 120,
    burnAt: () => 0.4,
  },
  {
    slo: 'observability-alert-delivery', // an offering's SLO: a slow burn this week
    target: 0.999,
    perMinute: 40,
    burnAt: (t, now) => (t >= now - 5 * DAY ? 1.8 : 0.6),
  },
  // sign-in-success gets no data on purpose: its tab explains "no data yet".
];

function bucket(scenario, start, minutes, now) {
  let good = 0;
  let total = 0;
  for (let m = 0; m < minutes; m++) {
    const t = start + m * MIN;
    const n = trafficAt(t, scenario.perMinute);
    const errorRatio = Math.min(
      1,
      scenario.burnAt(t, now) *
        (1 - scenario.target) *
        (0.8 + 0.4 * noise(t + 7)),
    );
    // Round randomly, so rare errors still show up at low traffic.
    const expected = n * errorRatio;
    const bad = Math.min(
      n,
      Math.floor(expected) + (noise(t + 13) < expected % 1 ? 1 : 0),
    );
    good += n - bad;
    total += n;
  }
  return { start: new Date(start).toISOString(), good, total };
}

async function request(path, init = {}, token) {
  const res = await fetch(`${BASE}${path}`, {
    ...init,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...init.headers,
    },
  });
  if (!res.ok) {
    throw new Error(
      `${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`,
    );
  }
  return res.json();
}

async function waitFor(what, fn, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

async function push(token, slo, buckets, bucketSeconds) {
  await request(
    `/api/sre/slos/default/${slo}/events`,
    // A backfill: re-seeding a kept database replaces the stored 30 days.
    {
      method: 'POST',
      body: JSON.stringify({ bucketSeconds, buckets, replace: true }),
    },
    token,
  );
}

async function main() {
  await waitFor(
    'the backend',
    async () => (await fetch(`${BASE}/.backstage/health/v1/readiness`)).ok,
  );
  // The catalog needs a moment to ingest the SLO files.
  await waitFor('the demo SLOs in the catalog', async () => {
    const { items } = await request(
      '/api/catalog/entities/by-query?filter=kind=slo&fields=metadata.name',
      {},
      SEED_TOKEN,
    );
    const names = new Set(items.map(e => e.metadata.name));
    return SCENARIOS.every(s => names.has(s.slo));
  });

  const now = Math.floor(Date.now() / MIN) * MIN;
  // Fine (1-minute) buckets for the last 3 days and 2 hours, whole hours before.
  const fineFrom = Math.floor((now - 3 * DAY - 2 * HOUR) / HOUR) * HOUR;
  const t0 = Date.now();
  for (const s of SCENARIOS) {
    const hours = [];
    for (
      let t = Math.floor((now - 30 * DAY) / HOUR) * HOUR;
      t < fineFrom;
      t += HOUR
    ) {
      hours.push(bucket(s, t, 60, now));
    }
    await push(SEED_TOKEN, s.slo, hours, 3600);
    const minutes = [];
    for (let t = fineFrom; t < now; t += MIN)
      minutes.push(bucket(s, t, 1, now));
    await push(SEED_TOKEN, s.slo, minutes, 60);
  }
  console.log(
    `[seed] pushed 30 days of SLI data for ${SCENARIOS.length} SLOs in ${
      Date.now() - t0
    } ms`,
  );

  // Pushes are applied by the next evaluation; the postmortems' budgets are
  // computed from the applied data, so wait until the queue is empty.
  await waitFor('the pushes to be applied', async () => {
    const { queue, lastSuccessfulRunAt } = await request(
      '/api/sre/slos/evaluator',
      {},
      SEED_TOKEN,
    );
    return queue.rows === 0 && lastSuccessfulRunAt !== null;
  });
  console.log(`[seed] SLI data applied after ${Date.now() - t0} ms`);

  await seedPostmortems({ baseUrl: BASE, token: SEED_TOKEN });

  if (!FOLLOW) return;
  let last = now;
  setInterval(async () => {
    try {
      const upTo = Math.floor(Date.now() / MIN) * MIN;
      for (const s of SCENARIOS) {
        const minutes = [];
        for (let t = last; t < upTo; t += MIN)
          minutes.push(bucket(s, t, 1, now));
        if (minutes.length) await push(SEED_TOKEN, s.slo, minutes, 60);
      }
      last = upTo;
    } catch (e) {
      console.error(`[seed] live push failed: ${e.message}`);
    }
  }, MIN);
}

main().catch(e => {
  console.error(`[seed] ${e.message}`);
  process.exit(1);
});
