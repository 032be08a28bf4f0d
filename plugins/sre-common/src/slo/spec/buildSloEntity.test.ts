import { buildSloEntity, toEntityLabels, toEntityName } from './buildSloEntity';
import { validateOpenSloSlo } from './validateOpenSlo';

describe('toEntityName', () => {
  it.each([
    ['checkout-requests-availability', 'checkout-requests-availability'],
    ['My Service-requests availability', 'My-Service-requests-availability'],
    ['k8s-apiserver/requests--latency', 'k8s-apiserver-requests-latency'],
    ['--edge..case__', 'edge.case'],
    [`${'a'.repeat(62)}-b`, 'a'.repeat(62)],
  ])('turns %p into %p', (text, name) => {
    expect(toEntityName(text)).toBe(name);
  });

  it('gives up when nothing is left', () => {
    expect(toEntityName('---')).toBeUndefined();
    expect(toEntityName('äöü')).toBeUndefined();
  });
});

describe('toEntityLabels', () => {
  it('keeps only labels that Backstage accepts', () => {
    expect(
      toEntityLabels({
        team: 'checkout',
        'pyrra.dev/team': 'payments',
        owner: 'team platform',
        'bad key!': 'x',
      }),
    ).toEqual({ team: 'checkout', 'pyrra.dev/team': 'payments' });
  });
});

describe('buildSloEntity', () => {
  it('builds an OpenSLO SLO entity that validates', () => {
    const entity = buildSloEntity({
      name: 'checkout-availability',
      namespace: 'shop',
      format: 'pyrra',
      service: 'checkout',
      description: 'Checkout requests succeed',
      labels: { team: 'checkout' },
      annotations: { 'sre-catalog.io/runbook-url': 'https://runbooks/x' },
      window: '28d',
      targetPercent: 99.5,
      budgetingMethod: 'RatioTimeslices',
      timeSliceWindow: '5m',
      indicatorName: 'checkout-availability',
      badQuery: 'errors_total',
      totalQuery: 'requests_total',
    });
    expect(entity).toMatchObject({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: {
        name: 'checkout-availability',
        namespace: 'shop',
        labels: { team: 'checkout' },
        annotations: {
          'sre-catalog.io/slo-format': 'pyrra',
          'sre-catalog.io/runbook-url': 'https://runbooks/x',
        },
      },
      spec: {
        timeWindow: [{ duration: '28d', isRolling: true }],
        objectives: [{ targetPercent: 99.5, timeSliceWindow: '5m' }],
      },
    });
    expect(validateOpenSloSlo(entity).definition).toMatchObject({
      ref: 'slo:shop/checkout-availability',
      format: 'pyrra',
      target: 0.995,
      budgetingMethod: 'RatioTimeslices',
      timeSliceWindowMs: 300_000,
      runbookUrls: ['https://runbooks/x'],
    });
  });
});
