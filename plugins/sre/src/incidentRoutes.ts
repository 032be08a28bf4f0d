import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Route of the Runbooks tab of an entity page (legacy frontend system), where the
 * app mounts {@link EntityRunbooksContent}; `/runbooks` by convention (search
 * results of repository runbooks link there).
 *
 * @public
 */
export const runbooksContentRouteRef = createRouteRef({
  id: 'sre:runbooks',
});

/**
 * Route of the "Incidents & postmortems" tab of an entity page (legacy frontend
 * system), where the app mounts {@link EntityPostmortemsContent}; `/postmortems` by
 * convention (search results link to `/postmortems/<id>` under the entity page).
 *
 * @public
 */
export const postmortemsContentRouteRef = createRouteRef({
  id: 'sre:postmortems',
});
