import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { SreIncidentsClient, sreIncidentsApiRef } from '../api/incidents';
import { POSTMORTEMS_TITLE, RUNBOOKS_TITLE } from '../incidentLabels';

/** `api:sre/incidents`, the {@link SreIncidentsApi} client. */
export const sreIncidentsApi = ApiBlueprint.make({
  name: 'incidents',
  params: defineParams =>
    defineParams({
      api: sreIncidentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SreIncidentsClient({ discoveryApi, fetchApi }),
    }),
});

/** `entity-content:sre/runbooks`, the Runbooks tab of Components and Systems. */
export const sreRunbooksEntityContent = EntityContentBlueprint.make({
  name: 'runbooks',
  params: {
    path: '/runbooks',
    title: RUNBOOKS_TITLE,
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('../components/EntityRunbooksContent').then(m => (
        <m.EntityRunbooksContent />
      )),
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
      import('../components/EntityPostmortemsContent').then(m => (
        <m.EntityPostmortemsContent />
      )),
  },
});

/** `entity-card:sre/group-postmortems`, the team's postmortems and overdue action items, on Groups. */
export const sreGroupPostmortemsEntityCard = EntityCardBlueprint.make({
  name: 'group-postmortems',
  params: {
    type: 'content',
    filter: { kind: 'group' },
    loader: () =>
      import('../components/GroupPostmortemsCard').then(m => (
        <m.GroupPostmortemsCard />
      )),
  },
});

/**
 * The extensions of runbooks and postmortems for the new frontend system, to add to
 * the plugin's `extensions`.
 */
export const incidentsExtensions = [
  sreIncidentsApi,
  sreRunbooksEntityContent,
  srePostmortemsEntityContent,
  sreGroupPostmortemsEntityCard,
];
