import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { POSTMORTEMS_TITLE } from '../postmortems/postmortemLabels';
import { RUNBOOKS_TITLE } from '../runbooks/runbookLabels';

/** `entity-content:sre/slos`, the SLOs tab of Components and Systems at `/slos`. */
export const sreSloEntityContent = EntityContentBlueprint.make({
  name: 'slos',
  params: {
    path: '/slos',
    title: 'SLOs',
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('../slos/EntitySloContent/EntitySloContent').then(m => (
        <m.EntitySloContent />
      )),
  },
});

/** `entity-content:sre/runbooks`, the Runbooks tab of Components and Systems. */
export const sreRunbooksEntityContent = EntityContentBlueprint.make({
  name: 'runbooks',
  params: {
    path: '/runbooks',
    title: RUNBOOKS_TITLE,
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('../runbooks/EntityRunbooksContent/EntityRunbooksContent').then(
        m => <m.EntityRunbooksContent />,
      ),
  },
});

/**
 * `entity-content:sre/postmortems`, the "Incidents & postmortems" tab of Components
 * and Systems at `/postmortems`, with `/postmortems/new`, `/postmortems/:id` and
 * `/postmortems/:id/edit` under it.
 */
export const srePostmortemsEntityContent = EntityContentBlueprint.make({
  name: 'postmortems',
  params: {
    path: '/postmortems',
    title: POSTMORTEMS_TITLE,
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import(
        '../postmortems/EntityPostmortemsContent/EntityPostmortemsContent'
      ).then(m => <m.EntityPostmortemsContent />),
  },
});
