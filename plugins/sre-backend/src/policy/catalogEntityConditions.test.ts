import { restrictedEntityConditions } from './catalogEntityConditions';

// That these objects are what the catalog's own rules read is tested in the demo
// backend (packages/backend), which depends on the catalog backend.
describe('restrictedEntityConditions', () => {
  const notRestricted = {
    not: {
      rule: 'HAS_ANNOTATION',
      resourceType: 'catalog-entity',
      params: {
        annotation: 'sre-catalog.io/visibility',
        value: 'restricted',
      },
    },
  };

  it('lets the claims read what is not restricted, what they own and what is restricted to them', () => {
    expect(
      restrictedEntityConditions([
        'user:default/noor.rahman',
        'group:default/risk-engineering',
      ]),
    ).toEqual({
      anyOf: [
        notRestricted,
        {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: [
              'user:default/noor.rahman',
              'group:default/risk-engineering',
            ],
          },
        },
        {
          rule: 'HAS_ANNOTATION',
          resourceType: 'catalog-entity',
          params: {
            annotation: 'sre-catalog.io/restricted-to',
            value: 'user:default/noor.rahman',
          },
        },
        {
          rule: 'HAS_ANNOTATION',
          resourceType: 'catalog-entity',
          params: {
            annotation: 'sre-catalog.io/restricted-to',
            value: 'group:default/risk-engineering',
          },
        },
      ],
    });
  });

  it('without claims, only what is not restricted', () => {
    expect(restrictedEntityConditions([])).toEqual(notRestricted);
  });
});
