import { PageBlueprint } from '@backstage/frontend-plugin-api';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { SRE_PAGE_TITLE } from '../reliabilityPage/pageLabels';
import { rootRouteRef } from '../routes';

/**
 * The SRE page, `page:sre`, at `/sre`: coverage, SLO review, postmortem library and
 * recent learnings, as tabs. Its title and icon put it in the app's sidebar; the
 * app's page header shows the title, so the content comes without a header of its own.
 */
export const sreCoveragePage = PageBlueprint.make({
  params: {
    path: '/sre',
    routeRef: rootRouteRef,
    title: SRE_PAGE_TITLE,
    icon: <VerifiedUserIcon fontSize="inherit" />,
    loader: () =>
      import('../reliabilityPage/SrePageTabs').then(m => <m.SrePageTabs />),
  },
});
