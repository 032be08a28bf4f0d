import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** `entity-card:sre/ownership`, on the overview of Components, Systems and Resources. */
export const sreOwnershipEntityCard = EntityCardBlueprint.make({
  name: 'ownership',
  params: {
    type: 'content',
    filter: { kind: { $in: ['component', 'system', 'resource'] } },
    loader: () =>
      import('../ownership/EntitySreOwnershipCard').then(m => (
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
      import('../ownership/EntityGroupSreCard').then(m => (
        <m.EntityGroupSreCard />
      )),
  },
});

/**
 * `entity-card:sre/slos`, the compact SLO card on the overview of Components and
 * Systems, in the info column next to the main content.
 */
export const sreSloEntityCard = EntityCardBlueprint.make({
  name: 'slos',
  params: {
    type: 'info',
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('../slos/EntitySloCard').then(m => <m.EntitySloCard />),
  },
});

/** `entity-card:sre/group-slos`, the SLOs of the team's services, on Groups. */
export const sreGroupSloEntityCard = EntityCardBlueprint.make({
  name: 'group-slos',
  params: {
    type: 'content',
    filter: { kind: 'group' },
    loader: () =>
      import('../slos/EntityGroupSloCard').then(m => <m.EntityGroupSloCard />),
  },
});

/** `entity-card:sre/group-postmortems`, the team's postmortems and overdue action items, on Groups. */
export const sreGroupPostmortemsEntityCard = EntityCardBlueprint.make({
  name: 'group-postmortems',
  params: {
    type: 'content',
    filter: { kind: 'group' },
    loader: () =>
      import('../postmortems/GroupPostmortemsCard').then(m => (
        <m.GroupPostmortemsCard />
      )),
  },
});
