import { useSrePageLink } from '../shared/useSrePageLink';

/** The path of the postmortem library under the SRE page. */
export const POSTMORTEM_LIBRARY_PATH = 'postmortems';

/** The path of the recent learnings under the SRE page. */
export const RECENT_LEARNINGS_PATH = 'learnings';

/**
 * A function from filters to the postmortem library of the SRE page, or undefined
 * when the app does not mount that page.
 */
export function usePostmortemLibraryLink():
  | ((filters?: { owner?: string }) => string)
  | undefined {
  const pageLink = useSrePageLink();
  if (!pageLink) return undefined;
  return (filters = {}) =>
    pageLink(POSTMORTEM_LIBRARY_PATH, { owner: filters.owner });
}
