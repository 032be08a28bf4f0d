import { Entity } from '@backstage/catalog-model';

const offering = (
  name: string,
  spec: Record<string, unknown>,
  title?: string,
): Entity => ({
  apiVersion: 'sre-catalog.io/v1alpha1',
  kind: 'SreOffering',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { request: { chat: `#${name}` }, ...spec },
});

const service = (
  name: string,
  annotations: Record<string, string>,
  kind = 'Component',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: `${name}-owners` },
});

/**
 * A small organisation for the offerings tests: three offerings of two providers
 * (one time-boxed collaboration that ended on 2026-11-20, one coaching that ends on
 * 2026-12-10), their adopters in every state, an SLO of one offering, a service
 * with a central SRE engagement ending 2026-12-14; `secret-service` and
 * `group:default/secret-team` are the entities tests hide.
 */
export function offeringCatalog(): Entity[] {
  return [
    offering(
      'ci-runners',
      {
        provider: 'platform',
        category: 'ci-cd',
        interaction: { mode: 'x-as-a-service' },
        implementedBy: ['runner-fleet', 'secret-service'],
        slos: ['ci-job-start', 'not-evaluated'],
      },
      'Managed CI runners',
    ),
    offering(
      'payments-migration',
      {
        provider: 'sre',
        category: 'infrastructure',
        interaction: {
          mode: 'collaboration',
          until: '2026-11-20',
          then: 'x-as-a-service',
        },
      },
      'Payments migration',
    ),
    offering(
      'slo-coaching',
      {
        provider: 'sre',
        category: 'coaching',
        interaction: {
          mode: 'facilitating',
          until: '2026-12-10',
          then: 'x-as-a-service',
        },
      },
      'SLO coaching',
    ),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'platform', namespace: 'default', title: 'Platform' },
      spec: {
        type: 'team',
        children: [],
        profile: { displayName: 'Platform Engineering' },
      },
    },
    service('runner-fleet', {}),
    service('checkout', {
      'sre-catalog.io/offerings':
        'ci-runners, payments-migration=leaving, slo-coaching=onboarding',
    }),
    service('search', { 'sre-catalog.io/offerings': 'ci-runners=requested' }),
    service('secret-service', {
      'sre-catalog.io/offerings': 'ci-runners=adopted',
    }),
    service('auth', {
      'sre-catalog.io/engagement': 'central',
      'sre-catalog.io/engagement-until': '2026-12-14',
      'sre-catalog.io/engagement-then': 'platform',
    }),
    service('ledger', {
      'sre-catalog.io/engagement': 'enabling',
      'sre-catalog.io/central-sre': 'group:default/sre',
      'sre-catalog.io/engagement-until': '2027-06-30',
      'sre-catalog.io/engagement-then': 'none',
    }),
    {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: {
        name: 'ci-job-start',
        namespace: 'default',
        displayName: 'CI jobs start',
      } as Entity['metadata'],
      spec: { service: 'runner-fleet' },
    },
    {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'not-evaluated', namespace: 'default' },
      spec: { service: 'runner-fleet' },
    },
  ];
}
