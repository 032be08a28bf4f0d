import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../routes';

/**
 * A function from a view of the SRE page and its query to a link, e.g.
 * `/sre/slo-review?owner=group:default/payments-team`; undefined when the app does not
 * mount the page. Query values that are empty are left out.
 */
export function useSrePageLink():
  | ((view: string, query?: Record<string, string | undefined>) => string)
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
  return (view, query = {}) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value) params.set(name, value);
    }
    const search = params.toString();
    return `${base}/${view}${search ? `?${search}` : ''}`;
  };
}
