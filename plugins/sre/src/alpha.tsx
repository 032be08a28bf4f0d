/**
 * The SRE Catalog plugin for the new frontend system.
 *
 * @packageDocumentation
 */

import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { sreApi, sreIncidentsApi } from './alpha/apis';
import {
  sreGroupEntityCard,
  sreGroupPostmortemsEntityCard,
  sreGroupSloEntityCard,
  sreOwnershipEntityCard,
  sreSloEntityCard,
} from './alpha/entityCards';
import {
  srePostmortemsEntityContent,
  sreRunbooksEntityContent,
  sreSloEntityContent,
} from './alpha/entityContents';
import { sreCoveragePage } from './alpha/pages';
import {
  srePostmortemSearchResultListItem,
  srePostmortemSearchResultType,
  sreRunbookSearchResultListItem,
  sreRunbookSearchResultType,
} from './alpha/searchResultItems';
import { rootRouteRef } from './routes';

export { sreCatalogGraphModule } from './alpha/catalogGraphModule';
export { sreTranslationRef } from './translation';

/**
 * The SRE Catalog plugin: the `sre` API client, the SRE page at `/sre` (coverage and
 * SLO review, postmortem library and recent learnings, with a sidebar entry), the
 * ownership cards on the entity overview of Components, Systems, Resources and Groups,
 * the SLO cards on Components, Systems and Groups, the SLOs, Runbooks and "Incidents &
 * postmortems" tabs of Components and Systems, the team's postmortems on Groups, and
 * search result items and type filters for postmortems and runbooks.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'sre',
  title: 'SRE Catalog',
  icon: <VerifiedUserIcon fontSize="inherit" />,
  routes: {
    root: rootRouteRef,
  },
  extensions: [
    sreApi,
    sreCoveragePage,
    sreOwnershipEntityCard,
    sreGroupEntityCard,
    sreSloEntityCard,
    sreGroupSloEntityCard,
    sreSloEntityContent,
    sreIncidentsApi,
    sreRunbooksEntityContent,
    srePostmortemsEntityContent,
    sreGroupPostmortemsEntityCard,
    srePostmortemSearchResultListItem,
    sreRunbookSearchResultListItem,
    srePostmortemSearchResultType,
    sreRunbookSearchResultType,
  ],
});
