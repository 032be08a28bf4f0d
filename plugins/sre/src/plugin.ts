import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { SreClient, sreApiRef } from './api';
import { SreIncidentsClient, sreIncidentsApiRef } from './api/incidents';
import {
  postmortemsContentRouteRef,
  runbooksContentRouteRef,
} from './incidentRoutes';
import { rootRouteRef, sloContentRouteRef } from './routes';

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
    createApiFactory({
      api: sreIncidentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SreIncidentsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    slos: sloContentRouteRef,
    runbooks: runbooksContentRouteRef,
    postmortems: postmortemsContentRouteRef,
  },
});

/**
 * The SRE page, mounted by the app, e.g. at `/sre`: the coverage view, the SLO
 * review (`slo-review`), the postmortem library (`postmortems`) and recent learnings
 * (`learnings`), as tabs.
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

/**
 * The SLOs tab of a Component or System: each SLO with its objective, alert state,
 * SLI, error budget, burn rates and budget history; for a System, the SLOs of its
 * components. Mount it at `/slos` of the entity page (the compact card links there).
 *
 * @public
 */
export const EntitySloContent = srePlugin.provide(
  createRoutableExtension({
    name: 'EntitySloContent',
    component: () =>
      import('./components/EntitySloContent').then(m => m.EntitySloContent),
    mountPoint: sloContentRouteRef,
  }),
);

/**
 * Compact entity card of a Component's or System's SLOs: one line per SLO with its
 * alert state and error budget left, linking to the SLOs tab.
 *
 * @public
 */
export const EntitySloCard = srePlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () =>
        import('./components/EntitySloCard').then(m => m.EntitySloCard),
    },
  }),
);

/**
 * Entity card for a Group: the SLOs of the services it owns or supports as SREs,
 * least error budget left first.
 *
 * @public
 */
export const EntityGroupSloCard = srePlugin.provide(
  createComponentExtension({
    name: 'EntityGroupSloCard',
    component: {
      lazy: () =>
        import('./components/EntityGroupSloCard').then(
          m => m.EntityGroupSloCard,
        ),
    },
  }),
);
