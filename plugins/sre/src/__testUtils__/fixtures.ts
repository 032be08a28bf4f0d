import { Entity } from '@backstage/catalog-model';
import {
  CoverageEntry,
  CoverageResponse,
  Ownership,
  ResolvedResponsibility,
  TeamSreSupport,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SreApi } from '../api';
import {
  healthyEvaluator,
  healthySlo,
  sloHistory,
  sloList,
} from './sloFixtures';

export const paymentGateway: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-gateway', namespace: 'default' },
  spec: { type: 'service', owner: 'payments-team', system: 'payments' },
};

export const checkoutTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'checkout-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const baselineRow = (
  area: string,
  party: string,
  holders: string[],
): ResolvedResponsibility => ({ area, party, holders, source: 'baseline' });

/** Central SRE inherited from the payments System, with a gap and a bad annotation. */
export const inheritedOwnership: Ownership = {
  entityRef: 'component:default/payment-gateway',
  owner: 'group:default/payments-team',
  system: 'system:default/payments',
  engagement: 'central',
  engagementSource: 'system',
  embeddedSres: [],
  embeddedSresSource: 'none',
  centralSre: 'group:default/reliability-engineering',
  centralSreSource: 'system',
  interactionModeSource: 'none',
  sreSupport: 'supported',
  responsibilities: [
    baselineRow('release', 'team', ['group:default/payments-team']),
    {
      area: 'on-call',
      party: 'embedded-sre',
      holders: [],
      source: 'entity',
    },
    {
      area: 'network',
      party: 'central-sre',
      holders: ['group:default/reliability-engineering'],
      source: 'system',
    },
  ],
  gaps: ['on-call'],
  problems: [
    {
      entityRef: 'component:default/payment-gateway',
      annotation: 'sre-catalog.io/interaction-mode',
      value: 'telepathy',
      message: 'must be one of collaboration, x-as-a-service, facilitating',
    },
  ],
};

/** Nothing declared on the entity or its System: baseline only. */
export const unannotatedOwnership: Ownership = {
  entityRef: 'component:default/payment-gateway',
  owner: 'group:default/payments-team',
  system: 'system:default/payments',
  engagementSource: 'none',
  embeddedSres: [],
  embeddedSresSource: 'none',
  centralSre: 'group:default/reliability-engineering',
  centralSreSource: 'config',
  interactionModeSource: 'none',
  sreSupport: 'undeclared',
  responsibilities: [
    baselineRow('release', 'team', ['group:default/payments-team']),
    baselineRow('database-operations', 'platform', []),
  ],
  gaps: ['database-operations'],
  problems: [],
};

export const teamSupport: TeamSreSupport = {
  entityRef: 'group:default/checkout-team',
  teamType: 'stream-aligned',
  problems: [],
  supports: [
    {
      entityRef: 'component:default/checkout-api',
      owner: 'group:default/checkout-team',
      engagement: 'embedded',
      roles: ['embedded-sre', 'area:network'],
      members: ['user:default/priya.nair'],
    },
  ],
  owned: { services: 4, unsupported: 1, withGaps: 2 },
};

const entry = (
  name: string,
  rest: Partial<CoverageEntry> = {},
): CoverageEntry => ({
  entityRef: `component:default/${name}`,
  kind: 'component',
  type: 'service',
  engagementSource: 'entity',
  sreSupport: 'supported',
  sres: [],
  gaps: [],
  problemCount: 0,
  ...rest,
});

export const coverage: CoverageResponse = {
  totals: {
    services: 3,
    byEngagement: {
      embedded: 1,
      central: 1,
      enabling: 0,
      platform: 0,
      hybrid: 0,
      none: 1,
      undeclared: 0,
    },
    bySupport: { supported: 2, unstaffed: 0, none: 1, undeclared: 0 },
    withGaps: 1,
    withProblems: 1,
  },
  // The backend's order: without SRE support first, then with gaps.
  services: [
    entry('legacy-invoicing', {
      owner: 'group:default/payments-team',
      system: 'system:default/payments',
      engagement: 'none',
      sreSupport: 'none',
    }),
    entry('search-indexer', {
      owner: 'group:default/catalog-search-team',
      system: 'system:default/storefront',
      engagement: 'embedded',
      gaps: ['on-call'],
      problemCount: 1,
    }),
    entry('payment-gateway', {
      title: 'Payment Gateway',
      owner: 'group:default/payments-team',
      system: 'system:default/payments',
      engagement: 'central',
      engagementSource: 'system',
      sres: ['group:default/reliability-engineering'],
    }),
  ],
};

export function mockSreApi(
  overrides: Partial<SreApi> = {},
): jest.Mocked<SreApi> {
  return {
    getOwnership: jest.fn(async () => inheritedOwnership),
    getCoverage: jest.fn(async () => coverage),
    getTeamSupport: jest.fn(async () => teamSupport),
    listSlos: jest.fn(async () => sloList([])),
    getSloStatus: jest.fn(async () => healthySlo),
    getSloHistory: jest.fn(async (ref: any) => sloHistory(String(ref))),
    getSloEvaluatorHealth: jest.fn(async () => healthyEvaluator),
    listSliDeadLetters: jest.fn(async () => ({ items: [], totalCount: 0 })),
    retrySliDeadLetter: jest.fn(async () => {}),
    discardSliDeadLetter: jest.fn(async () => {}),
    ...overrides,
  } as jest.Mocked<SreApi>;
}
