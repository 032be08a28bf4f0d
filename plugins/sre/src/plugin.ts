import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import {
  SRE_POSTMORTEM_DOCUMENT_TYPE,
  SRE_RUNBOOK_DOCUMENT_TYPE,
} from '@sre-catalog/backstage-plugin-sre-common';
import { SreClient, sreApiRef } from './api';
import { sreIncidentsApiRef } from './api/SreIncidentsApi';
import {
  rootRouteRef,
  sloContentRouteRef,
  runbooksContentRouteRef,
  postmortemsContentRouteRef,
} from './routes';
import type { EntitySloCardProps } from './slos/EntitySloCard';
import type { EntityGroupSloCardProps } from './slos/EntityGroupSloCard';
import type { GroupPostmortemsCardProps } from './postmortems/GroupPostmortemsCard';
import type { SreSearchResultListItemProps } from './search';

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
        new SreClient({ discoveryApi, fetchApi }),
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
export const SrePage: () => JSX.Element = srePlugin.provide(
  createRoutableExtension({
    name: 'SrePage',
    component: () =>
      import('./reliabilityPage/SreCoveragePage').then(m => m.SreCoveragePage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity card with who is responsible for the reliability of a Component, System or
 * Resource.
 *
 * @public
 */
export const EntitySreOwnershipCard: () => JSX.Element = srePlugin.provide(
  createComponentExtension({
    name: 'EntitySreOwnershipCard',
    component: {
      lazy: () =>
        import('./ownership/EntitySreOwnershipCard').then(
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
export const EntityGroupSreCard: () => JSX.Element = srePlugin.provide(
  createComponentExtension({
    name: 'EntityGroupSreCard',
    component: {
      lazy: () =>
        import('./ownership/EntityGroupSreCard').then(
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
export const EntitySloContent: () => JSX.Element | null = srePlugin.provide(
  createRoutableExtension({
    name: 'EntitySloContent',
    component: () =>
      import('./slos/EntitySloContent/EntitySloContent').then(
        m => m.EntitySloContent,
      ),
    mountPoint: sloContentRouteRef,
  }),
);

/**
 * Compact entity card of a Component's or System's SLOs: one line per SLO with its
 * alert state and error budget left, linking to the SLOs tab.
 *
 * @public
 */
export const EntitySloCard: (props: EntitySloCardProps) => JSX.Element =
  srePlugin.provide(
    createComponentExtension({
      name: 'EntitySloCard',
      component: {
        lazy: () => import('./slos/EntitySloCard').then(m => m.EntitySloCard),
      },
    }),
  );

/**
 * Entity card for a Group: the SLOs of the services it owns or supports as SREs,
 * least error budget left first.
 *
 * @public
 */
export const EntityGroupSloCard: (
  props: EntityGroupSloCardProps,
) => JSX.Element = srePlugin.provide(
  createComponentExtension({
    name: 'EntityGroupSloCard',
    component: {
      lazy: () =>
        import('./slos/EntityGroupSloCard').then(m => m.EntityGroupSloCard),
    },
  }),
);

/**
 * The Runbooks tab of a Component or System (legacy frontend system): its runbooks
 * from catalog links, repository Markdown and SLO alert rules, stale ones marked, the
 * alerts each covers and those none does, and the selected runbook rendered safely.
 * Mount it at `/runbooks` of the entity page.
 *
 * @public
 */
export const EntityRunbooksContent: () => JSX.Element | null =
  srePlugin.provide(
    createRoutableExtension({
      name: 'EntityRunbooksContent',
      component: () =>
        import('./runbooks/EntityRunbooksContent/EntityRunbooksContent').then(
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
export const EntityPostmortemsContent: () => JSX.Element = srePlugin.provide(
  createRoutableExtension({
    name: 'EntityPostmortemsContent',
    component: () =>
      import(
        './postmortems/EntityPostmortemsContent/EntityPostmortemsContent'
      ).then(m => m.EntityPostmortemsContent),
    mountPoint: postmortemsContentRouteRef,
  }),
);

/**
 * Entity card for a Group (legacy frontend system): its overdue action items and the
 * latest postmortems of the services it owns.
 *
 * @public
 */
export const EntityGroupPostmortemsCard: (
  props: GroupPostmortemsCardProps,
) => JSX.Element = srePlugin.provide(
  createComponentExtension({
    name: 'EntityGroupPostmortemsCard',
    component: {
      lazy: () =>
        import('./postmortems/GroupPostmortemsCard').then(
          m => m.GroupPostmortemsCard,
        ),
    },
  }),
);

/**
 * The search result list item of postmortems (document type `sre-postmortem`), for
 * the `SearchResult` of a legacy app's search page.
 *
 * @public
 */
export const SrePostmortemSearchResultListItem: (
  props: SreSearchResultListItemProps,
) => JSX.Element | null = srePlugin.provide(
  createSearchResultListItemExtension({
    name: 'SrePostmortemSearchResultListItem',
    component: () =>
      import('./search/PostmortemSearchResultListItem').then(
        m => m.PostmortemSearchResultListItem,
      ),
    predicate: result => result.type === SRE_POSTMORTEM_DOCUMENT_TYPE,
  }),
);

/**
 * The search result list item of runbooks (document type `sre-runbook`), for the
 * `SearchResult` of a legacy app's search page.
 *
 * @public
 */
export const SreRunbookSearchResultListItem: (
  props: SreSearchResultListItemProps,
) => JSX.Element | null = srePlugin.provide(
  createSearchResultListItemExtension({
    name: 'SreRunbookSearchResultListItem',
    component: () =>
      import('./search/RunbookSearchResultListItem').then(
        m => m.RunbookSearchResultListItem,
      ),
    predicate: result => result.type === SRE_RUNBOOK_DOCUMENT_TYPE,
  }),
);
