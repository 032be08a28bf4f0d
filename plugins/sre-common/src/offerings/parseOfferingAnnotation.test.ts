import { Entity } from '@backstage/catalog-model';
import { parseOfferingAnnotation } from './parseOfferingAnnotation';

const service = (offerings?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'shop',
    annotations:
      offerings === undefined ? {} : { 'sre-catalog.io/offerings': offerings },
  },
  spec: { type: 'service', owner: 'checkout-team' },
});

describe('parseOfferingAnnotation', () => {
  it('reads refs in the entity namespace with their adoption state, adopted by default', () => {
    expect(
      parseOfferingAnnotation(
        service(
          'managed-postgres=onboarding, SreOffering:platform/CI-Runners ,, observability=leaving',
        ),
      ),
    ).toEqual({
      uses: [
        {
          offeringRef: 'sreoffering:shop/managed-postgres',
          state: 'onboarding',
        },
        { offeringRef: 'sreoffering:platform/ci-runners', state: 'adopted' },
        { offeringRef: 'sreoffering:shop/observability', state: 'leaving' },
      ],
      problems: [],
    });
  });

  it('keeps the good items and names each bad one', () => {
    const { uses, problems } = parseOfferingAnnotation(
      service(
        'ci-runners=requested, pg=paused, group:platform, a=b=c, bad name',
      ),
    );
    expect(uses).toEqual([
      { offeringRef: 'sreoffering:shop/ci-runners', state: 'requested' },
    ]);
    expect(problems.map(p => [p.value, p.message])).toEqual([
      [
        'pg=paused',
        '"pg=paused" has an unknown adoption state "paused"; expected one of requested, onboarding, adopted, leaving',
      ],
      [
        'group:platform',
        '"group:platform" must refer to a sreoffering, not a group',
      ],
      ['a=b=c', expect.stringContaining('unknown adoption state')],
      ['bad name', '"bad name" has an invalid entity name "bad name"'],
    ]);
    expect(problems[0]).toMatchObject({
      entityRef: 'component:shop/checkout',
      annotation: 'sre-catalog.io/offerings',
    });
  });

  it('has nothing to say about an entity without the annotation', () => {
    expect(parseOfferingAnnotation(service())).toEqual({
      uses: [],
      problems: [],
    });
  });
});
