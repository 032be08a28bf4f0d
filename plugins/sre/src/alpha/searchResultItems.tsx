import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import {
  SRE_POSTMORTEM_DOCUMENT_TYPE,
  SRE_RUNBOOK_DOCUMENT_TYPE,
} from '@sre-catalog/backstage-plugin-sre-common';
import DescriptionIcon from '@material-ui/icons/Description';
import MenuBookIcon from '@material-ui/icons/MenuBook';

/** `search-result-list-item:sre/postmortem`: how search shows a postmortem. */
export const srePostmortemSearchResultListItem =
  SearchResultListItemBlueprint.make({
    name: 'postmortem',
    params: {
      predicate: result => result.type === SRE_POSTMORTEM_DOCUMENT_TYPE,
      icon: <DescriptionIcon />,
      component: () =>
        import('../search/PostmortemSearchResultListItem').then(
          m => m.PostmortemSearchResultListItem,
        ),
    },
  });

/** `search-result-list-item:sre/runbook`: how search shows a runbook. */
export const sreRunbookSearchResultListItem =
  SearchResultListItemBlueprint.make({
    name: 'runbook',
    params: {
      predicate: result => result.type === SRE_RUNBOOK_DOCUMENT_TYPE,
      icon: <MenuBookIcon />,
      component: () =>
        import('../search/RunbookSearchResultListItem').then(
          m => m.RunbookSearchResultListItem,
        ),
    },
  });

/** `search-filter-result-type:sre/postmortems`: "Postmortems" in the type filter. */
export const srePostmortemSearchResultType =
  SearchFilterResultTypeBlueprint.make({
    name: 'postmortems',
    params: {
      value: SRE_POSTMORTEM_DOCUMENT_TYPE,
      name: 'Postmortems',
      icon: <DescriptionIcon />,
    },
  });

/** `search-filter-result-type:sre/runbooks`: "Runbooks" in the type filter. */
export const sreRunbookSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: 'runbooks',
  params: {
    value: SRE_RUNBOOK_DOCUMENT_TYPE,
    name: 'Runbooks',
    icon: <MenuBookIcon />,
  },
});
