import { Entity } from '@backstage/catalog-model';

/** A catalog entity of the default namespace; `metadata` goes with its name. */
export const catalogEntity = (
  kind: string,
  name: string,
  metadata: Partial<Entity['metadata']> = {},
  spec: Entity['spec'] = {},
  relations: Entity['relations'] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...metadata },
  spec,
  relations,
});

/**
 * The teams of the test organisation: checkout-team, of which priya.nair is a
 * member, and the platform team reliability-engineering.
 */
export const teamEntities = (): Entity[] => [
  catalogEntity('Group', 'checkout-team', {}, { type: 'team' }, [
    { type: 'hasMember', targetRef: 'user:default/priya.nair' },
  ]),
  catalogEntity(
    'Group',
    'reliability-engineering',
    { annotations: { 'sre-catalog.io/team-type': 'platform' } },
    { type: 'team' },
  ),
];
