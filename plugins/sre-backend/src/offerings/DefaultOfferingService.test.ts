import { mockCredentials } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { SloStatus } from '@sre-catalog/backstage-plugin-sre-common';
import { catalogHidingEntities } from '../postmortems/__testUtils__/catalogHidingEntities';
import { DefaultOfferingService } from './DefaultOfferingService';
import { offeringCatalog } from './__testUtils__/offeringCatalog';

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');

function setup() {
  const { catalog } = catalogHidingEntities(offeringCatalog(), {
    // Bob may not see the secret service, nor the not-evaluated SLO.
    'user:default/bob': [
      'component:default/secret-service',
      'slo:default/not-evaluated',
    ],
  });
  const getStatus = jest.fn(async (sloRef: string) => {
    if (sloRef !== 'slo:default/ci-job-start') {
      throw new NotFoundError(`No status of ${sloRef}`);
    }
    return { sloRef, alert: 'ticket' } as SloStatus;
  });
  const service = new DefaultOfferingService({
    catalog,
    slos: { getStatus },
    ownershipConfig: {
      centralSreTeam: 'group:default/central-sre',
      baseline: {},
    },
    now: () => new Date('2026-12-04T10:00:00Z'),
  });
  return { service, getStatus };
}

describe('DefaultOfferingService', () => {
  it('lists offerings by title with adopters per state, SLO statuses and visible refs only', async () => {
    const { service } = setup();
    const page = await service.listOfferings(
      { limit: 10, offset: 0 },
      { credentials: bob },
    );
    expect(page.totalCount).toBe(3);
    expect(page.items.map(o => o.title)).toEqual([
      'Managed CI runners',
      'Payments migration',
      'SLO coaching',
    ]);
    expect(page.items[0]).toEqual({
      entityRef: 'sreoffering:default/ci-runners',
      title: 'Managed CI runners',
      provider: 'group:default/platform',
      providerTitle: 'Platform Engineering',
      category: 'ci-cd',
      interaction: { mode: 'x-as-a-service' },
      request: { chat: '#ci-runners' },
      documentation: [],
      // The hidden service is neither an implementer nor an adopter for Bob.
      implementedBy: ['component:default/runner-fleet'],
      slos: [
        {
          sloRef: 'slo:default/ci-job-start',
          title: 'CI jobs start',
          status: { sloRef: 'slo:default/ci-job-start', alert: 'ticket' },
        },
      ],
      adopters: {
        requested: 1,
        onboarding: 0,
        adopted: 1,
        leaving: 0,
        total: 2,
      },
    });
    expect(page.items[1].interaction).toEqual({
      mode: 'collaboration',
      until: '2026-11-20',
      then: 'x-as-a-service',
      expiry: 'expired',
    });
    expect(page.items[2].interaction.expiry).toBe('expiring');
  });

  it('counts what the caller sees: Alice sees the secret adopter and the unevaluated SLO', async () => {
    const { service } = setup();
    const { items } = await service.listOfferings(
      { limit: 1, offset: 0 },
      { credentials: alice },
    );
    expect(items).toHaveLength(1);
    expect(items[0].adopters.total).toBe(3);
    expect(items[0].slos.map(s => [s.sloRef, !!s.status])).toEqual([
      ['slo:default/ci-job-start', true],
      ['slo:default/not-evaluated', false],
    ]);
  });

  it('filters by provider and category, and pages', async () => {
    const { service } = setup();
    const bySre = await service.listOfferings(
      { provider: 'group:default/sre', limit: 1, offset: 1 },
      { credentials: alice },
    );
    expect(bySre.totalCount).toBe(2);
    expect(bySre.items.map(o => o.entityRef)).toEqual([
      'sreoffering:default/slo-coaching',
    ]);
    const coaching = await service.listOfferings(
      { category: 'coaching', limit: 10, offset: 0 },
      { credentials: alice },
    );
    expect(coaching.items.map(o => o.entityRef)).toEqual([
      'sreoffering:default/slo-coaching',
    ]);
  });

  it('gets one offering with its adopters by state, and 404 for what is not an offering', async () => {
    const { service } = setup();
    const details = await service.getOffering(
      { kind: 'sreoffering', namespace: 'default', name: 'ci-runners' },
      { credentials: bob },
    );
    expect(details.adopters).toEqual([
      {
        entityRef: 'component:default/search',
        owner: 'group:default/search-owners',
        state: 'requested',
      },
      {
        entityRef: 'component:default/checkout',
        owner: 'group:default/checkout-owners',
        state: 'adopted',
      },
    ]);
    await expect(
      service.getOffering(
        { kind: 'sreoffering', namespace: 'default', name: 'nope' },
        { credentials: bob },
      ),
    ).rejects.toThrow(NotFoundError);
  });

  it('lists the offerings a service uses in its annotation order, with its state of each', async () => {
    const { service } = setup();
    const uses = await service.getEntityOfferings(
      { kind: 'component', namespace: 'default', name: 'checkout' },
      { credentials: bob },
    );
    expect(uses.offerings.map(o => [o.offering.entityRef, o.state])).toEqual([
      ['sreoffering:default/ci-runners', 'adopted'],
      ['sreoffering:default/payments-migration', 'leaving'],
      ['sreoffering:default/slo-coaching', 'onboarding'],
    ]);
    await expect(
      service.getEntityOfferings(
        { kind: 'component', namespace: 'default', name: 'secret-service' },
        { credentials: bob },
      ),
    ).rejects.toThrow(NotFoundError);
  });

  it('lists expired and expiring engagements, the most overdue first, per team', async () => {
    const { service } = setup();
    const { items } = await service.listExpiringEngagements(
      {},
      { credentials: bob },
    );
    expect(items).toEqual([
      {
        type: 'offering',
        entityRef: 'sreoffering:default/payments-migration',
        title: 'Payments migration',
        team: 'group:default/sre',
        current: 'collaboration',
        until: '2026-11-20',
        then: 'x-as-a-service',
        daysLeft: -14,
        expiry: 'expired',
      },
      {
        type: 'offering',
        entityRef: 'sreoffering:default/slo-coaching',
        title: 'SLO coaching',
        team: 'group:default/sre',
        current: 'facilitating',
        until: '2026-12-10',
        then: 'x-as-a-service',
        daysLeft: 6,
        expiry: 'expiring',
      },
      {
        // No central team of its own: the organisation's.
        type: 'service',
        entityRef: 'component:default/auth',
        team: 'group:default/central-sre',
        current: 'central',
        until: '2026-12-14',
        then: 'platform',
        daysLeft: 10,
        expiry: 'expiring',
      },
    ]);
    const central = await service.listExpiringEngagements(
      { group: 'group:default/central-sre' },
      { credentials: bob },
    );
    expect(central.items.map(i => i.entityRef)).toEqual([
      'component:default/auth',
    ]);
  });
});
