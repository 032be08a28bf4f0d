import { SloDefinition } from '@sre-catalog/backstage-plugin-sre-common';
import {
  buildEntityRunbooks,
  BuildEntityRunbooksInput,
} from './buildEntityRunbooks';
import { sloDefinition } from '../__testUtils__/sloDefinition';
import { sloAlerts } from './__testUtils__/sloAlerts';

const nowMs = Date.parse('2026-06-30T12:00:00Z');
// eslint-disable-next-line no-script-url -- the hostile link under test
const SCRIPT_URL = 'javascript:alert(1)';

function slo(
  name: string,
  runbookUrls: string[] = [],
  namespace = 'default',
): SloDefinition {
  return sloDefinition(name, {
    namespace,
    displayName: `${name} (display)`,
    runbookUrls,
  });
}

function build(input: Partial<BuildEntityRunbooksInput>) {
  return buildEntityRunbooks({
    entityRef: 'component:default/checkout-api',
    links: [],
    files: [],
    slos: [],
    problems: [],
    staleAfterDays: 180,
    nowMs,
    ...input,
  });
}

const runbookFile = (
  path: string,
  frontMatter: string,
  body = '# Steps\n',
  url?: string,
) => ({
  path,
  ...(url ? { url } : {}),
  text: `---\n${frontMatter}\n---\n${body}`,
});

describe('buildEntityRunbooks', () => {
  it('merges files, links and SLO runbook URLs into one list and maps every alert', () => {
    const result = build({
      files: [
        runbookFile(
          'error-rate.md',
          'title: Checkout error rate high\nalerts: [checkout-api-availability:page, Checkout-API-Availability:TICKET]\nlast-reviewed: 2026-05-01',
          '# Checkout error rate high\n\nRoll back.\n',
        ),
        runbookFile(
          'db/stock.md',
          'alerts: [StockReservationBacklog]\nlast-reviewed: 2025-11-01',
          'Drain the queue.\n',
        ),
      ],
      links: [
        {
          url: 'https://wiki.example.com/checkout',
          title: 'Checkout handbook',
          type: 'runbook',
        },
        {
          url: 'https://grafana.example.com/d/checkout',
          title: 'Dashboard',
          type: 'dashboard',
        },
      ],
      slos: [
        slo('checkout-api-latency', ['https://runbooks.example.com/latency']),
        slo('checkout-api-availability'),
      ],
    });

    expect(result.runbooks).toEqual([
      {
        id: expect.stringMatching(/^file-[0-9a-f]{12}$/),
        title: 'stock',
        source: 'file',
        path: 'db/stock.md',
        alerts: ['StockReservationBacklog'],
        lastReviewed: '2025-11-01',
        stale: true,
        markdown: 'Drain the queue.\n',
      },
      {
        id: expect.stringMatching(/^file-/),
        title: 'Checkout error rate high',
        source: 'file',
        path: 'error-rate.md',
        alerts: [
          'checkout-api-availability:page',
          'checkout-api-availability:ticket',
        ],
        lastReviewed: '2026-05-01',
        stale: false,
        markdown: '# Checkout error rate high\n\nRoll back.\n',
      },
      {
        id: expect.stringMatching(/^link-/),
        title: 'Checkout handbook',
        url: 'https://wiki.example.com/checkout',
        source: 'link',
        alerts: [],
        lastReviewed: null,
        stale: true,
      },
      {
        id: expect.stringMatching(/^slo-/),
        title: 'Runbook of the SLO checkout-api-latency (display)',
        url: 'https://runbooks.example.com/latency',
        source: 'slo',
        alerts: ['checkout-api-latency:page', 'checkout-api-latency:ticket'],
        lastReviewed: null,
        stale: true,
      },
    ]);
    const [stock, errorRate, , sloRunbook] = result.runbooks;
    expect(result.alerts).toEqual([
      ...sloAlerts('checkout-api-availability', [errorRate.id]),
      ...sloAlerts('checkout-api-latency', [sloRunbook.id]),
      { name: 'StockReservationBacklog', runbookIds: [stock.id] },
    ]);
    expect(result.uncoveredAlerts).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.staleAfterDays).toBe(180);
  });

  it('lists the SLO alerts no runbook covers', () => {
    const result = build({
      files: [
        runbookFile(
          'latency.md',
          'alerts: [product-search-latency:page]\nlast-reviewed: 2026-06-01',
        ),
      ],
      slos: [slo('product-search-latency')],
    });
    expect(result.uncoveredAlerts).toEqual(['product-search-latency:ticket']);
    expect(result.alerts.map(a => [a.name, a.runbookIds.length])).toEqual([
      ['product-search-latency:page', 1],
      ['product-search-latency:ticket', 0],
    ]);
  });

  it('lets a bare SLO name cover both alerts, and names SLOs of other namespaces with it', () => {
    const result = build({
      files: [
        runbookFile('refunds.md', 'alerts: [payments/refund-processing]'),
      ],
      slos: [slo('refund-processing', [], 'payments')],
    });
    expect(result.runbooks[0].alerts).toEqual([
      'payments/refund-processing:page',
      'payments/refund-processing:ticket',
    ]);
    expect(result.uncoveredAlerts).toEqual([]);
  });

  it('reports an SLO alert name that matches no SLO, instead of inventing an alert', () => {
    const result = build({
      files: [
        runbookFile('typo.md', 'alerts: [checkout-api-availabilty:page]'),
      ],
      slos: [slo('checkout-api-availability')],
    });
    expect(result.problems).toEqual([
      {
        source: 'file',
        location: 'typo.md',
        message:
          "typo.md: alert checkout-api-availabilty:page is not an alert of this service's SLOs (known: checkout-api-availability:page, checkout-api-availability:ticket)",
      },
    ]);
    expect(result.alerts.map(a => a.name)).toEqual([
      'checkout-api-availability:page',
      'checkout-api-availability:ticket',
    ]);
    expect(result.uncoveredAlerts).toHaveLength(2);
  });

  it('keeps a runbook with bad front matter readable, stale, and reports where', () => {
    const result = build({
      files: [
        { path: 'broken.md', text: '---\nalerts: [a\n---\n# Broken\nDo this.' },
      ],
      problems: [{ source: 'annotation', message: 'kept' }],
    });
    expect(result.runbooks).toEqual([
      expect.objectContaining({
        title: 'Broken',
        alerts: [],
        lastReviewed: null,
        stale: true,
        markdown: '# Broken\nDo this.',
      }),
    ]);
    expect(result.problems).toEqual([
      { source: 'annotation', message: 'kept' },
      {
        source: 'file',
        location: 'broken.md',
        message: expect.stringMatching(
          /^broken\.md: the front matter is not valid YAML/,
        ),
      },
    ]);
  });

  it('makes one runbook of the same URL from several sources, covering the alerts of all', () => {
    const url = 'https://github.com/acme/checkout/blob/main/runbooks/errors.md';
    const result = build({
      files: [
        runbookFile(
          'errors.md',
          'title: Errors\nlast-reviewed: 2026-06-01',
          'x',
          url,
        ),
      ],
      links: [{ url: `${url}/`, type: 'runbook', title: 'Same page' }],
      slos: [slo('checkout-api-availability', [url])],
    });
    expect(result.runbooks).toEqual([
      expect.objectContaining({
        title: 'Errors',
        source: 'file',
        url,
        alerts: [
          'checkout-api-availability:page',
          'checkout-api-availability:ticket',
        ],
        stale: false,
      }),
    ]);
    expect(result.uncoveredAlerts).toEqual([]);
  });

  it('leaves out runbook URLs that are not http(s), with a problem', () => {
    const result = build({
      links: [{ url: SCRIPT_URL, type: 'Runbook' }],
      slos: [slo('checkout-api-availability', ['data:text/html,<script>'])],
    });
    expect(result.runbooks).toEqual([]);
    expect(result.problems).toEqual([
      {
        source: 'link',
        location: SCRIPT_URL,
        message:
          'The runbook link "javascript:alert(1)" is not an http(s) URL; it is left out',
      },
      {
        source: 'slo',
        location: 'slo:default/checkout-api-availability',
        message:
          'SLO slo:default/checkout-api-availability declares the runbook URL "data:text/html,<script>", which is not an http(s) URL; it is left out',
      },
    ]);
  });

  it('marks a runbook stale once its review is older than the configured age', () => {
    const files = [
      runbookFile('a.md', 'last-reviewed: 2026-04-01'),
      runbookFile('b.md', 'title: never reviewed'),
    ];
    expect(
      build({ files, staleAfterDays: 180 }).runbooks.map(r => r.stale),
    ).toEqual([false, true]);
    expect(
      build({ files, staleAfterDays: 60 }).runbooks.map(r => r.stale),
    ).toEqual([true, true]);
  });
});
