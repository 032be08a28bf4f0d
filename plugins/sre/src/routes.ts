import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Route of the SRE coverage page. A core-plugin-api route ref works in both frontend
 * systems.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({
  id: 'sre',
});

/**
 * Route of the SLOs tab of an entity page (legacy frontend system), where the app
 * mounts {@link EntitySloContent}.
 *
 * @public
 */
export const sloContentRouteRef = createRouteRef({
  id: 'sre:slos',
});

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
