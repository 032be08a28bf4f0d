import { Entity } from '@backstage/catalog-model';
import {
  EvaluatedRule,
  ListSlosResponse,
  SliDeadLetter,
  SloEvaluatorHealth,
  SloHistoryResponse,
  SloProblemRecord,
  SloStatus,
} from '@sre-catalog/backstage-plugin-sre-common';

const rules = (
  thresholds: [number, number, number, number],
  firing: [boolean, boolean, boolean, boolean] = [false, false, false, false],
): EvaluatedRule[] => [
  {
    severity: 'page',
    longWindow: '1h',
    shortWindow: '5m',
    budgetFraction: 0.02,
    threshold: thresholds[0],
    firing: firing[0],
  },
  {
    severity: 'page',
    longWindow: '6h',
    shortWindow: '30m',
    budgetFraction: 0.05,
    threshold: thresholds[1],
    firing: firing[1],
  },
  {
    severity: 'ticket',
    longWindow: '1d',
    shortWindow: '2h',
    budgetFraction: 0.1,
    threshold: thresholds[2],
    firing: firing[2],
  },
  {
    severity: 'ticket',
    longWindow: '3d',
    shortWindow: '6h',
    budgetFraction: 0.1,
    threshold: thresholds[3],
    firing: firing[3],
  },
];

const RULES_28D: [number, number, number, number] = [
  13.44, 5.6, 2.8, 0.9333333333333333,
];
const RULES_30D: [number, number, number, number] = [14.4, 6, 3, 1];

/** Healthy: 70% of the budget left, burning slowly. */
export const healthySlo: SloStatus = {
  sloRef: 'slo:default/checkout-api-availability',
  service: 'component:default/checkout-api',
  displayName: 'Checkout availability',
  description: 'Shoppers can place orders.',
  source: { type: 'builtin' },
  target: 0.999,
  period: '28d',
  periodStart: '2026-10-25T11:00:00.000Z',
  budgetingMethod: 'Occurrences',
  sli: 0.9997,
  errorBudgetRemaining: 0.7,
  budget: { unit: 'events', allowed: 9500, consumed: 2850 },
  burnRates: {
    '5m': 0.31,
    '30m': 0.29,
    '1h': 0.3,
    '2h': 0.3,
    '6h': 0.28,
    '1d': 0.3,
    '3d': 0.3,
  },
  alert: 'none',
  rules: rules(RULES_28D),
  timeToExhaustion: 5_644_800,
  dataState: 'ok',
  evaluatedAt: '2026-11-22T11:00:00.000Z',
};

/** Burning fast: the 1h/5m page rule fires; gone in about 12 hours. */
export const pagingSlo: SloStatus = {
  sloRef: 'slo:default/payment-gateway-authorisations',
  service: 'component:default/payment-gateway',
  displayName: 'Card authorisations',
  description: 'Card authorisations that the gateway answers without an error.',
  source: { type: 'builtin' },
  target: 0.9995,
  period: '30d',
  periodStart: '2026-10-23T11:00:00.000Z',
  budgetingMethod: 'Occurrences',
  sli: 0.99971,
  errorBudgetRemaining: 0.42,
  budget: { unit: 'events', allowed: 17280, consumed: 10022 },
  burnRates: {
    '5m': 25.3,
    '30m': 24.8,
    '1h': 24.9,
    '2h': 12.6,
    '6h': 4.6,
    '1d': 1.4,
    '3d': 0.62,
  },
  alert: 'page',
  rules: rules(RULES_30D, [true, false, false, false]),
  timeToExhaustion: 43_740,
  dataState: 'ok',
  evaluatedAt: '2026-11-22T11:00:00.000Z',
};

/** More than the whole budget spent: 35% overspent; a ticket rule fires. */
export const overspentSlo: SloStatus = {
  sloRef: 'slo:default/refund-processing',
  service: 'component:default/refund-service',
  displayName: 'Refunds processed',
  source: { type: 'builtin' },
  target: 0.995,
  period: '1M',
  periodStart: '2026-11-01T00:00:00.000Z',
  budgetingMethod: 'Occurrences',
  sli: 0.99325,
  errorBudgetRemaining: -0.35,
  budget: { unit: 'events', allowed: 1900, consumed: 2565 },
  burnRates: {
    '5m': 1.1,
    '30m': 1.2,
    '1h': 1.3,
    '2h': 1.3,
    '6h': 1.4,
    '1d': 1.35,
    '3d': 1.3,
  },
  alert: 'ticket',
  rules: rules([14.4, 6, 3, 1], [false, false, false, true]),
  timeToExhaustion: null,
  dataState: 'ok',
  evaluatedAt: '2026-11-22T11:00:00.000Z',
};

/** Time slices, budget in minutes. */
export const timeslicesSlo: SloStatus = {
  sloRef: 'slo:default/storefront-good-minutes',
  service: 'component:default/web-storefront',
  displayName: 'Good storefront minutes',
  description: 'Minutes in which at least 99% of page loads succeeded.',
  source: { type: 'builtin' },
  target: 0.995,
  period: '28d',
  periodStart: '2026-10-25T11:00:00.000Z',
  budgetingMethod: 'Timeslices',
  timeSliceWindow: '1m',
  sli: 0.9982,
  errorBudgetRemaining: 0.64,
  budget: { unit: 'minutes', allowed: 201.6, consumed: 72.6 },
  burnRates: {
    '5m': 0,
    '30m': 0,
    '1h': 0,
    '2h': 0.5,
    '6h': 0.4,
    '1d': 0.4,
    '3d': 0.35,
  },
  alert: 'none',
  rules: rules(RULES_28D),
  timeToExhaustion: null,
  dataState: 'ok',
  evaluatedAt: '2026-11-22T11:00:00.000Z',
};

/** Defined, but no event has arrived yet. */
export const noDataSlo: SloStatus = {
  ...healthySlo,
  sloRef: 'slo:default/checkout-api-latency',
  displayName: 'Fast checkout',
  description: undefined,
  sli: null,
  errorBudgetRemaining: null,
  budget: { unit: 'events', allowed: null, consumed: null },
  burnRates: {
    '5m': null,
    '30m': null,
    '1h': null,
    '2h': null,
    '6h': null,
    '1d': null,
    '3d': null,
  },
  timeToExhaustion: null,
  dataState: 'no-data',
};

/** Read from a Prometheus that is down: the last known numbers, marked as such. */
export const unavailableSlo: SloStatus = {
  ...healthySlo,
  sloRef: 'slo:default/checkout-api-prometheus',
  displayName: 'Checkout availability (Prometheus)',
  source: { type: 'prometheus', name: 'main' },
  dataState: 'unavailable',
  unavailableSince: '2026-11-20T08:15:00.000Z',
  lastError: 'connect ECONNREFUSED 10.0.0.5:9090',
};

/** Healthy numbers, but not evaluated for 14 minutes: evaluation is behind. */
export const staleSlo: SloStatus = {
  ...healthySlo,
  sloRef: 'slo:default/checkout-api-stale',
  displayName: 'Checkout availability (stale)',
  stale: { ageSeconds: 14 * 60 },
};

/** Pushes to it could not be applied: they wait as dead letters. */
export const refusedSlo: SloStatus = {
  ...healthySlo,
  sloRef: 'slo:default/checkout-api-refused',
  displayName: 'Checkout availability (refused pushes)',
  refused: {
    count: 3,
    lastError: 'bucket 2026-11-22T10:00:00Z overlaps a stored bucket',
    lastAt: '2026-11-22T10:05:00.000Z',
  },
};

/** The evaluator runs on time; nothing waits. */
export const healthyEvaluator: SloEvaluatorHealth = {
  intervalSeconds: 30,
  lastSuccessfulRunAt: '2026-11-22T11:00:00.000Z',
  lastRun: { at: '2026-11-22T11:00:00.000Z', durationMs: 420 },
  stale: false,
  queue: {
    rows: 0,
    bytes: 0,
    oldestReceivedAt: null,
    limits: { rows: 10_000, bytes: 268_435_456, ageSeconds: 600 },
  },
  deadLetters: { count: 0, oldestFailedAt: null },
};

/** The evaluator last succeeded long ago and fails since; pushes pile up. */
export const stalledEvaluator: SloEvaluatorHealth = {
  ...healthyEvaluator,
  lastSuccessfulRunAt: '2026-11-22T10:46:00.000Z',
  lastRun: {
    at: '2026-11-22T10:59:30.000Z',
    durationMs: 30_000,
    error: 'Database error: connection terminated',
  },
  stale: true,
  queue: {
    ...healthyEvaluator.queue,
    rows: 1_250,
    bytes: 3_500_000,
    oldestReceivedAt: '2026-11-22T10:46:10.000Z',
  },
  deadLetters: { count: 2, oldestFailedAt: '2026-11-22T10:05:00.000Z' },
};

export const deadLetter: SliDeadLetter = {
  id: '17',
  receivedAt: '2026-11-22T10:04:00.000Z',
  failedAt: '2026-11-22T10:05:00.000Z',
  pushedBy: 'user:default/exporter-bot',
  error: 'bucket 2026-11-22T10:00:00Z overlaps a stored bucket',
  sloRefs: ['slo:default/checkout-api-availability'],
  hiddenSloCount: 1,
  buckets: 60,
};

export const invalidSloDocument: SloProblemRecord = {
  sloRef: 'slo:default/checkout-api-errors',
  service: 'component:default/checkout-api',
  location: 'url:https://github.com/northwind/checkout-api/blob/main/slos.yaml',
  problems: [
    {
      path: 'spec.objectives[0].target',
      message: 'target must be a number in [0, 1), not 99.9',
    },
    {
      path: 'spec.timeWindow[0].duration',
      message: 'duration "a month" is not a duration such as 28d, 4w or 1M',
    },
  ],
  seenAt: '2026-11-22T10:58:00.000Z',
};

export function sloList(
  items: SloStatus[],
  rest: Partial<ListSlosResponse> = {},
): ListSlosResponse {
  return { items, totalCount: items.length, invalid: [], ...rest };
}

export function sloHistory(sloRef: string): SloHistoryResponse {
  return {
    sloRef,
    points: [
      { day: '2026-11-19', errorBudgetRemaining: 0.3, sli: 0.9993 },
      { day: '2026-11-20', errorBudgetRemaining: 0.1, sli: 0.9991 },
      { day: '2026-11-21', errorBudgetRemaining: -0.2, sli: 0.9988 },
    ],
  };
}

export const checkoutApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', owner: 'checkout-team', system: 'storefront' },
};

export const storefrontSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'storefront', namespace: 'default' },
  spec: { owner: 'checkout-team' },
};
