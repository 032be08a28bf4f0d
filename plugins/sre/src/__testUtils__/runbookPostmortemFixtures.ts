import { Entity } from '@backstage/catalog-model';
import {
  ActionItemEntry,
  EntityRunbooksResponse,
  ListPostmortemsResponse,
  Postmortem,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SreApi } from '../api';

export const checkoutApiEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', owner: 'checkout-team', system: 'storefront' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/checkout-team' }],
};

export const checkoutTeamEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** A file runbook (fresh), an external link (never reviewed), an old file (stale). */
export const runbooks: EntityRunbooksResponse = {
  entityRef: 'component:default/checkout-api',
  staleAfterDays: 180,
  runbooks: [
    {
      id: 'file:checkout-error-rate-high.md',
      title: 'Checkout error rate too high',
      source: 'file',
      path: 'checkout-error-rate-high.md',
      alerts: ['checkout-api-availability:page'],
      lastReviewed: '2026-10-01',
      stale: false,
      markdown:
        '# Checkout error rate too high\n\n1. Open the **checkout dashboard**.\n2. Roll back the last deploy.\n',
    },
    {
      id: 'link:https://wiki.northwind.example/checkout/on-call-handbook',
      title: 'Checkout on-call handbook',
      url: 'https://wiki.northwind.example/checkout/on-call-handbook',
      source: 'link',
      alerts: [],
      lastReviewed: null,
      stale: true,
    },
    {
      id: 'file:stock-reservations.md',
      title: 'Stock reservations stuck',
      source: 'file',
      path: 'stock-reservations.md',
      alerts: ['StockReservationsStuck'],
      lastReviewed: '2025-01-15',
      stale: true,
      markdown: 'Restart the reservation worker.',
    },
  ],
  alerts: [
    {
      name: 'checkout-api-availability:page',
      sloRef: 'slo:default/checkout-api-availability',
      severity: 'page',
      runbookIds: ['file:checkout-error-rate-high.md'],
    },
    {
      name: 'checkout-api-availability:ticket',
      sloRef: 'slo:default/checkout-api-availability',
      severity: 'ticket',
      runbookIds: [],
    },
    {
      name: 'StockReservationsStuck',
      runbookIds: ['file:stock-reservations.md'],
    },
  ],
  uncoveredAlerts: ['checkout-api-availability:ticket'],
  problems: [
    {
      source: 'file',
      location: 'broken.md',
      message: 'the front matter is not valid YAML',
    },
  ],
};

export const noRunbooks: EntityRunbooksResponse = {
  entityRef: 'component:default/checkout-api',
  staleAfterDays: 180,
  runbooks: [],
  alerts: [],
  uncoveredAlerts: [],
  problems: [],
};

/** A published quick postmortem of checkout-api with an overdue action item. */
export const quickPostmortem: Postmortem = {
  id: 'pm-quick-1',
  version: 3,
  template: 'quick',
  title: 'Checkout 5xx after a config push',
  severity: 'SEV2',
  status: 'published',
  startedAt: '2026-10-20T08:00:00.000Z',
  entityRefs: ['component:default/checkout-api'],
  ownerRefs: ['group:default/checkout-team'],
  impactedSlos: [],
  summary: 'A bad config push made checkout return 5xx for 12 minutes.',
  timeline: [],
  contributingFactors: [],
  tags: ['config'],
  links: [],
  actionItems: [
    {
      id: 'ai-1',
      title: 'Validate config pushes in CI',
      owner: 'group:default/checkout-team',
      dueDate: '2026-01-10',
      priority: 'P1',
      status: 'open',
    },
  ],
  policy: { required: false, satisfied: true, reason: 'No SLO lost >20%.' },
  createdAt: '2026-10-20T10:00:00.000Z',
  createdBy: 'user:default/priya.nair',
  updatedAt: '2026-10-21T10:00:00.000Z',
  updatedBy: 'user:default/tom.keller',
};

/** A full postmortem whose SLO lost 35% of its budget, without a P0 action item. */
export const fullPostmortem: Postmortem = {
  ...quickPostmortem,
  id: 'pm-full-1',
  version: 1,
  template: 'full',
  title: 'Payment provider timeouts',
  severity: 'SEV1',
  status: 'in-review',
  detectedAt: '2026-10-20T08:05:00.000Z',
  mitigatedAt: '2026-10-20T08:40:00.000Z',
  resolvedAt: '2026-10-20T09:30:00.000Z',
  impact: 'About 4% of card payments failed.',
  impactedSlos: [
    {
      sloRef: 'slo:default/payment-gateway-authorisations',
      budgetConsumed: 0.35,
      computed: true,
    },
  ],
  timeline: [
    { at: '2026-10-20T08:05:00.000Z', description: 'Alert pages on-call.' },
  ],
  contributingFactors: ['No circuit breaker on the provider client.'],
  wentWell: 'Fail-over runbook worked.',
  wentPoorly: 'Detection took five minutes.',
  lessons: 'Put a **circuit breaker** on every third-party call.',
  links: [{ title: 'Incident channel', url: 'https://chat.example/inc-42' }],
  policy: {
    required: true,
    satisfied: false,
    reason:
      'slo:default/payment-gateway-authorisations lost 35% of its budget; no P0 action item yet.',
  },
};

export function postmortemList(
  items: Postmortem[],
  totalCount = items.length,
): ListPostmortemsResponse {
  return { items, totalCount };
}

export const overdueEntry: ActionItemEntry = {
  ...quickPostmortem.actionItems[0],
  overdue: true,
  postmortem: {
    id: quickPostmortem.id,
    title: quickPostmortem.title,
    severity: quickPostmortem.severity,
    status: quickPostmortem.status,
    startedAt: quickPostmortem.startedAt,
    entityRefs: quickPostmortem.entityRefs,
  },
};

export function mockRunbooksAndPostmortemsApi(
  overrides: Partial<SreApi> = {},
): jest.Mocked<SreApi> {
  return {
    getRunbooks: jest.fn(async () => runbooks),
    listPostmortems: jest.fn(async () => postmortemList([])),
    getPostmortem: jest.fn(async () => quickPostmortem),
    createPostmortem: jest.fn(async () => quickPostmortem),
    updatePostmortem: jest.fn(async () => quickPostmortem),
    getPostmortemHistory: jest.fn(async (id: string) => ({
      postmortemId: id,
      revisions: [],
    })),
    listRequiredPostmortems: jest.fn(async () => ({
      items: [],
      totalCount: 0,
    })),
    listActionItems: jest.fn(async () => ({ items: [], totalCount: 0 })),
    ...overrides,
  } as jest.Mocked<SreApi>;
}
