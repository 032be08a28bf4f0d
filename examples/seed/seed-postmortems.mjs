#!/usr/bin/env node
// Seeds the demo organisation with a realistic set of postmortems through the SRE
// backend's postmortem API (POST /api/sre/postmortems), the way a team would write
// them: several teams and services, SEV1 to SEV4, quick and full (blameless) ones,
// published and draft, impacted SLOs with the error budget each incident consumed,
// and action items, some overdue (due in the past and still open).
//
// Idempotent: a postmortem whose title already exists (GET /postmortems?q=<title>)
// is skipped, so it can run on every `yarn start`. Times are relative to today, so
// the overdue items stay overdue and no incident is in the future.
//
//   node examples/seed/seed-postmortems.mjs [--url http://localhost:7007]
//
// or from another seeder:
//
//   import { seedPostmortems } from './seed-postmortems.mjs';
//   await seedPostmortems({ baseUrl, token });
//
// It calls the API with the demo's static external access token (app-config.yaml,
// backend.auth.externalAccess; SRE_SEED_TOKEN overrides it): a service principal
// restricted to sre.postmortem.create and sre.postmortem.read (and SLI pushes), so
// it can also write the postmortem of the restricted service fraud-detection, which
// the guest user cannot see.

import { pathToFileURL } from 'node:url';

/**
 * The demo seeder's static token: the public default of app-config.yaml, for local
 * development only, or SRE_SEED_TOKEN (set the same variable for the backend).
 */
export const SEED_TOKEN =
  process.env.SRE_SEED_TOKEN ?? 'sre-demo-seed-token-local-only';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Every entity a postmortem below names; the seeder waits for the catalog to have them. */
const REQUIRED_ENTITIES = [
  'component:default/checkout-api',
  'component:default/web-storefront',
  'component:default/payment-gateway',
  'component:default/refund-service',
  'component:default/product-catalog-api',
  'component:default/auth-service',
  'component:default/fraud-scoring',
  'component:default/fraud-detection',
  'slo:default/checkout-api-availability',
  'slo:default/payment-gateway-authorisations',
  'slo:default/product-search-latency',
  'slo:default/sign-in-success',
  'slo:default/storefront-good-minutes',
  'slo:default/fraud-detection-decisions',
  'group:default/checkout-team',
  'group:default/payments-team',
  'group:default/catalog-search-team',
  'group:default/identity-team',
  'group:default/fraud-detection-team',
  'group:default/platform-engineering',
  'group:default/risk-engineering',
  'user:default/priya.nair',
  'user:default/lena.fischer',
  'user:default/mei.lin',
  'user:default/kenji.watanabe',
  'user:default/rahul.mehta',
  'user:default/oskar.lind',
];

/**
 * The demo postmortems. `at(days, hours)` is a time `days` ago (plus `hours`), `day(n)`
 * a date `n` days from today (negative: in the past).
 */
function postmortems({ at, day }) {
  return [
    {
      // The quick one on checkout-api, with an overdue item owned by checkout-team.
      template: 'quick',
      title: 'Checkout 5xx after a payment client config push',
      severity: 'SEV2',
      status: 'published',
      startedAt: at(24, 9.5),
      entityRefs: ['component:default/checkout-api'],
      impactedSlos: [
        {
          sloRef: 'slo:default/checkout-api-availability',
          budgetConsumed: 0.12,
          computed: false,
        },
      ],
      summary:
        'A config push lowered the payment client timeout from 8 s to 800 ms. About 6% of checkouts failed with a 502 for 14 minutes until the push was reverted.',
      tags: ['config', 'deploy'],
      actionItems: [
        {
          title: 'Validate payment client timeouts in the config pipeline',
          owner: 'group:default/checkout-team',
          dueDate: day(-10),
          priority: 'P1',
          status: 'open',
          trackingUrl: 'https://tracker.northwind.example/CHK-1412',
        },
      ],
    },
    {
      template: 'full',
      title: 'Card authorisations failed during a payment provider failover',
      severity: 'SEV1',
      status: 'published',
      startedAt: at(17, 14),
      detectedAt: at(17, 14.1),
      mitigatedAt: at(17, 14.7),
      resolvedAt: at(17, 16),
      entityRefs: [
        'component:default/payment-gateway',
        'component:default/checkout-api',
      ],
      impactedSlos: [
        // Left out: the backend computes it from the SLI data of the incident window.
        { sloRef: 'slo:default/payment-gateway-authorisations' },
        {
          sloRef: 'slo:default/checkout-api-availability',
          budgetConsumed: 0.08,
          computed: false,
        },
      ],
      summary:
        'Our primary card provider degraded in one region. The gateway failed over to the secondary provider, but the secondary still had the rate limit of our 2019 contract, so a third of authorisations were refused for 40 minutes.',
      impact:
        'About 9,400 card payments were declined between 14:06 and 14:42 UTC; roughly 60% of those customers retried successfully later. Checkout conversion dropped by 18% in that window.',
      timeline: [
        { at: at(17, 14), description: 'Provider latency rises in eu-west.' },
        {
          at: at(17, 14.1),
          description:
            'payment-gateway-authorisations fast-burn alert pages the payments on-call.',
        },
        {
          at: at(17, 14.25),
          description:
            'On-call follows the provider failover runbook; traffic moves to the secondary provider.',
        },
        {
          at: at(17, 14.4),
          description:
            'Secondary provider answers 429 for a third of requests; escalated to the central SRE team.',
        },
        {
          at: at(17, 14.7),
          description:
            'Traffic split 50/50 between providers; decline rate back to normal.',
        },
        {
          at: at(17, 16),
          description: 'Primary provider recovers; routing restored.',
        },
      ],
      contributingFactors: [
        'The secondary provider’s rate limit was never load-tested since the 2019 contract.',
        'The failover runbook moves all traffic at once; it has no partial option.',
        'The provider failover runbook was last reviewed long ago and did not mention rate limits.',
      ],
      wentWell:
        'The page fired within 6 minutes of the first errors, and the on-call engineer found the failover runbook from the alert.',
      wentPoorly:
        'Nobody knew the secondary provider’s rate limit; it took 20 minutes to find the contract.',
      lessons:
        'A failover target is only a failover target if it has been **tested at full load**. Record third-party rate limits next to the runbook that relies on them, and prefer gradual traffic shifts over all-at-once switches.',
      tags: ['third-party', 'failover', 'rate-limit'],
      links: [
        {
          title: 'Incident channel',
          url: 'https://chat.northwind.example/archives/inc-2317',
        },
        {
          title: 'Provider status page',
          url: 'https://status.cardprovider.example/incidents/8812',
        },
      ],
      actionItems: [
        {
          title:
            'Shift traffic gradually between providers (10% steps) in the failover runbook',
          owner: 'group:default/payments-team',
          dueDate: day(5),
          priority: 'P0',
          status: 'in-progress',
          trackingUrl: 'https://tracker.northwind.example/PAY-880',
        },
        {
          title:
            'Load-test the secondary provider at peak traffic every quarter',
          owner: 'user:default/lena.fischer',
          dueDate: day(-4),
          priority: 'P1',
          status: 'open',
        },
        {
          title: 'Raise the secondary provider rate limit in the contract',
          owner: 'group:default/payments-team',
          dueDate: day(-9),
          priority: 'P1',
          status: 'done',
        },
      ],
    },
    {
      template: 'full',
      title: 'Search latency doubled after a full index rebuild',
      severity: 'SEV3',
      status: 'published',
      startedAt: at(31, 2),
      detectedAt: at(31, 6),
      mitigatedAt: at(31, 7.5),
      resolvedAt: at(30, 11),
      entityRefs: ['component:default/product-catalog-api'],
      impactedSlos: [
        {
          sloRef: 'slo:default/product-search-latency',
          budgetConsumed: 0.18,
          computed: false,
        },
      ],
      summary:
        'The nightly full index rebuild ran on the same nodes as live queries. p99 search latency went from 180 ms to 420 ms until the rebuild finished.',
      impact:
        'Search was slow for about 5 hours, mostly at night; the product-search-latency SLO raised a ticket, not a page.',
      timeline: [
        { at: at(31, 2), description: 'Nightly full rebuild starts.' },
        {
          at: at(31, 6),
          description: 'Slow-burn ticket opened for product-search-latency.',
        },
        {
          at: at(31, 7.5),
          description: 'Rebuild throttled to half its parallelism.',
        },
      ],
      contributingFactors: [
        'Rebuilds share nodes with live queries.',
        'The rebuild job has no rate limit.',
      ],
      wentWell: 'The slow-burn ticket caught it before the morning peak.',
      wentPoorly:
        'The ticket sat for two hours because nobody watches the ticket queue at night.',
      lessons:
        'Batch jobs that share hardware with user traffic need their own **resource budget**. A slow-burn ticket is fine at night, as long as the queue is read first thing in the morning.',
      tags: ['batch', 'search', 'capacity'],
      links: [],
      actionItems: [
        {
          title: 'Run full rebuilds on a dedicated node pool',
          owner: 'group:default/catalog-search-team',
          dueDate: day(-12),
          priority: 'P2',
          status: 'in-progress',
        },
        {
          title: 'Rate-limit the rebuild job',
          owner: 'user:default/mei.lin',
          dueDate: day(-20),
          priority: 'P2',
          status: 'done',
        },
      ],
    },
    {
      // No P0 action item yet although the SLO lost more than 20%: the policy flag.
      template: 'full',
      title: 'Sign-in failures after a certificate rotation',
      severity: 'SEV2',
      status: 'in-review',
      startedAt: at(6, 8),
      detectedAt: at(6, 8.2),
      mitigatedAt: at(6, 8.9),
      resolvedAt: at(6, 9.5),
      entityRefs: ['component:default/auth-service'],
      impactedSlos: [
        {
          sloRef: 'slo:default/sign-in-success',
          budgetConsumed: 0.27,
          computed: false,
        },
      ],
      summary:
        'The token-signing certificate was rotated before all verifiers had the new public key. Sign-ins on the mobile apps failed for 42 minutes.',
      impact:
        'Around 31,000 sign-in attempts failed; the mobile apps showed a generic error.',
      timeline: [
        { at: at(6, 8), description: 'Certificate rotation job runs.' },
        {
          at: at(6, 8.2),
          description: 'Support reports sign-in errors from the mobile apps.',
        },
        { at: at(6, 8.9), description: 'Old certificate restored.' },
      ],
      contributingFactors: [
        'The rotation did not wait for verifiers to fetch the new key set.',
      ],
      wentWell: 'Rolling back the certificate was a single command.',
      wentPoorly: 'We heard about it from support, not from an alert.',
      lessons:
        'Publish the new key, wait for every verifier to have it, and only then sign with it.',
      tags: ['certificates', 'auth'],
      links: [],
      actionItems: [
        {
          title: 'Make the rotation job wait for the JWKS cache TTL',
          owner: 'group:default/identity-team',
          dueDate: day(14),
          priority: 'P1',
          status: 'open',
        },
        {
          title: 'Alert on the sign-in error rate of the mobile apps',
          owner: 'user:default/kenji.watanabe',
          dueDate: day(-2),
          priority: 'P2',
          status: 'open',
        },
      ],
    },
    {
      template: 'quick',
      title: 'Refund batch ran twice after a scheduler restart',
      severity: 'SEV4',
      status: 'draft',
      startedAt: at(3, 1),
      entityRefs: ['component:default/refund-service'],
      summary:
        'The scheduler restarted during the nightly refund batch and started it again. Idempotency keys stopped every duplicate refund; nothing was paid twice.',
      tags: ['batch'],
      actionItems: [
        {
          title: 'Lock the refund batch so that only one run can start',
          owner: 'group:default/payments-team',
          dueDate: day(21),
          priority: 'P3',
          status: 'open',
        },
      ],
    },
    {
      template: 'full',
      title: 'Storefront pages slow during the autumn campaign',
      severity: 'SEV3',
      status: 'published',
      startedAt: at(12, 18),
      detectedAt: at(12, 18.3),
      mitigatedAt: at(12, 19),
      resolvedAt: at(12, 20),
      entityRefs: [
        'component:default/web-storefront',
        'component:default/checkout-api',
      ],
      impactedSlos: [{ sloRef: 'slo:default/storefront-good-minutes' }],
      summary:
        'A marketing e-mail sent to 2 million customers at once tripled traffic within minutes. The storefront’s autoscaling reacted after 12 minutes; pages were slow until then.',
      impact:
        'About an hour of slow product pages (p95 over 3 s) in the evening peak; no errors.',
      timeline: [
        { at: at(12, 18), description: 'Campaign e-mail sent.' },
        { at: at(12, 18.3), description: 'storefront-good-minutes pages.' },
        { at: at(12, 19), description: 'Capacity scaled out manually.' },
      ],
      contributingFactors: [
        'Campaigns are not on the capacity calendar.',
        'Autoscaling reacts to CPU, which lags behind request rate.',
      ],
      wentWell: 'Manual scale-out took five minutes.',
      wentPoorly: 'Marketing did not know we needed a warning.',
      lessons:
        'Big campaigns are planned load: put them on a **shared capacity calendar** and pre-scale, instead of relying on autoscaling to catch up.',
      tags: ['capacity', 'campaign'],
      links: [],
      actionItems: [
        {
          title: 'Pre-scale the storefront before announced campaigns',
          owner: 'group:default/checkout-team',
          dueDate: day(-3),
          priority: 'P0',
          status: 'done',
        },
        {
          title: 'Scale the storefront on request rate instead of CPU',
          owner: 'group:default/platform-engineering',
          dueDate: day(-1),
          priority: 'P1',
          status: 'open',
        },
      ],
    },
    {
      template: 'full',
      title: 'Fraud scoring blocked good orders after a model release',
      severity: 'SEV2',
      status: 'published',
      startedAt: at(45, 10),
      detectedAt: at(45, 12),
      mitigatedAt: at(45, 12.5),
      resolvedAt: at(44, 9),
      entityRefs: ['component:default/fraud-scoring'],
      impactedSlos: [],
      summary:
        'A new fraud model flagged 4% of legitimate orders as fraud because a feature was scaled differently in training and in serving.',
      impact:
        'About 1,800 good orders were held for manual review for up to a day.',
      timeline: [
        { at: at(45, 10), description: 'Model v42 rolled out to 100%.' },
        {
          at: at(45, 12),
          description: 'Manual review queue triples; analysts escalate.',
        },
        { at: at(45, 12.5), description: 'Rolled back to model v41.' },
      ],
      contributingFactors: [
        'Training and serving computed one feature in different units.',
        'The model went to 100% without a canary.',
      ],
      wentWell: 'Rollback to the previous model took minutes.',
      wentPoorly:
        'Nothing measured the share of flagged orders, so analysts noticed first.',
      lessons:
        'Roll models out like code: canary first, and **alert on the output distribution**, not just on errors.',
      tags: ['ml', 'deploy'],
      links: [],
      actionItems: [
        {
          title: 'Canary every model release at 5% for a day',
          owner: 'group:default/fraud-detection-team',
          dueDate: day(-30),
          priority: 'P1',
          status: 'done',
        },
        {
          title: 'Share one feature pipeline between training and serving',
          owner: 'user:default/rahul.mehta',
          dueDate: day(-7),
          priority: 'P2',
          status: 'open',
        },
      ],
    },
    {
      // The restricted service: only risk-engineering sees this one, anywhere.
      template: 'full',
      title: 'Orders held for hours after a fraud rule misfired',
      severity: 'SEV3',
      status: 'in-review',
      startedAt: at(6, 8),
      detectedAt: at(6, 9.5),
      mitigatedAt: at(6, 10.25),
      resolvedAt: at(6, 11),
      entityRefs: ['component:default/fraud-detection'],
      impactedSlos: [
        // Left out: the backend computes it from the SLI data of the incident window.
        { sloRef: 'slo:default/fraud-detection-decisions' },
      ],
      summary:
        'A new velocity rule counted a customer’s retries as separate orders and held about 1,100 good orders for manual review. The review queue backed up and held orders waited up to three hours for a decision.',
      impact:
        'About 1,100 orders waited more than two hours for confirmation; 40 were cancelled when their payment authorisation expired.',
      timeline: [
        { at: at(6, 8), description: 'The velocity rule change goes live.' },
        {
          at: at(6, 9.5),
          description:
            'fraud-detection-decisions slow-burn alert; the reviewer on duty reports a full queue.',
        },
        {
          at: at(6, 10.25),
          description:
            'Rule disabled in the rules console; held orders released in bulk.',
        },
        { at: at(6, 11), description: 'Queue back to its usual length.' },
      ],
      contributingFactors: [
        'The rule was tested against a day of orders without payment retries.',
        'Rule changes go live for all traffic at once.',
      ],
      wentWell: 'Bulk release of held orders worked as documented.',
      wentPoorly: 'Nobody watched the queue length after the rule change.',
      lessons: 'A rule change needs the same canary as a code change.',
      tags: ['rules', 'fraud'],
      links: [],
      actionItems: [
        {
          title:
            'Shadow-run every new fraud rule for a day before it holds orders',
          owner: 'group:default/risk-engineering',
          dueDate: day(14),
          priority: 'P1',
          status: 'open',
        },
        {
          title: 'Alert on review queue length, not only on decision time',
          owner: 'user:default/oskar.lind',
          dueDate: day(-2),
          priority: 'P2',
          status: 'open',
        },
      ],
    },
  ];
}

function clock(now = Date.now()) {
  return {
    at: (daysAgo, hours = 0) => {
      const midnight = Math.floor((now - daysAgo * DAY) / DAY) * DAY;
      return new Date(midnight + Math.round(hours * HOUR)).toISOString();
    },
    day: offsetDays =>
      new Date(Math.floor(now / DAY) * DAY + offsetDays * DAY)
        .toISOString()
        .slice(0, 10),
  };
}

async function call(baseUrl, token, path, init = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
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

async function waitFor(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await fn()) return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

/** Whether a postmortem with exactly this title exists already. */
async function exists(baseUrl, token, title) {
  const q = encodeURIComponent(title.slice(0, 200));
  const { items } = await call(
    baseUrl,
    token,
    `/api/sre/postmortems?q=${q}&limit=100`,
  );
  return items.some(p => p.title === title);
}

/**
 * Writes the demo postmortems that do not exist yet. Waits (up to `timeoutMs`) for
 * the catalog to hold every entity they name, since the API refuses unknown refs.
 *
 * @param {{ baseUrl?: string, token: string, now?: number, timeoutMs?: number,
 *   log?: (message: string) => void }} options
 * @returns {Promise<{ created: string[], skipped: string[] }>}
 */
export async function seedPostmortems(options) {
  const {
    baseUrl = 'http://localhost:7007',
    token,
    now = Date.now(),
    timeoutMs = 300_000,
    log = message => console.log(`[seed] ${message}`),
  } = options;

  await waitFor(
    'the demo entities of the postmortems in the catalog',
    async () => {
      const { items } = await call(
        baseUrl,
        token,
        '/api/catalog/entities/by-refs',
        {
          method: 'POST',
          body: JSON.stringify({
            entityRefs: REQUIRED_ENTITIES,
            fields: ['kind', 'metadata.name'],
          }),
        },
      );
      return items.every(Boolean);
    },
    timeoutMs,
  );

  const created = [];
  const skipped = [];
  for (const postmortem of postmortems(clock(now))) {
    if (await exists(baseUrl, token, postmortem.title)) {
      skipped.push(postmortem.title);
      continue;
    }
    await call(baseUrl, token, '/api/sre/postmortems', {
      method: 'POST',
      body: JSON.stringify(postmortem),
    });
    created.push(postmortem.title);
  }
  log(
    `postmortems: ${created.length} created, ${skipped.length} already there`,
  );
  return { created, skipped };
}

async function main() {
  const args = process.argv.slice(2);
  const baseUrl = args.includes('--url')
    ? args[args.indexOf('--url') + 1]
    : 'http://localhost:7007';
  await waitFor(
    'the backend',
    async () => (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok,
    300_000,
  );
  await seedPostmortems({ baseUrl, token: SEED_TOKEN });
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  main().catch(e => {
    console.error(`[seed] ${e.message}`);
    process.exit(1);
  });
}
