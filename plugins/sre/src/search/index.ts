export { PostmortemSearchResultListItem } from './PostmortemSearchResultListItem';
export { RunbookSearchResultListItem } from './RunbookSearchResultListItem';
export type { SreSearchResultListItemProps } from './SreSearchResultListItemProps';
