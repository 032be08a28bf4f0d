import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { rootRouteRef } from '../routes';

/** The path of the SLOs tab on entity pages, as the plugin mounts it. */
export const SLOS_TAB_PATH = 'slos';

/**
 * A function from a service (or System) ref to its SLOs tab, e.g.
 * `/catalog/default/component/checkout-api/slos`.
 */
export function useSlosTabLink(tabPath: string = SLOS_TAB_PATH) {
  const entityLink = useEntityRefLink();
  return (entityRef: string) =>
    `${entityLink(entityRef).replace(/\/$/, '')}/${tabPath}`;
}

/**
 * A function from filters to the SLO review view of the SRE page, or undefined when
 * the app does not mount that page.
 */
export function useSloReviewLink():
  | ((filters?: { owner?: string; system?: string }) => string)
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
    if (filters.system) query.set('system', filters.system);
    const search = query.toString();
    return `${base}/slo-review${search ? `?${search}` : ''}`;
  };
}
