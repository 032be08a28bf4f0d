import { useEntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * The path of the "Incidents & postmortems" tab on entity pages, as the plugin mounts
 * it; search results link to `<entity page>/postmortems/<id>` too.
 */
export const POSTMORTEMS_TAB_PATH = 'postmortems';

/** The path of the "Runbooks" tab on entity pages. */
export const RUNBOOKS_TAB_PATH = 'runbooks';

/**
 * A function from a postmortem (its first affected entity and id) to its page in the
 * entity's "Incidents & postmortems" tab, e.g.
 * `/catalog/default/component/checkout-api/postmortems/<id>`.
 */
export function usePostmortemLink() {
  const entityLink = useEntityRefLink();
  return (postmortem: { id: string; entityRefs: string[] }) => {
    const [first] = postmortem.entityRefs;
    const base = first ? entityLink(first).replace(/\/$/, '') : '';
    return `${base}/${POSTMORTEMS_TAB_PATH}/${encodeURIComponent(
      postmortem.id,
    )}`;
  };
}
