import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** `entity-content:sre/slos`, the SLOs tab of Components and Systems at `/slos`. */
export const sreSloEntityContent = EntityContentBlueprint.make({
  name: 'slos',
  params: {
    path: '/slos',
    title: 'SLOs',
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('../components/EntitySloContent').then(m => (
        <m.EntitySloContent />
      )),
  },
});
