import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** `entity-card:sre/ownership`, on the overview of Components, Systems and Resources. */
export const sreOwnershipEntityCard = EntityCardBlueprint.make({
  name: 'ownership',
  params: {
    type: 'content',
    filter: { kind: { $in: ['component', 'system', 'resource'] } },
    loader: () =>
      import('../components/EntitySreOwnershipCard').then(m => (
        <m.EntitySreOwnershipCard />
      )),
  },
});

/** `entity-card:sre/group`, on the overview of Groups. */
export const sreGroupEntityCard = EntityCardBlueprint.make({
  name: 'group',
  params: {
    type: 'content',
    filter: { kind: 'group' },
    loader: () =>
      import('../components/EntityGroupSreCard').then(m => (
        <m.EntityGroupSreCard />
      )),
  },
});
