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
