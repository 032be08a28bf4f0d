import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../routes';

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
  let root: (() => string) | undefined;
  try {
    // useRouteRef throws when the app does not mount the page. It is still called
    // exactly once on every render, and runs all of its own hooks before throwing,
    // so the order of hooks does not change.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    root = useRouteRef(rootRouteRef);
  } catch {
    root = undefined;
  }
  if (!root) return undefined;
  const base = root().replace(/\/$/, '');
  return (filters = {}) => {
    const query = new URLSearchParams();
    if (filters.owner) query.set('owner', filters.owner);
    const search = query.toString();
    return `${base}/${POSTMORTEM_LIBRARY_PATH}${search ? `?${search}` : ''}`;
  };
}
