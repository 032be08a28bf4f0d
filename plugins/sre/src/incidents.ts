import {
  createComponentExtension,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import {
  postmortemsContentRouteRef,
  runbooksContentRouteRef,
} from './incidentRoutes';
import { srePlugin } from './plugin';

/**
 * The Runbooks tab of a Component or System (legacy frontend system): its runbooks
 * from catalog links, repository Markdown and SLO alert rules, stale ones marked, the
 * alerts each covers and those none does, and the selected runbook rendered safely.
 * Mount it at `/runbooks` of the entity page.
 *
 * @public
 */
export const EntityRunbooksContent = srePlugin.provide(
  createRoutableExtension({
    name: 'EntityRunbooksContent',
    component: () =>
      import('./components/EntityRunbooksContent').then(
        m => m.EntityRunbooksContent,
      ),
    mountPoint: runbooksContentRouteRef,
  }),
);

/**
 * The "Incidents & postmortems" tab of a Component or System (legacy frontend
 * system): its postmortems and their action items, a quick or full postmortem form,
 * each postmortem with its history, and editing. Mount it at `/postmortems` of the
 * entity page; it has routes of its own under it.
 *
 * @public
 */
export const EntityPostmortemsContent = srePlugin.provide(
  createRoutableExtension({
    name: 'EntityPostmortemsContent',
    component: () =>
      import('./components/EntityPostmortemsContent').then(
        m => m.EntityPostmortemsContent,
      ),
    mountPoint: postmortemsContentRouteRef,
  }),
);

/**
 * Entity card for a Group (legacy frontend system): its overdue action items and the
 * latest postmortems of the services it owns.
 *
 * @public
 */
export const EntityGroupPostmortemsCard = srePlugin.provide(
  createComponentExtension({
    name: 'EntityGroupPostmortemsCard',
    component: {
      lazy: () =>
        import('./components/GroupPostmortemsCard').then(
          m => m.GroupPostmortemsCard,
        ),
    },
  }),
);
