import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useSrePageLink } from '../shared/useSrePageLink';

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
  const pageLink = useSrePageLink();
  if (!pageLink) return undefined;
  return (filters = {}) =>
    pageLink('slo-review', { owner: filters.owner, system: filters.system });
}
