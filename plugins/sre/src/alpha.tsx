/**
 * The SRE Catalog plugin for the new frontend system.
 *
 * @packageDocumentation
 */

import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { sreApi } from './alpha/apis';
import {
  sreGroupEntityCard,
  sreOwnershipEntityCard,
} from './alpha/entityCards';
import { sreCoveragePage } from './alpha/pages';
import { rootRouteRef } from './routes';

/**
 * The SRE Catalog plugin: the `sre` API client, the SRE coverage page at `/sre` (with
 * a sidebar entry) and the ownership cards on the entity overview of Components,
 * Systems, Resources and Groups.
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
  ],
});
