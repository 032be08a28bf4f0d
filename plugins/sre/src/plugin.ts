import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { SreClient, sreApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The SRE Catalog plugin for apps on the legacy frontend system. New-system apps use
 * the default export of `@sre-catalog/backstage-plugin-sre/alpha`.
 *
 * @public
 */
export const srePlugin = createPlugin({
  id: 'sre',
  apis: [
    createApiFactory({
      api: sreApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SreClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The SRE coverage page, mounted by the app, e.g. at `/sre`.
 *
 * @public
 */
export const SrePage = srePlugin.provide(
  createRoutableExtension({
    name: 'SrePage',
    component: () =>
      import('./components/SreCoveragePage').then(m => m.SreCoveragePage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity card with who is responsible for the reliability of a Component, System or
 * Resource.
 *
 * @public
 */
export const EntitySreOwnershipCard = srePlugin.provide(
  createComponentExtension({
    name: 'EntitySreOwnershipCard',
    component: {
      lazy: () =>
        import('./components/EntitySreOwnershipCard').then(
          m => m.EntitySreOwnershipCard,
        ),
    },
  }),
);

/**
 * Entity card for a Group: the services it supports as SREs and the SRE coverage of
 * those it owns.
 *
 * @public
 */
export const EntityGroupSreCard = srePlugin.provide(
  createComponentExtension({
    name: 'EntityGroupSreCard',
    component: {
      lazy: () =>
        import('./components/EntityGroupSreCard').then(
          m => m.EntityGroupSreCard,
        ),
    },
  }),
);
