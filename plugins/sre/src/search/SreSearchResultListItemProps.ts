import { ReactNode } from 'react';
import {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';

/**
 * What the search page hands a result list item.
 *
 * @public
 */
export type SreSearchResultListItemProps = {
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode;
};
