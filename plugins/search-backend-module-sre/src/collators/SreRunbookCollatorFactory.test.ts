import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { collateDocuments, collatorOptions } from '../__testUtils__/collate';
import { component, runbook } from '../__testUtils__/fixtures';
import {
  SEARCH_SERVICE_AUTHORIZATION,
  SRE_BASE_URL,
  setupSreBackend,
} from '../__testUtils__/sreBackend';
import { EntityRunbooksResponse as GetRunbooksResponse } from '@sre-catalog/backstage-plugin-sre-common';
import { SreRunbookDocument } from '../types';
import { SreRunbookCollatorFactory } from './SreRunbookCollatorFactory';

const server = setupSreBackend();

const RUNBOOKS = 'sre-catalog.io/runbooks';

type Request = { path: string; authorization: string | null };

/**
 * Serves the runbooks of each entity path (`component/default/checkout-api`):
 * a response body, or an HTTP status to fail with. Unknown entities get 404.
 */
function serveRunbooks(
  /** The runbooks the backend answers per entity path, or an error status. */
  byEntity: Record<string, Pick<GetRunbooksResponse, 'runbooks'> | number>,
  options: { delayMs?: number } = {},
) {
  const requests: Request[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  server.use(
    http.get(
      `${SRE_BASE_URL}/runbooks/:kind/:namespace/:name`,
      async ({ request, params }) => {
        const path = `${params.kind}/${params.namespace}/${params.name}`;
        requests.push({
          path,
          authorization: request.headers.get('authorization'),
        });
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          if (options.delayMs) {
            await delay(options.delayMs);
          }
          const answer = byEntity[path] ?? 404;
          if (typeof answer === 'number') {
            return HttpResponse.json(
              { error: { name: 'Error', message: `failed with ${answer}` } },
              { status: answer },
            );
          }
          const response: GetRunbooksResponse = {
            entityRef: `${params.kind}:${params.namespace}/${params.name}`,
            alerts: [],
            uncoveredAlerts: [],
            problems: [],
            staleAfterDays: 180,
            ...answer,
          };
          return HttpResponse.json(response);
        } finally {
          inFlight -= 1;
        }
      },
    ),
  );
  return { requests, maxInFlight: () => maxInFlight };
}

async function collate(entities: Entity[]) {
  const options = collatorOptions(entities);
  const { documents, error } = await collateDocuments<SreRunbookDocument>(
    SreRunbookCollatorFactory.fromConfig(mockServices.rootConfig(), options),
  );
  return { documents, error, logger: options.logger };
}

const checkoutApi = component('checkout-api', {
  title: 'Checkout API',
  owner: 'payments',
  annotations: { [RUNBOOKS]: 'dir:./runbooks' },
});
const paymentGateway = component('payment-gateway', {
  namespace: 'finance',
  owner: 'billing',
  links: [
    { url: 'https://grafana.example.com/d/pg', type: 'dashboard' },
    { url: 'https://wiki.example.com/pg', type: 'runbook', title: 'Gateway' },
  ],
});

describe('SreRunbookCollatorFactory', () => {
  it('has the sre-runbook type and catalog read visibility', () => {
    const factory = SreRunbookCollatorFactory.fromConfig(
      mockServices.rootConfig(),
      collatorOptions(),
    );
    expect(factory.type).toBe('sre-runbook');
    expect(factory.visibilityPermission.name).toBe('catalog.entity.read');
  });

  it('indexes each runbook of a service with its service, team, alerts and review state', async () => {
    serveRunbooks({
      'component/default/checkout-api': {
        runbooks: [
          runbook('high-error-rate', {
            title: 'Checkout error rate is high',
            source: 'file',
            url: 'https://github.com/acme/checkout/blob/main/runbooks/errors.md',
            alerts: ['CheckoutHighErrorRate', 'checkout_5xx_ratio'],
            lastReviewed: '2024-06-01',
            stale: true,
            markdown: [
              '---',
              'title: Checkout error rate is high',
              'alerts: [CheckoutHighErrorRate]',
              '---',
              '# Checkout error rate is high',
              '',
              '1. Open the [dashboard](https://grafana.example.com/d/checkout).',
              '2. Roll back with `kubectl rollout undo deploy/checkout`.',
              '',
              '<script>alert(1)</script>**Never** restart the database.',
            ].join('\n'),
          }),
          runbook('latency', {
            title: 'Checkout latency',
            source: 'slo',
            url: 'https://runbooks.example.com/checkout/latency',
            alerts: ['CheckoutLatencyBudgetBurn'],
          }),
        ],
      },
    });

    const { documents, error } = await collate([checkoutApi]);

    expect(error).toBeUndefined();
    expect(documents).toEqual([
      {
        title: 'Checkout error rate is high',
        text: [
          'Checkout error rate is high',
          'Open the dashboard.\nRoll back with kubectl rollout undo deploy/checkout.',
          'Never restart the database.',
          'Alerts: CheckoutHighErrorRate, checkout_5xx_ratio',
          'Service: Checkout API',
          'Team: payments',
        ].join('\n\n'),
        location: '/catalog/default/component/checkout-api/runbooks',
        authorization: { resourceRef: 'component:default/checkout-api' },
        runbookId: 'high-error-rate',
        entityRef: 'component:default/checkout-api',
        owner: 'group:default/payments',
        source: 'file',
        alerts: ['CheckoutHighErrorRate', 'checkout_5xx_ratio'],
        stale: true,
        lastReviewed: '2024-06-01',
      },
      {
        title: 'Checkout latency',
        text: [
          'Checkout latency',
          'Alerts: CheckoutLatencyBudgetBurn',
          'Service: Checkout API',
          'Team: payments',
        ].join('\n\n'),
        location: 'https://runbooks.example.com/checkout/latency',
        authorization: { resourceRef: 'component:default/checkout-api' },
        runbookId: 'latency',
        entityRef: 'component:default/checkout-api',
        owner: 'group:default/payments',
        source: 'slo',
        alerts: ['CheckoutLatencyBudgetBurn'],
        stale: false,
        lastReviewed: '2025-01-15',
      },
    ]);
  });

  it('links an external runbook to its own URL and the others to the entity tab', async () => {
    serveRunbooks({
      'component/finance/payment-gateway': {
        runbooks: [
          runbook('wiki', { url: 'https://wiki.example.com/pg' }),
          runbook('relative', { url: '/docs/default/component/pg/runbook' }),
          runbook('none', { url: undefined, lastReviewed: null }),
        ],
      },
    });

    const { documents } = await collate([paymentGateway]);

    expect(documents.map(d => d.location)).toEqual([
      'https://wiki.example.com/pg',
      '/catalog/finance/component/payment-gateway/runbooks',
      '/catalog/finance/component/payment-gateway/runbooks',
    ]);
    expect(documents[0].owner).toBe('group:finance/billing');
    expect(documents[2].lastReviewed).toBeUndefined();
  });

  it('asks only for Components with the runbooks annotation or a runbook link, with a service token', async () => {
    const { requests } = serveRunbooks({
      'component/default/checkout-api': { runbooks: [runbook('a')] },
      'component/finance/payment-gateway': { runbooks: [runbook('b')] },
    });

    const { documents } = await collate([
      checkoutApi,
      paymentGateway,
      component('search-indexer', {
        links: [{ url: 'https://grafana.example.com', type: 'dashboard' }],
      }),
      {
        ...component('storefront', {
          annotations: { [RUNBOOKS]: 'dir:./runbooks' },
        }),
        kind: 'System',
      },
    ]);

    expect(requests.map(r => r.path).sort()).toEqual([
      'component/default/checkout-api',
      'component/finance/payment-gateway',
    ]);
    expect(requests[0].authorization).toBe(SEARCH_SERVICE_AUTHORIZATION);
    expect(documents.map(d => d.runbookId).sort()).toEqual(['a', 'b']);
  });

  it('logs and skips an entity whose runbooks fail, and indexes the others', async () => {
    serveRunbooks({
      'component/default/checkout-api': 500,
      'component/finance/payment-gateway': { runbooks: [runbook('b')] },
    });

    const { documents, error, logger } = await collate([
      checkoutApi,
      paymentGateway,
      component('gone', { annotations: { [RUNBOOKS]: 'dir:.' } }),
    ]);

    expect(error).toBeUndefined();
    expect(documents.map(d => d.entityRef)).toEqual([
      'component:finance/payment-gateway',
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('component:default/checkout-api'),
    );
  });

  it('fails the run when no entity could be read, so that the previous index is kept', async () => {
    serveRunbooks({
      'component/default/checkout-api': 503,
      'component/finance/payment-gateway': 503,
    });

    const { error } = await collate([checkoutApi, paymentGateway]);

    expect(String(error)).toContain(
      'Could not read the runbooks of any of 2 entities',
    );
  });

  it('keeps at most 5 requests to the sre backend in flight', async () => {
    const entities = Array.from({ length: 12 }, (_, i) =>
      component(`service-${i}`, { annotations: { [RUNBOOKS]: 'dir:.' } }),
    );
    const served = serveRunbooks(
      Object.fromEntries(
        entities.map(e => [
          `component/default/${e.metadata.name}`,
          { runbooks: [runbook(e.metadata.name)] },
        ]),
      ),
      { delayMs: 20 },
    );

    const { documents } = await collate(entities);

    expect(served.maxInFlight()).toBe(5);
    expect(documents.map(d => d.runbookId)).toEqual(
      entities.map(e => e.metadata.name),
    );
  });

  it('reads every page of entities the catalog streams', async () => {
    const entities = Array.from({ length: 520 }, (_, i) =>
      component(`service-${i}`, { annotations: { [RUNBOOKS]: 'dir:.' } }),
    );
    serveRunbooks(
      Object.fromEntries(
        entities.map(e => [
          `component/default/${e.metadata.name}`,
          { runbooks: [runbook(e.metadata.name)] },
        ]),
      ),
    );

    const { documents } = await collate(entities);

    expect(documents).toHaveLength(520);
  });
});
