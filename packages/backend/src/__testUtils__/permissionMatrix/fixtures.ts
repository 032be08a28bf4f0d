// The organisation of the permission-matrix test: one restricted service (as
// fraud-detection in examples/), its restricted SLO, team and members, next to a
// visible service that also carries a restricted SLO. Users sign in with the
// ownership claims the catalog sign-in resolver would give them: themselves and
// the Groups they are a member of.

const RESTRICTED = {
  'sre-catalog.io/visibility': 'restricted',
  'sre-catalog.io/restricted-to': 'group:default/risk-engineering',
};

/** The people who sign in, keyed by their role in the matrix. */
export const USERS = {
  /** Signed in, owns nothing: only the guests Group. */
  guest: { ref: 'user:default/guest', memberOf: ['guests'] },
  /** Member of checkout-team, the owner of the visible service. */
  owner: { ref: 'user:default/carla', memberOf: ['checkout-team'] },
  /** Member of a team that has nothing to do with either service. */
  otherTeam: { ref: 'user:default/pat', memberOf: ['payments-team'] },
  /**
   * Named as embedded SRE of both services, so the write rules would let them
   * write; but not in risk-engineering, so the catalog hides the restricted
   * service from them, and with it everything about it.
   */
  unseeing: { ref: 'user:default/sam', memberOf: ['reliability-engineering'] },
  /** Member of risk-engineering, the owner of the restricted service. */
  restrictedOwner: {
    ref: 'user:default/noor.rahman',
    memberOf: ['risk-engineering'],
  },
} as const;

export type UserRole = keyof typeof USERS;

/** The ownership claims of a user, as the catalog sign-in resolver issues them. */
export function claimsOf(role: UserRole): string[] {
  const user = USERS[role];
  return [user.ref, ...user.memberOf.map(g => `group:default/${g}`)];
}

export const VISIBLE = {
  service: 'component:default/checkout-api',
  slo: 'slo:default/checkout-availability',
  team: 'group:default/checkout-team',
};

export const HIDDEN = {
  service: 'component:default/fraud-detection',
  slo: 'slo:default/fraud-detection-decisions',
  team: 'group:default/risk-engineering',
};

/** Refs that do not exist: what a hidden resource must be indistinguishable from. */
export const MISSING = {
  service: 'component:default/no-such-service',
  slo: 'slo:default/no-such-slo',
  team: 'group:default/no-such-team',
};

/**
 * Every name of the restricted side: the service, its SLO, the restricted SLO of
 * the visible service, the owner Group and its members. Searched for as bare names
 * (case-insensitive) so that refs in any spelling are caught.
 */
export const HIDDEN_NAMES = [
  'fraud-detection',
  'fraud-detection-decisions',
  'checkout-fraud-screening',
  'risk-engineering',
  'noor.rahman',
  'oskar.lind',
];

/** A word only the restricted postmortem holds. */
export const HIDDEN_POSTMORTEM_MARKER = 'Velvetrope';

const group = (name: string, annotations?: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, ...(annotations && { annotations }) },
  spec: { type: 'team', children: [] },
});

const user = (
  name: string,
  memberOf: readonly string[],
  annotations?: Record<string, string>,
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, ...(annotations && { annotations }) },
  spec: { memberOf: [...memberOf] },
});

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string>,
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations,
    links: [
      {
        url: `https://runbooks.example.com/${name}`,
        title: `${name} runbook`,
        type: 'runbook',
      },
    ],
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});

const slo = (
  name: string,
  service: string,
  annotations?: Record<string, string>,
) => ({
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name, ...(annotations && { annotations }) },
  spec: {
    service,
    indicator: {
      metadata: { name: `${name}-sli` },
      spec: {
        ratioMetric: {
          counter: true,
          good: { metricSource: { type: 'builtin' } },
          total: { metricSource: { type: 'builtin' } },
        },
      },
    },
    budgetingMethod: 'Occurrences',
    timeWindow: [{ duration: '28d', isRolling: true }],
    objectives: [{ target: 0.99 }],
  },
});

/** The catalog, as the documents of one file location. */
export const ENTITIES = [
  group('guests'),
  group('checkout-team'),
  group('payments-team'),
  group('reliability-engineering'),
  group('risk-engineering', RESTRICTED),
  user('guest', USERS.guest.memberOf),
  user('carla', USERS.owner.memberOf),
  user('pat', USERS.otherTeam.memberOf),
  user('sam', USERS.unseeing.memberOf),
  user('noor.rahman', USERS.restrictedOwner.memberOf, RESTRICTED),
  user('oskar.lind', ['risk-engineering'], RESTRICTED),
  component('checkout-api', 'checkout-team', {
    'sre-catalog.io/engagement': 'embedded',
    'sre-catalog.io/embedded-sres': USERS.unseeing.ref,
  }),
  component('payments-api', 'payments-team', {}),
  component('fraud-detection', 'risk-engineering', {
    'sre-catalog.io/visibility': 'restricted',
    'sre-catalog.io/engagement': 'embedded',
    'sre-catalog.io/embedded-sres': USERS.unseeing.ref,
  }),
  slo('checkout-availability', 'checkout-api'),
  slo('checkout-fraud-screening', 'checkout-api', RESTRICTED),
  slo('fraud-detection-decisions', 'fraud-detection', RESTRICTED),
];

/** The file location's content: JSON documents are YAML documents too. */
export function entitiesYaml(): string {
  return ENTITIES.map(e => JSON.stringify(e, null, 2)).join('\n---\n');
}

/** A valid quick postmortem about one service and its SLO. */
export function postmortemBody(
  target: { service: string; slo?: string },
  options: { title: string; itemOwner: string; startedDaysAgo?: number },
) {
  const startedAt = new Date(
    Date.now() - (options.startedDaysAgo ?? 3) * 86_400_000,
  ).toISOString();
  return {
    title: options.title,
    severity: 'SEV2',
    startedAt,
    entityRefs: [target.service],
    impactedSlos: target.slo
      ? [{ sloRef: target.slo, budgetConsumed: 0.1 }]
      : [],
    summary: `${options.title}: requests failed for 20 minutes.`,
    actionItems: [
      {
        title: `Follow up on ${options.title}`,
        owner: options.itemOwner,
        priority: 'P2',
      },
    ],
  };
}

/** Minute buckets ending at the last full minute, all failing unless `good`. */
export function minuteBuckets(
  count: number,
  options: { good?: boolean; offsetMinutes?: number } = {},
) {
  const minute = 60_000;
  const last =
    Math.floor(Date.now() / minute) * minute -
    (1 + (options.offsetMinutes ?? 0)) * minute;
  return Array.from({ length: count }, (_, i) => ({
    start: new Date(last - (count - 1 - i) * minute).toISOString(),
    good: options.good ? 100 : 0,
    total: 100,
  }));
}
